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
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqOperations;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
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
 *
 * @author zmq-spring-boot
 */
public class ZmqOutboundGateway extends AbstractReplyProducingMessageHandler {

	private static final Set<SocketType> TYPES = Set.of(SocketType.DEALER);

	private final String socket;

	private Class<?> replyType = byte[].class;

	private @Nullable Duration requestTimeout;

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
		Object wire = ZmqIntegrationSupport.toWire(requestMessage);
		if (isAsync()) {
			CompletableFuture<?> reply = (this.requestTimeout != null)
					? operations.requestAsync(this.socket, wire, this.replyType, this.requestTimeout)
					: operations.requestAsync(this.socket, wire, this.replyType);
			return reply.exceptionally((failure) -> {
				Throwable cause = (failure instanceof java.util.concurrent.CompletionException
						&& failure.getCause() != null) ? failure.getCause() : failure;
				throw failed(requestMessage, cause);
			});
		}
		try {
			return (this.requestTimeout != null)
					? operations.request(this.socket, wire, this.replyType, this.requestTimeout)
					: operations.request(this.socket, wire, this.replyType);
		}
		catch (RuntimeException ex) {
			throw failed(requestMessage, ex);
		}
	}

	private MessageHandlingException failed(Message<?> request, Throwable cause) {
		String reason = (cause instanceof ZmqException) ? cause.getMessage() : cause.toString();
		return new MessageHandlingException(request,
				"Outbound gateway '" + getComponentName() + "' on socket '" + this.socket + "' failed: " + reason,
				cause);
	}

}
