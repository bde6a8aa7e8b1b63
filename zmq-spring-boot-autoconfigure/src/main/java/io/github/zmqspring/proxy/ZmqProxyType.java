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
package io.github.zmqspring.proxy;

import org.zeromq.SocketType;

/**
 * The kinds of proxy of the ZeroMQ guide, each a pair of socket types that pass messages
 * (and, for XSUB/XPUB, subscriptions) both ways.
 *
 * @author zmq-spring-boot
 */
public enum ZmqProxyType {

	/**
	 * A request/reply broker: REQ or DEALER clients connect to the ROUTER frontend, REP
	 * or DEALER workers to the DEALER backend; replies find their way back by the
	 * envelope.
	 */
	ROUTER_DEALER(SocketType.ROUTER, SocketType.DEALER),

	/**
	 * A forwarder: publishers reach the XSUB frontend, subscribers the XPUB backend;
	 * their subscriptions are passed upstream so that topics filter end to end.
	 */
	XSUB_XPUB(SocketType.XSUB, SocketType.XPUB),

	/**
	 * A streamer: PUSH producers reach the PULL frontend, PULL consumers the PUSH
	 * backend.
	 */
	PULL_PUSH(SocketType.PULL, SocketType.PUSH);

	private final SocketType frontend;

	private final SocketType backend;

	ZmqProxyType(SocketType frontend, SocketType backend) {
		this.frontend = frontend;
		this.backend = backend;
	}

	/**
	 * @return the socket type of the frontend
	 */
	public SocketType getFrontendType() {
		return this.frontend;
	}

	/**
	 * @return the socket type of the backend
	 */
	public SocketType getBackendType() {
		return this.backend;
	}

	/**
	 * @return whether messages also flow from the backend to the frontend (replies or
	 * subscriptions)
	 */
	public boolean isBidirectional() {
		return this != PULL_PUSH;
	}

	/**
	 * @return the name used in properties, such as {@code router-dealer}
	 */
	public String getPropertyValue() {
		return name().toLowerCase().replace('_', '-');
	}

}
