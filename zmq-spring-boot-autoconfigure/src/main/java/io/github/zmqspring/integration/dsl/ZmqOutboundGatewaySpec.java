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

import io.github.zmqspring.integration.ZmqOutboundGateway;

import org.springframework.integration.dsl.MessageHandlerSpec;

/**
 * Configures a {@link ZmqOutboundGateway}.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundGatewaySpec extends MessageHandlerSpec<ZmqOutboundGatewaySpec, ZmqOutboundGateway> {

	/**
	 * Create a spec.
	 * @param socket the name of a declared DEALER socket
	 */
	protected ZmqOutboundGatewaySpec(String socket) {
		this.target = new ZmqOutboundGateway(socket);
	}

	/**
	 * Convert replies to this type with the application's converters.
	 * @param replyType the type ({@code byte[]} by default)
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec replyType(Class<?> replyType) {
		this.target.setReplyType(replyType);
		return this;
	}

	/**
	 * How long each attempt of a request waits for its reply.
	 * @param requestTimeout the timeout (the template's
	 * {@code zmq.template.request-timeout} by default)
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec requestTimeout(Duration requestTimeout) {
		this.target.setRequestTimeout(requestTimeout);
		return this;
	}

	/**
	 * Produce the reply when it arrives instead of holding the calling thread.
	 * @param async whether to reply asynchronously
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec async(boolean async) {
		this.target.setAsync(async);
		return this;
	}

	/**
	 * Whether a missing reply is an error.
	 * @param requiresReply whether a reply is required
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec requiresReply(boolean requiresReply) {
		this.target.setRequiresReply(requiresReply);
		return this;
	}

	/**
	 * Which headers of a request message travel in its metadata frame (Spring
	 * Integration's header mapper patterns).
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} by default
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec mappedRequestHeaders(String... patterns) {
		this.target.setMappedRequestHeaders(patterns);
		return this;
	}

	/**
	 * Which headers of a reply's metadata frame become headers of the reply message
	 * (Spring Integration's header mapper patterns).
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} by default
	 * @return the spec
	 */
	public ZmqOutboundGatewaySpec mappedReplyHeaders(String... patterns) {
		this.target.setMappedReplyHeaders(patterns);
		return this;
	}

}
