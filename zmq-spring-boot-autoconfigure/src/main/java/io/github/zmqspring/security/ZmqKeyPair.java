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

import java.util.Objects;

/**
 * A CURVE key pair in Z85 text. {@link #toString()} shows the public key only.
 *
 * @author zmq-spring-boot
 */
public final class ZmqKeyPair {

	private final String publicKey;

	private final String secretKey;

	/**
	 * Create a key pair.
	 * @param publicKey the public key (Z85)
	 * @param secretKey the secret key (Z85), or {@code null} for a public key alone
	 */
	public ZmqKeyPair(String publicKey, String secretKey) {
		this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
		this.secretKey = secretKey;
	}

	/**
	 * @return the public key (Z85)
	 */
	public String getPublicKey() {
		return this.publicKey;
	}

	/**
	 * @return the secret key (Z85), or {@code null} when this pair holds a public key
	 * only
	 */
	public String getSecretKey() {
		return this.secretKey;
	}

	/**
	 * @return the public key (Z85), as {@link #getPublicKey()}
	 */
	public String publicKey() {
		return this.publicKey;
	}

	/**
	 * @return the secret key (Z85) or {@code null}, as {@link #getSecretKey()}
	 */
	public String secretKey() {
		return this.secretKey;
	}

	/**
	 * @return whether this pair has a secret key
	 */
	public boolean hasSecretKey() {
		return this.secretKey != null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ZmqKeyPair pair && this.publicKey.equals(pair.publicKey)
				&& Objects.equals(this.secretKey, pair.secretKey);
	}

	@Override
	public int hashCode() {
		return this.publicKey.hashCode();
	}

	@Override
	public String toString() {
		return "ZmqKeyPair[public-key=" + this.publicKey + ((this.secretKey != null) ? ", secret-key=******" : "")
				+ "]";
	}

}
