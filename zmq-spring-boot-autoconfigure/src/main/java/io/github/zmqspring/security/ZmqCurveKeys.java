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

import java.security.SecureRandom;

import com.neilalexander.jnacl.crypto.curve25519;
import zmq.util.Z85;

/**
 * CURVE keys: validation of Z85 text (40 characters for 32 bytes), decoding, encoding,
 * generation, and the public key that belongs to a secret key. Error messages never
 * contain a key's text.
 *
 * @author zmq-spring-boot
 */
public final class ZmqCurveKeys {

	/** Length of a key in bytes. */
	public static final int KEY_BYTES = 32;

	/** Length of a key in Z85 text. */
	public static final int KEY_Z85_LENGTH = 40;

	private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

	private static final SecureRandom random = new SecureRandom();

	private ZmqCurveKeys() {
	}

	/**
	 * Decode a Z85 key.
	 * @param z85 the key's 40 characters of Z85 text (surrounding white space is ignored)
	 * @return the 32 bytes of the key
	 * @throws IllegalArgumentException when the text is not a Z85 key; the message never
	 * contains the text
	 */
	public static byte[] decode(String z85) {
		String problem = problem(z85);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return Z85.decode(z85.trim());
	}

	/**
	 * Check a Z85 key.
	 * @param z85 the text
	 * @return why the text is not a Z85 key, or {@code null} when it is one
	 */
	public static String problem(String z85) {
		if (z85 == null || z85.isBlank()) {
			return "is empty; a CURVE key is " + KEY_Z85_LENGTH + " characters of Z85 text";
		}
		String text = z85.trim();
		if (text.length() != KEY_Z85_LENGTH) {
			return "has " + text.length() + " characters; a CURVE key is " + KEY_Z85_LENGTH + " characters of Z85 text";
		}
		for (int i = 0; i < text.length(); i++) {
			if (ALPHABET.indexOf(text.charAt(i)) < 0) {
				return "is not Z85 text (character " + (i + 1) + " is outside the Z85 alphabet)";
			}
		}
		return null;
	}

	/**
	 * Encode a key as Z85.
	 * @param key the 32 bytes of the key
	 * @return the 40 characters of Z85 text
	 */
	public static String encode(byte[] key) {
		if (key == null || key.length != KEY_BYTES) {
			throw new IllegalArgumentException("a CURVE key is " + KEY_BYTES + " bytes");
		}
		return Z85.encode(key, KEY_BYTES);
	}

	/**
	 * Compute the public key of a secret key.
	 * @param secretKey the 32 bytes of the secret key
	 * @return the 32 bytes of its public key
	 */
	public static byte[] publicKeyOf(byte[] secretKey) {
		if (secretKey == null || secretKey.length != KEY_BYTES) {
			throw new IllegalArgumentException("a CURVE key is " + KEY_BYTES + " bytes");
		}
		byte[] publicKey = new byte[KEY_BYTES];
		curve25519.crypto_scalarmult_base(publicKey, secretKey);
		return publicKey;
	}

	/**
	 * Generate a fresh key pair from a secure random source.
	 * @return the key pair
	 */
	public static ZmqKeyPair generate() {
		byte[] secret = new byte[KEY_BYTES];
		random.nextBytes(secret);
		return new ZmqKeyPair(encode(publicKeyOf(secret)), encode(secret));
	}

}
