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
package io.github.zmqspring.observation;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Something happened to a connection of a socket: a peer connected, was accepted or
 * disconnected, a bind or a handshake failed. Published as a Spring application event by
 * {@link ZmqSocketEventPublisher} from JeroMQ's socket event hook, on the thread that
 * owns the socket: keep listeners short.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketEvent extends ApplicationEvent {

	private final String socketName;

	private final Type type;

	private final @Nullable String address;

	private final @Nullable String reason;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param socketName the declared name of the socket (a listener's id for an inline
	 * socket)
	 * @param type what happened
	 * @param address the peer or endpoint address, when known
	 * @param reason why it failed, when ZeroMQ gives a reason
	 */
	public ZmqSocketEvent(Object source, String socketName, Type type, @Nullable String address,
			@Nullable String reason) {
		super(source);
		this.socketName = socketName;
		this.type = type;
		this.address = address;
		this.reason = reason;
	}

	/**
	 * @return the declared name of the socket
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * @return what happened
	 */
	public Type getType() {
		return this.type;
	}

	/**
	 * @return the peer or endpoint address, when known
	 */
	public @Nullable String getAddress() {
		return this.address;
	}

	/**
	 * @return why it failed, when ZeroMQ gives a reason
	 */
	public @Nullable String getReason() {
		return this.reason;
	}

	/**
	 * @return whether this event reports a failure
	 */
	public boolean isFailure() {
		return this.type.failure;
	}

	@Override
	public String toString() {
		return "ZmqSocketEvent[socket=" + this.socketName + ", type=" + this.type + ", address=" + this.address
				+ ((this.reason != null) ? ", reason=" + this.reason : "") + "]";
	}

	/**
	 * What happened.
	 */
	public enum Type {

		/**
		 * The socket connected to a peer (TCP connection established).
		 */
		CONNECTED(false),

		/**
		 * The socket accepted a connection from a peer.
		 */
		ACCEPTED(false),

		/**
		 * A connection to a peer was closed.
		 */
		DISCONNECTED(false),

		/**
		 * The socket could not bind an endpoint.
		 */
		BIND_FAILED(true),

		/**
		 * The ZMTP handshake with a peer failed (protocol error, mechanism mismatch).
		 */
		HANDSHAKE_FAILED(true),

		/**
		 * A peer failed authentication (CURVE or PLAIN through ZAP).
		 */
		AUTHENTICATION_FAILED(true);

		private final boolean failure;

		Type(boolean failure) {
			this.failure = failure;
		}

	}

}
