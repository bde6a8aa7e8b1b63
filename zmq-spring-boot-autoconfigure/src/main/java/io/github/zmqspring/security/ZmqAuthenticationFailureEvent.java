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
 * Published when a CURVE or PLAIN handshake of one of our client sockets fails: the
 * server refused our key or credentials, or could not read our handshake at all (for
 * CURVE, most often a wrong {@code server-key}). The socket keeps retrying at its
 * reconnect interval; requests on it time out.
 *
 * @author zmq-spring-boot
 */
public class ZmqAuthenticationFailureEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String socket;

	private final String endpoint;

	private final String reason;

	/**
	 * Create an event.
	 * @param source the socket's security settings
	 * @param socket the name of our socket
	 * @param endpoint the endpoint it connects to
	 * @param reason what failed
	 */
	public ZmqAuthenticationFailureEvent(Object source, String socket, String endpoint, String reason) {
		super(source);
		this.socket = socket;
		this.endpoint = endpoint;
		this.reason = reason;
	}

	/**
	 * @return the name of our socket
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * @return the endpoint whose handshake failed
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * @return what failed
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "ZmqAuthenticationFailureEvent[socket=" + this.socket + ", endpoint=" + this.endpoint + ", reason="
				+ this.reason + "]";
	}

}
