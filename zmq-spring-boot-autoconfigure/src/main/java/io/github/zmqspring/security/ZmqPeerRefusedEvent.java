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

import java.io.Serial;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the ZAP handler refuses a peer (ZAP status 400): an unknown CURVE key, a
 * wrong PLAIN user or password, or an address outside the allowed ranges. The peer never
 * reaches a listener. Carries no secret: a CURVE public key or a PLAIN user name at most.
 *
 * @author zmq-spring-boot
 */
public class ZmqPeerRefusedEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String socket;

	private final String mechanism;

	private final String address;

	private final String identity;

	private final String reason;

	/**
	 * Create an event.
	 * @param source the ZAP handler
	 * @param socket the name of the socket (its ZAP domain)
	 * @param mechanism {@code CURVE}, {@code PLAIN} or {@code NULL}
	 * @param address the peer's address
	 * @param identity the peer's CURVE public key (Z85) or PLAIN user name, or
	 * {@code null}
	 * @param reason why it was refused
	 */
	public ZmqPeerRefusedEvent(Object source, String socket, String mechanism, String address, String identity,
			String reason) {
		super(source);
		this.socket = socket;
		this.mechanism = mechanism;
		this.address = address;
		this.identity = identity;
		this.reason = reason;
	}

	/**
	 * @return the name of the socket the peer tried to reach (its ZAP domain)
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * @return the security mechanism: {@code CURVE}, {@code PLAIN} or {@code NULL}
	 */
	public String getMechanism() {
		return this.mechanism;
	}

	/**
	 * @return the peer's address
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * @return the peer's CURVE public key (Z85) or PLAIN user name, or {@code null}
	 */
	public String getIdentity() {
		return this.identity;
	}

	/**
	 * @return why the peer was refused
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "ZmqPeerRefusedEvent[socket=" + this.socket + ", mechanism=" + this.mechanism + ", address="
				+ this.address + ", identity=" + this.identity + ", reason=" + this.reason + "]";
	}

}
