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

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of a {@code zmq.template} observation. Its carrier is the map of headers
 * the message gains: a tracing handler writes the trace context into it
 * ({@code traceparent}, or {@code b3}), and the template sends those headers in the
 * metadata frame (docs/wire-format.md).
 *
 * @author zmq-spring-boot
 */
public class ZmqMessageSenderContext extends SenderContext<Map<String, String>> {

	private final String socketName;

	private final String socketType;

	private final String operation;

	private final @Nullable String topic;

	/**
	 * Create a context.
	 * @param socketName the declared name of the socket
	 * @param socketType the socket's type
	 * @param operation {@code send}, {@code publish} or {@code request}
	 * @param topic the topic of a publish, else {@code null}
	 */
	public ZmqMessageSenderContext(String socketName, String socketType, String operation, @Nullable String topic) {
		this(socketName, socketType, operation, topic, Kind.PRODUCER);
	}

	/**
	 * Create the context of a template operation of a given kind: {@link Kind#CONSUMER}
	 * for a {@code receive}, whose carrier stays empty.
	 * @param socketName the declared name of the socket
	 * @param socketType the socket's type
	 * @param operation {@code send}, {@code publish}, {@code request} or {@code receive}
	 * @param topic the topic of a publish, else {@code null}
	 * @param kind the kind of the operation
	 */
	public ZmqMessageSenderContext(String socketName, String socketType, String operation, @Nullable String topic,
			Kind kind) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		}, kind);
		setCarrier(new LinkedHashMap<>());
		this.socketName = socketName;
		this.socketType = socketType;
		this.operation = operation;
		this.topic = topic;
		setRemoteServiceName("zeromq");
	}

	/**
	 * @return the declared name of the socket
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

	/**
	 * @return {@code send}, {@code publish}, {@code request} or {@code receive}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * @return the topic of a publish, else {@code null}
	 */
	public @Nullable String getTopic() {
		return this.topic;
	}

	/**
	 * @return the headers written by observation handlers (the trace context), to send
	 * with the message
	 */
	public Map<String, String> getHeaders() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier : Map.of();
	}

}
