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

import org.zeromq.SocketType;

/**
 * The ZeroMQ pattern of a binding: which socket a producer and a consumer open.
 *
 * @author zmq-spring-boot
 */
public enum ZmqPattern {

	/** Every consumer gets every message: PUB producers, SUB consumers (the default). */
	PUB_SUB(SocketType.PUB, SocketType.SUB),

	/**
	 * Each message goes to one consumer, round-robin over the connected ones: PUSH
	 * producers, PULL consumers. This is how a consumer group maps.
	 */
	PUSH_PULL(SocketType.PUSH, SocketType.PULL);

	private final SocketType producer;

	private final SocketType consumer;

	ZmqPattern(SocketType producer, SocketType consumer) {
		this.producer = producer;
		this.consumer = consumer;
	}

	/**
	 * @return the socket type of a producer binding
	 */
	public SocketType getProducerType() {
		return this.producer;
	}

	/**
	 * @return the socket type of a consumer binding
	 */
	public SocketType getConsumerType() {
		return this.consumer;
	}

}
