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

import java.util.List;

import org.zeromq.ZMQ;

/**
 * An open socket together with its spec, the endpoints it actually bound (with the real
 * port where the spec asked for port 0) and its peer tracker. Only the thread that opened
 * it may use {@link #getSocket()}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketHandle {

	private final ZmqSocketSpec spec;

	private final ZMQ.Socket socket;

	private final List<String> boundEndpoints;

	private final ZmqPeerTracker tracker;

	ZmqSocketHandle(ZmqSocketSpec spec, ZMQ.Socket socket, List<String> boundEndpoints, ZmqPeerTracker tracker) {
		this.spec = spec;
		this.socket = socket;
		this.boundEndpoints = List.copyOf(boundEndpoints);
		this.tracker = tracker;
	}

	/**
	 * @return the spec the socket was created from
	 */
	public ZmqSocketSpec getSpec() {
		return this.spec;
	}

	/**
	 * @return the socket, for its owning thread only
	 */
	public ZMQ.Socket getSocket() {
		return this.socket;
	}

	/**
	 * @return the endpoints actually bound, with ephemeral ports resolved
	 */
	public List<String> getBoundEndpoints() {
		return this.boundEndpoints;
	}

	/**
	 * @return the tracker of this socket's peers and subscriptions
	 */
	public ZmqPeerTracker getTracker() {
		return this.tracker;
	}

	/**
	 * @return how many peers this socket disconnected because they sent a message over
	 * its {@code max-message-size}
	 */
	public long getOversizeDisconnects() {
		return this.tracker.getOversizeDisconnects();
	}

}
