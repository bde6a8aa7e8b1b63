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
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Generates CURVE key pairs as certificate files that JeroMQ, pyzmq and libzmq read:
 *
 * <pre>
 * java -cp zmq-spring-boot-autoconfigure.jar:jeromq.jar:jnacl.jar io.github.zmqspring.security.ZmqKeyTool generate
 * java -cp ... io.github.zmqspring.security.ZmqKeyTool generate /etc/app/keys server
 * </pre>
 *
 * The first prints a secret certificate (public and secret key); the second writes
 * {@code server.key} (public, to hand out) and {@code server.key_secret} (keep private).
 * Tests use {@link #generate()} and {@link #generate(Path, String)}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqKeyTool {

	private ZmqKeyTool() {
	}

	/**
	 * Generate a fresh key pair.
	 * @return the key pair
	 */
	public static ZmqKeyPair generate() {
		return ZmqCurveKeys.generate();
	}

	/**
	 * Generate a fresh key pair and write it as {@code <name>.key} and
	 * {@code <name>.key_secret} in a directory.
	 * @param directory the directory, created when missing
	 * @param name the base name of the files
	 * @return the key pair written
	 * @throws IOException when a file cannot be written
	 */
	public static ZmqKeyPair generate(Path directory, String name) throws IOException {
		ZmqKeyPair keys = generate();
		ZmqCertificates.write(keys, directory, name);
		return keys;
	}

	/**
	 * Run the tool.
	 * @param args {@code generate [directory name]}
	 * @throws IOException when a file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		int status = run(args, System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		if (args.length == 1 && "generate".equals(args[0])) {
			out.print(ZmqCertificates.secretText(generate()));
			return 0;
		}
		if (args.length == 3 && "generate".equals(args[0])) {
			ZmqKeyPair keys = generate(Path.of(args[1]), args[2]);
			Path directory = Path.of(args[1]);
			out.println("public certificate: " + directory.resolve(args[2] + ".key"));
			out.println("secret certificate: " + directory.resolve(args[2] + ".key_secret"));
			out.println("public key: " + keys.getPublicKey());
			return 0;
		}
		err.println("usage: ZmqKeyTool generate [directory name]");
		err.println("  generate                  print a new secret certificate (public and secret key)");
		err.println("  generate directory name   write directory/name.key and directory/name.key_secret");
		return 2;
	}

}
