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

import java.time.Duration;

import io.github.zmqspring.integration.ZmqInboundGateway;

import org.springframework.integration.dsl.MessagingGatewaySpec;

/**
 * Configures a {@link ZmqInboundGateway}.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundGatewaySpec extends MessagingGatewaySpec<ZmqInboundGatewaySpec, ZmqInboundGateway> {

	/**
	 * Create a spec.
	 * @param socket the name of a declared REP or ROUTER socket
	 */
	protected ZmqInboundGatewaySpec(String socket) {
		super(new ZmqInboundGateway(socket));
	}

	/**
	 * Convert request payloads to this type with the application's converters.
	 * @param payloadType the type ({@code byte[]} by default)
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec payloadType(Class<?> payloadType) {
		this.target.setPayloadType(payloadType);
		return this;
	}

	/**
	 * Run requests through the flow on this many threads at once.
	 * @param concurrency the number of threads (1 by default)
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec concurrency(int concurrency) {
		this.target.setConcurrency(concurrency);
		return this;
	}

	/**
	 * How long a request waits for the flow's reply before the requester gets an error
	 * reply.
	 * @param replyTimeout the timeout
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec replyTimeout(Duration replyTimeout) {
		return replyTimeout(replyTimeout.toMillis());
	}

	/**
	 * Name the listener container in the {@code ZmqListenerEndpointRegistry}.
	 * @param listenerId the id (default {@code integration:<socket>})
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec listenerId(String listenerId) {
		this.target.setListenerId(listenerId);
		return this;
	}

	/**
	 * Which headers of a request's metadata frame become message headers (Spring
	 * Integration's header mapper patterns).
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} by default
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec mappedRequestHeaders(String... patterns) {
		this.target.setMappedRequestHeaders(patterns);
		return this;
	}

	/**
	 * Which headers of the flow's reply travel back in the reply's metadata frame (Spring
	 * Integration's header mapper patterns).
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} by default
	 * @return the spec
	 */
	public ZmqInboundGatewaySpec mappedReplyHeaders(String... patterns) {
		this.target.setMappedReplyHeaders(patterns);
		return this;
	}

}
