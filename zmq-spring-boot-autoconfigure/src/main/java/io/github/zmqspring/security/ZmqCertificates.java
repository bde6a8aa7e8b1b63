/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.zmqspring.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import org.springframework.core.io.Resource;

/**
 * Reads and writes CURVE certificates in ZeroMQ's ZPL format, the files that pyzmq's
 * {@code zmq.auth.create_certificates} and JeroMQ's {@code ZCert} write: a {@code curve}
 * section with {@code public-key} and, in a secret certificate, {@code secret-key}, both
 * as quoted Z85 text. Error messages name the file, never a key.
 *
 * @author zmq-spring-boot
 */
public final class ZmqCertificates {

	/** The largest certificate file read. */
	static final int MAX_SIZE = 64 * 1024;

	private ZmqCertificates() {
	}

	/**
	 * Read a certificate from a resource.
	 * @param resource the certificate
	 * @return its keys (the secret key is {@code null} in a public certificate)
	 * @throws IOException when it cannot be read
	 * @throws IllegalArgumentException when it is not a valid certificate
	 */
	public static ZmqKeyPair read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_SIZE + 1);
			return parse(bytes, resource.getDescription());
		}
	}

	/**
	 * Read a certificate file.
	 * @param file the certificate
	 * @return its keys (the secret key is {@code null} in a public certificate)
	 * @throws IOException when it cannot be read
	 * @throws IllegalArgumentException when it is not a valid certificate
	 */
	public static ZmqKeyPair read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return parse(in.readNBytes(MAX_SIZE + 1), file.toString());
		}
	}

	/**
	 * Parse the text of a certificate.
	 * @param bytes the file's bytes
	 * @param description where it comes from, for error messages
	 * @return its keys
	 * @throws IllegalArgumentException when it is not a valid certificate
	 */
	static ZmqKeyPair parse(byte[] bytes, String description) {
		if (bytes.length > MAX_SIZE) {
			throw new IllegalArgumentException(description + " is larger than " + MAX_SIZE + " bytes");
		}
		String publicKey = null;
		String secretKey = null;
		String section = null;
		for (String raw : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
			String line = stripComment(raw);
			if (line.isBlank()) {
				continue;
			}
			boolean indented = Character.isWhitespace(line.charAt(0));
			String text = line.trim();
			int equals = text.indexOf('=');
			if (!indented && equals < 0) {
				section = text;
				continue;
			}
			if (equals < 0 || !"curve".equals(section)) {
				continue;
			}
			String name = text.substring(0, equals).trim();
			String value = unquote(text.substring(equals + 1).trim());
			if ("public-key".equals(name)) {
				publicKey = value;
			}
			else if ("secret-key".equals(name)) {
				secretKey = value;
			}
		}
		if (publicKey == null) {
			throw new IllegalArgumentException(
					description + " is not a CURVE certificate: no public-key in a 'curve' section");
		}
		String problem = ZmqCurveKeys.problem(publicKey);
		if (problem != null) {
			throw new IllegalArgumentException(description + ": public-key " + problem);
		}
		if (secretKey != null) {
			problem = ZmqCurveKeys.problem(secretKey);
			if (problem != null) {
				throw new IllegalArgumentException(description + ": secret-key " + problem);
			}
			if (!Arrays.equals(ZmqCurveKeys.publicKeyOf(ZmqCurveKeys.decode(secretKey)),
					ZmqCurveKeys.decode(publicKey))) {
				throw new IllegalArgumentException(description + ": public-key does not belong to secret-key");
			}
		}
		return new ZmqKeyPair(publicKey.trim(), (secretKey != null) ? secretKey.trim() : null);
	}

	// a '#' starts a comment outside quotes; Z85 keys contain '#', always quoted
	private static String stripComment(String line) {
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '#') {
				return line.substring(0, i);
			}
		}
		return line;
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
				&& value.charAt(value.length() - 1) == value.charAt(0)) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	/**
	 * Write a key pair as certificate files, named as pyzmq names them:
	 * {@code <name>.key} (public, to hand out) and {@code <name>.key_secret} (public and
	 * secret, readable by its owner only where the file system allows).
	 * @param keys the key pair
	 * @param directory the directory, created when missing
	 * @param name the base name of the files
	 * @return the public certificate and the secret one (absent when the pair has no
	 * secret key)
	 * @throws IOException when a file cannot be written
	 */
	public static Path[] write(ZmqKeyPair keys, Path directory, String name) throws IOException {
		Files.createDirectories(directory);
		Path publicFile = directory.resolve(name + ".key");
		Files.writeString(publicFile, publicText(keys), StandardCharsets.UTF_8);
		if (!keys.hasSecretKey()) {
			return new Path[] { publicFile };
		}
		Path secretFile = directory.resolve(name + ".key_secret");
		Files.deleteIfExists(secretFile);
		Files.createFile(secretFile);
		try {
			Files.setPosixFilePermissions(secretFile,
					Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: its default permissions apply
		}
		try (Writer writer = Files.newBufferedWriter(secretFile, StandardCharsets.UTF_8,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			writer.write(secretText(keys));
		}
		return new Path[] { publicFile, secretFile };
	}

	/**
	 * @param keys the key pair
	 * @return the text of its public certificate
	 */
	public static String publicText(ZmqKeyPair keys) {
		return header("Public") + "#   Exchange securely, or use a secure mechanism to verify the contents\n"
				+ "#   of this file after exchange.\n\n" + "metadata\ncurve\n    public-key = \"" + keys.getPublicKey()
				+ "\"\n";
	}

	/**
	 * @param keys the key pair, with its secret key
	 * @return the text of its secret certificate
	 */
	public static String secretText(ZmqKeyPair keys) {
		if (!keys.hasSecretKey()) {
			throw new IllegalArgumentException("the key pair has no secret key");
		}
		return header("**Secret**") + "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n"
				+ "metadata\ncurve\n    public-key = \"" + keys.getPublicKey() + "\"\n    secret-key = \""
				+ keys.getSecretKey() + "\"\n";
	}

	private static String header(String kind) {
		return "#   ****  Generated on " + Instant.now() + " by zmq-spring-boot  ****\n" + "#   ZeroMQ CURVE " + kind
				+ " Certificate\n";
	}

}
