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

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

import org.springframework.messaging.Message;

/**
 * The context of a {@code zmq.listener} observation. Its carrier is the received message,
 * whose headers include those of the metadata frame: a tracing handler reads the sender's
 * trace context ({@code traceparent}, or {@code b3}) from them and continues the trace.
 *
 * @author zmq-spring-boot
 */
public class ZmqMessageReceiverContext extends ReceiverContext<Message<?>> {

	private final String listenerId;

	private final String socketName;

	private final String socketType;

	/**
	 * Create a context.
	 * @param message the received message
	 * @param listenerId the listener's id
	 * @param socketName the name of the socket the listener receives on
	 * @param socketType the socket's type
	 */
	public ZmqMessageReceiverContext(Message<?> message, String listenerId, String socketName, String socketType) {
		super((carrier, key) -> {
			Object value = carrier.getHeaders().get(key);
			return (value != null) ? value.toString() : null;
		}, Kind.CONSUMER);
		setCarrier(message);
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.socketType = socketType;
		setRemoteServiceName("zeromq");
	}

	/**
	 * @return the listener's id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * @return the name of the socket the listener receives on
	 */
	public String getSocketName() {
		return this.socketName;
	}

	/**
	 * @return the socket's type
	 */
	public String getSocketType() {
		return this.socketType;
	}

}
