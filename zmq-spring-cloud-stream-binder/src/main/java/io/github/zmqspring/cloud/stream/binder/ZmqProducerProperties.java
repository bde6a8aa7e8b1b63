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
package io.github.zmqspring.cloud.stream.binder;

import java.time.Duration;

/**
 * ZeroMQ settings of a producer binding,
 * {@code spring.cloud.stream.zmq.bindings.<name>.producer.*}.
 *
 * @author zmq-spring-boot
 */
public class ZmqProducerProperties extends ZmqEndpointProperties {

	/**
	 * Topic of pub-sub messages (the first frame); the zmq_topic header of a message
	 * overrides it.
	 */
	private String topic = "";

	/**
	 * Whether message headers travel in the optional metadata frame
	 * (docs/wire-format.md); off keeps plain one-frame payloads.
	 */
	private boolean headers;

	/**
	 * Number of subscribers or peers to await before the first send, so nothing is lost
	 * at start-up; 0 does not wait.
	 */
	private int awaitPeers;

	/**
	 * How long to await them.
	 */
	private Duration awaitTimeout = Duration.ofSeconds(10);

	/**
	 * Create the settings with their defaults: the producer binds its destination.
	 */
	public ZmqProducerProperties() {
		super(true);
	}

	public String getTopic() {
		return this.topic;
	}

	public void setTopic(String topic) {
		this.topic = topic;
	}

	public boolean isHeaders() {
		return this.headers;
	}

	public void setHeaders(boolean headers) {
		this.headers = headers;
	}

	public int getAwaitPeers() {
		return this.awaitPeers;
	}

	public void setAwaitPeers(int awaitPeers) {
		this.awaitPeers = awaitPeers;
	}

	public Duration getAwaitTimeout() {
		return this.awaitTimeout;
	}

	public void setAwaitTimeout(Duration awaitTimeout) {
		this.awaitTimeout = awaitTimeout;
	}

}
