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
package io.github.zmqspring.integration.dsl;

import io.github.zmqspring.integration.ZmqInboundChannelAdapter;

import org.springframework.integration.dsl.MessageProducerSpec;

/**
 * Configures a {@link ZmqInboundChannelAdapter}.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundChannelAdapterSpec
		extends MessageProducerSpec<ZmqInboundChannelAdapterSpec, ZmqInboundChannelAdapter> {

	/**
	 * Create a spec.
	 * @param socket the name of a declared PULL, SUB, XSUB or PAIR socket
	 */
	protected ZmqInboundChannelAdapterSpec(String socket) {
		super(new ZmqInboundChannelAdapter(socket));
	}

	/**
	 * Convert payloads to this type with the application's converters.
	 * @param payloadType the type ({@code byte[]} by default)
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec payloadType(Class<?> payloadType) {
		this.target.setPayloadType(payloadType);
		return this;
	}

	/**
	 * Send messages into the flow from this many threads.
	 * @param concurrency the number of threads (1 by default)
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec concurrency(int concurrency) {
		this.target.setConcurrency(concurrency);
		return this;
	}

	/**
	 * Name the listener container in the {@code ZmqListenerEndpointRegistry}.
	 * @param listenerId the id (default {@code integration:<socket>})
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec listenerId(String listenerId) {
		this.target.setListenerId(listenerId);
		return this;
	}

	/**
	 * Which headers of a received metadata frame become message headers (Spring
	 * Integration's header mapper patterns).
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} by default
	 * @return the spec
	 */
	public ZmqInboundChannelAdapterSpec mappedRequestHeaders(String... patterns) {
		this.target.setMappedRequestHeaders(patterns);
		return this;
	}

}
