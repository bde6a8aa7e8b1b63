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
package io.github.zmqspring.integration;

import java.util.Set;

import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.integration.expression.ExpressionUtils;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.util.Assert;

/**
 * An outbound channel adapter: sends each message through a declared PUSH, PUB, XPUB,
 * PAIR or DEALER socket with the template, so it is thread-safe and a full socket pushes
 * back on the flow (within the socket's send timeout). The headers that can travel
 * (strings, numbers, booleans, UUIDs, MIME types) go in the metadata frame
 * (docs/wire-format.md); a message with none goes out as plain frames.
 * <p>
 * On a PUB or XPUB socket every message needs a topic: the {@link #setTopic topic}, else
 * the {@link #setTopicExpression topic expression} evaluated against the message, else
 * the message's {@code ZmqHeaders.TOPIC} header (so a flow from a SUB adapter republishes
 * under the received topic).
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundChannelAdapter extends AbstractMessageHandler {

	private static final Set<SocketType> TYPES = Set.of(SocketType.PUSH, SocketType.PUB, SocketType.XPUB,
			SocketType.PAIR, SocketType.DEALER);

	private final String socket;

	private @Nullable Expression topicExpression;

	private @Nullable ZmqIntegrationComponents components;

	private @Nullable EvaluationContext evaluationContext;

	private boolean publisher;

	private String @Nullable [] mappedRequestHeaders;

	/**
	 * Create an adapter.
	 * @param socket the name of a socket declared under {@code zmq.sockets}
	 */
	public ZmqOutboundChannelAdapter(String socket) {
		Assert.hasText(socket, "'socket' must not be empty");
		this.socket = socket;
	}

	/**
	 * @return the name of the socket the adapter sends on
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * Set the topic of every message (PUB and XPUB sockets).
	 * @param topic the topic
	 */
	public void setTopic(String topic) {
		Assert.notNull(topic, "'topic' must not be null");
		this.topicExpression = new LiteralExpression(topic);
	}

	/**
	 * Set the expression that computes each message's topic (PUB and XPUB sockets),
	 * evaluated against the message.
	 * @param topicExpression the expression
	 */
	public void setTopicExpression(Expression topicExpression) {
		Assert.notNull(topicExpression, "'topicExpression' must not be null");
		this.topicExpression = topicExpression;
	}

	/**
	 * Set which headers of a message travel in its metadata frame.
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} (the default) maps every user header
	 */
	public void setMappedRequestHeaders(String... patterns) {
		this.mappedRequestHeaders = ZmqIntegrationSupport.patterns(patterns, "mappedRequestHeaders");
	}

	/**
	 * Set the components this adapter uses, instead of looking them up in the bean
	 * factory.
	 * @param components the components
	 */
	public void setComponents(ZmqIntegrationComponents components) {
		this.components = components;
	}

	@Override
	public String getComponentType() {
		return "zmq:outbound-channel-adapter";
	}

	@Override
	protected void onInit() {
		super.onInit();
		if (this.components == null) {
			this.components = ZmqIntegrationComponents.of(getBeanFactory());
		}
		ZmqSocketSpec spec = ZmqIntegrationSupport.checkType(this.components.getSocketManager(), this.socket, TYPES,
				"outbound channel adapter '" + getComponentName() + "'");
		this.publisher = spec.isPublisher();
		this.evaluationContext = ExpressionUtils.createStandardEvaluationContext(getBeanFactory());
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		Assert.state(this.components != null, "The adapter is not initialized");
		Object wire = ZmqIntegrationSupport.toWire(message, this.mappedRequestHeaders, null);
		if (this.publisher) {
			this.components.getOperations().publish(this.socket, topic(message), wire);
		}
		else {
			this.components.getOperations().send(this.socket, wire);
		}
	}

	private String topic(Message<?> message) {
		Object topic = (this.topicExpression != null)
				? this.topicExpression.getValue(this.evaluationContext, message, Object.class)
				: message.getHeaders().get(ZmqHeaders.TOPIC);
		if (topic == null) {
			throw new MessageHandlingException(message,
					"Outbound channel adapter '" + getComponentName() + "' on PUB socket '" + this.socket
							+ "' has no topic for this message: set topic(..) or topicExpression(..), or a "
							+ ZmqHeaders.TOPIC + " header");
		}
		return topic.toString();
	}

}
