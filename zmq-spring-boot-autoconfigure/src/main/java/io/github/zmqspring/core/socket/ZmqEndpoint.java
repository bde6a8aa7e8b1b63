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

package io.github.zmqspring.core.socket;

import java.util.Locale;
import java.util.Objects;

/**
 * A parsed and validated ZeroMQ endpoint such as {@code tcp://127.0.0.1:5555},
 * {@code inproc://jobs} or {@code ipc://worker}.
 * <p>
 * Parsing happens when a socket is declared, so a typo fails at start-up with the
 * property name instead of at the first bind.
 *
 * @author zmq-spring-boot
 */
public final class ZmqEndpoint {

	/** The transports JeroMQ supports (ipc is TCP on loopback underneath in JeroMQ). */
	public enum Transport {

		/**
		 * TCP, {@code tcp://host:port}; port {@code 0} or {@code *} binds an ephemeral
		 * port.
		 */
		TCP,
		/** In-process, {@code inproc://name}. */
		INPROC,
		/**
		 * Inter-process, {@code ipc://name} (JeroMQ only: TCP on loopback underneath).
		 */
		IPC,
		/**
		 * Service discovery, {@code discovery://service}, resolved to live instances at
		 * run time.
		 */
		DISCOVERY

	}

	private final String value;

	private final Transport transport;

	private final String address;

	private ZmqEndpoint(String value, Transport transport, String address) {
		this.value = value;
		this.transport = transport;
		this.address = address;
	}

	/**
	 * Parse an endpoint.
	 * @param endpoint the endpoint text
	 * @return the parsed endpoint
	 * @throws IllegalArgumentException with a reason when the text is not a valid
	 * endpoint
	 */
	public static ZmqEndpoint parse(String endpoint) {
		if (endpoint == null || endpoint.isBlank()) {
			throw new IllegalArgumentException("endpoint is empty");
		}
		String text = endpoint.trim();
		int sep = text.indexOf("://");
		if (sep <= 0) {
			throw new IllegalArgumentException(
					"'" + text + "' is not an endpoint: expected transport://address, such as tcp://127.0.0.1:5555");
		}
		String scheme = text.substring(0, sep).toLowerCase(Locale.ROOT);
		String address = text.substring(sep + 3);
		Transport transport = switch (scheme) {
			case "tcp" -> Transport.TCP;
			case "inproc" -> Transport.INPROC;
			case "ipc" -> Transport.IPC;
			case "discovery" -> Transport.DISCOVERY;
			default -> throw new IllegalArgumentException(
					"'" + text + "' has unsupported transport '" + scheme + "': use tcp, inproc, ipc or discovery");
		};
		if (address.isEmpty()) {
			throw new IllegalArgumentException("'" + text + "' has no address after " + scheme + "://");
		}
		if (transport == Transport.TCP) {
			validateTcp(text, address);
		}
		return new ZmqEndpoint(scheme + "://" + address, transport, address);
	}

	private static void validateTcp(String text, String address) {
		int colon = address.lastIndexOf(':');
		if (colon <= 0 || colon == address.length() - 1) {
			throw new IllegalArgumentException("'" + text + "' needs host:port, such as tcp://127.0.0.1:5555");
		}
		String port = address.substring(colon + 1);
		if (port.equals("*")) {
			return;
		}
		try {
			int value = Integer.parseInt(port);
			if (value < 0 || value > 65535) {
				throw new IllegalArgumentException("'" + text + "' has port " + value + " outside 0-65535");
			}
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' has a port that is not a number: '" + port + "'");
		}
	}

	/**
	 * Return the transport.
	 * @return the transport
	 */
	public Transport getTransport() {
		return this.transport;
	}

	/**
	 * Return the part after {@code ://}.
	 * @return the address
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * Whether this endpoint names a service to discover rather than an address.
	 * @return whether the transport is {@code discovery}
	 */
	public boolean isDiscovery() {
		return this.transport == Transport.DISCOVERY;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ZmqEndpoint that) && this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
