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

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.zmqspring.convert.ZmqMetadata;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqOperations;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.support.AbstractIntegrationMessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.Assert;

/**
 * An outbound gateway: sends each message as a request through a declared DEALER socket
 * with the template (its correlation, its request timeout and its Lazy Pirate retries)
 * and produces the reply, converted to the {@link #setReplyType reply type}. The
 * request's headers that can travel go in the metadata frame.
 * <p>
 * A failure raises a {@link MessageHandlingException} whose cause is the template's
 * exception: {@code ZmqRemoteException} for an error reply, {@code
 * ZmqRequestTimeoutException} when no reply came, so retry and circuit-breaker advice
 * work as with any other handler. With {@link #setAsync async} the reply is produced when
 * it arrives, and the calling thread is not held meanwhile.
 * <p>
 * Headers map both ways: the request's user headers travel in its metadata frame, and the
 * headers of the reply's metadata frame (for example those a {@code @ZmqListener}
 * returning a {@code Message<?>} set, or any peer writing docs/wire-format.md) become
 * headers of the reply message. {@link #setMappedRequestHeaders} and
 * {@link #setMappedReplyHeaders} narrow them with patterns.
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundGateway extends AbstractReplyProducingMessageHandler {

	private static final Set<SocketType> TYPES = Set.of(SocketType.DEALER);

	private final String socket;

	private Class<?> replyType = byte[].class;

	private @Nullable Duration requestTimeout;

	private String @Nullable [] mappedRequestHeaders;

	private String @Nullable [] mappedReplyHeaders;

	private @Nullable ZmqIntegrationComponents components;

	/**
	 * Create a gateway.
	 * @param socket the name of a DEALER socket declared under {@code zmq.sockets}
	 */
	public ZmqOutboundGateway(String socket) {
		Assert.hasText(socket, "'socket' must not be empty");
		this.socket = socket;
	}

	/**
	 * @return the name of the socket the gateway sends requests on
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * Set the type the replies are converted to.
	 * @param replyType the type; {@code byte[]} (the default) leaves the frame as is
	 */
	public void setReplyType(Class<?> replyType) {
		Assert.notNull(replyType, "'replyType' must not be null");
		this.replyType = replyType;
	}

	/**
	 * Set how long each attempt of a request waits for its reply.
	 * @param requestTimeout the timeout, or {@code null} for the template's
	 * ({@code zmq.template.request-timeout})
	 */
	public void setRequestTimeout(@Nullable Duration requestTimeout) {
		Assert.isTrue(requestTimeout == null || (!requestTimeout.isNegative() && !requestTimeout.isZero()),
				"'requestTimeout' must be positive");
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Set which headers of a request message travel in its metadata frame.
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} (the default) maps every user header
	 */
	public void setMappedRequestHeaders(String... patterns) {
		this.mappedRequestHeaders = ZmqIntegrationSupport.patterns(patterns, "mappedRequestHeaders");
	}

	/**
	 * Set which headers of a reply's metadata frame become headers of the reply message.
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} (the default) maps every header
	 */
	public void setMappedReplyHeaders(String... patterns) {
		this.mappedReplyHeaders = ZmqIntegrationSupport.patterns(patterns, "mappedReplyHeaders");
	}

	/**
	 * Set the components this gateway uses, instead of looking them up in the bean
	 * factory.
	 * @param components the components
	 */
	public void setComponents(ZmqIntegrationComponents components) {
		this.components = components;
	}

	@Override
	public String getComponentType() {
		return "zmq:outbound-gateway";
	}

	@Override
	protected void doInit() {
		if (this.components == null) {
			this.components = ZmqIntegrationComponents.of(getBeanFactory());
		}
		ZmqIntegrationSupport.checkType(this.components.getSocketManager(), this.socket, TYPES,
				"outbound gateway '" + getComponentName() + "'");
	}

	@Override
	protected @Nullable Object handleRequestMessage(Message<?> requestMessage) {
		Assert.state(this.components != null, "The gateway is not initialized");
		ZmqOperations operations = this.components.getOperations();
		Object wire = ZmqIntegrationSupport.toWire(requestMessage, this.mappedRequestHeaders, null);
		if (isAsync()) {
			CompletableFuture<Message> reply = (this.requestTimeout != null)
					? operations.requestAsync(this.socket, wire, Message.class, this.requestTimeout)
					: operations.requestAsync(this.socket, wire, Message.class);
			return reply.handle((received, failure) -> {
				if (failure != null) {
					Throwable cause = (failure instanceof java.util.concurrent.CompletionException
							&& failure.getCause() != null) ? failure.getCause() : failure;
					throw failed(requestMessage, cause);
				}
				return toReply(requestMessage, received);
			});
		}
		Message<?> received;
		try {
			received = (this.requestTimeout != null)
					? operations.request(this.socket, wire, Message.class, this.requestTimeout)
					: operations.request(this.socket, wire, Message.class);
		}
		catch (RuntimeException ex) {
			throw failed(requestMessage, ex);
		}
		return toReply(requestMessage, received);
	}

	/**
	 * The reply message: the payload converted to the reply type, with the mapped headers
	 * of the reply's metadata frame (a converted payload drops the content type it was
	 * read with, which no longer describes it).
	 */
	private Message<?> toReply(Message<?> request, Message<?> received) {
		byte[] frame = (byte[]) received.getPayload();
		MessageHeaders headers = received.getHeaders();
		Object payload = frame;
		boolean converted = this.replyType != byte[].class && this.replyType != Object.class;
		if (converted) {
			Message<?> conversion = received;
			if (!headers.containsKey(MessageHeaders.CONTENT_TYPE)) {
				MimeType contentType = this.components.getSocketManager().getSpec(this.socket).getContentType();
				if (contentType != null) {
					conversion = MessageBuilder.fromMessage(received)
						.setHeader(MessageHeaders.CONTENT_TYPE, contentType)
						.build();
				}
			}
			try {
				payload = this.components.getMessageConverter().fromMessage(conversion, this.replyType);
			}
			catch (RuntimeException ex) {
				throw failed(request, new MessageConversionException(
						"Cannot convert the reply to " + this.replyType.getName() + ": " + ex.getMessage(), ex));
			}
			if (payload == null) {
				throw failed(request, new MessageConversionException(
						"No converter can read a reply of " + frame.length + " bytes as " + this.replyType.getName()));
			}
		}
		AbstractIntegrationMessageBuilder<Object> reply = getMessageBuilderFactory().withPayload(payload);
		for (Map.Entry<String, Object> header : headers.entrySet()) {
			String name = header.getKey();
			if (name.equals(MessageHeaders.ID) || name.equals(MessageHeaders.TIMESTAMP)
					|| name.startsWith(ZmqHeaders.PREFIX)
					|| (converted
							&& (name.equals(MessageHeaders.CONTENT_TYPE) || name.equals(ZmqMetadata.CONTENT_TYPE)))
					|| !ZmqIntegrationSupport.maps(this.mappedReplyHeaders, name)) {
				continue;
			}
			reply.setHeader(name, header.getValue());
		}
		return reply.build();
	}

	private MessageHandlingException failed(Message<?> request, Throwable cause) {
		String reason = (cause instanceof ZmqException) ? cause.getMessage() : cause.toString();
		return new MessageHandlingException(request,
				"Outbound gateway '" + getComponentName() + "' on socket '" + this.socket + "' failed: " + reason,
				cause);
	}

}
