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

import java.util.function.Function;

import io.github.zmqspring.integration.ZmqOutboundChannelAdapter;

import org.springframework.integration.dsl.MessageHandlerSpec;
import org.springframework.integration.expression.FunctionExpression;
import org.springframework.messaging.Message;

/**
 * Configures a {@link ZmqOutboundChannelAdapter}.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundChannelAdapterSpec
		extends MessageHandlerSpec<ZmqOutboundChannelAdapterSpec, ZmqOutboundChannelAdapter> {

	/**
	 * Create a spec.
	 * @param socket the name of a declared PUSH, PUB, XPUB, PAIR or DEALER socket
	 */
	protected ZmqOutboundChannelAdapterSpec(String socket) {
		this.target = new ZmqOutboundChannelAdapter(socket);
	}

	/**
	 * Publish every message under this topic (PUB and XPUB sockets).
	 * @param topic the topic
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec topic(String topic) {
		this.target.setTopic(topic);
		return this;
	}

	/**
	 * Publish each message under the topic this SpEL expression computes from it (PUB and
	 * XPUB sockets), for example {@code "headers.service + '.' + payload.level"}.
	 * @param topicExpression the expression
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec topicExpression(String topicExpression) {
		this.target.setTopicExpression(PARSER.parseExpression(topicExpression));
		return this;
	}

	/**
	 * Publish each message under the topic this function computes from it (PUB and XPUB
	 * sockets).
	 * @param topicFunction the function
	 * @param <P> the payload type
	 * @return the spec
	 */
	public <P> ZmqOutboundChannelAdapterSpec topicFunction(Function<Message<P>, ?> topicFunction) {
		this.target.setTopicExpression(new FunctionExpression<>(topicFunction));
		return this;
	}

	/**
	 * Which headers of a message travel in its metadata frame (Spring Integration's
	 * header mapper patterns).
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} by default
	 * @return the spec
	 */
	public ZmqOutboundChannelAdapterSpec mappedRequestHeaders(String... patterns) {
		this.target.setMappedRequestHeaders(patterns);
		return this;
	}

}
