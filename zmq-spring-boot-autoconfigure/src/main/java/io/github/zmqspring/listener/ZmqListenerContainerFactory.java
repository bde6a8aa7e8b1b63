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
package io.github.zmqspring.listener;

import java.time.Duration;
import java.util.List;

import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.observation.ZmqListenerObservations;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.Assert;

/**
 * Creates a {@link ZmqListenerContainer} for a {@link ZmqListenerEndpoint}, with the
 * settings shared by all listeners: the default error handler and the start and stop
 * timeouts.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainerFactory {

	private final ZmqSocketManager socketManager;

	private ZmqListenerErrorHandler errorHandler = new LoggingZmqListenerErrorHandler();

	private Duration startTimeout = Duration.ofSeconds(10);

	private Duration stopTimeout = Duration.ofSeconds(5);

	private int queueCapacity = 1000;

	private List<ZmqListenerSocketHook> socketHooks = List.of();

	private @Nullable ZmqListenerObservations observations;

	/**
	 * Create a factory.
	 * @param socketManager the socket manager
	 */
	public ZmqListenerContainerFactory(ZmqSocketManager socketManager) {
		this.socketManager = socketManager;
	}

	/**
	 * Set the error handler of endpoints that have none of their own.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(ZmqListenerErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
	}

	/**
	 * @return the error handler of endpoints that have none of their own
	 */
	public ZmqListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/**
	 * Set how long a container waits for its socket to open.
	 * @param startTimeout the timeout
	 */
	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	/**
	 * Set how long a container waits for in-flight work and its socket to close on stop.
	 * @param stopTimeout the timeout
	 */
	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Set the capacity of the queue between the socket and the workers of a listener
	 * whose concurrency is above 1.
	 * @param queueCapacity the capacity
	 */
	public void setQueueCapacity(int queueCapacity) {
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		this.queueCapacity = queueCapacity;
	}

	/**
	 * Set the hooks told when a container's socket opens, such as discovery's.
	 * @param socketHooks the hooks, called in order
	 */
	public void setSocketHooks(List<ZmqListenerSocketHook> socketHooks) {
		Assert.notNull(socketHooks, "'socketHooks' must not be null");
		this.socketHooks = List.copyOf(socketHooks);
	}

	/**
	 * Set the observations of message processing ({@code zmq.listener}), or {@code null}
	 * for none.
	 * @param observations the observations
	 */
	public void setObservations(@Nullable ZmqListenerObservations observations) {
		this.observations = observations;
	}

	/**
	 * Create a container for an endpoint.
	 * @param endpoint the endpoint
	 * @return the container, not started
	 */
	public ZmqListenerContainer createContainer(ZmqListenerEndpoint endpoint) {
		InvocableHandlerMethod handlerMethod = endpoint.getHandlerMethodFactory()
			.createInvocableHandlerMethod(endpoint.getBean(), endpoint.getMethod());
		ZmqMessagingMessageListenerAdapter adapter = new ZmqMessagingMessageListenerAdapter(handlerMethod,
				endpoint.getId(), endpoint.getSocketSpec().getName(), endpoint.getSocketSpec().getType());
		adapter.setDefaultContentType(endpoint.getContentType());
		ZmqListenerErrorHandler handler = (endpoint.getErrorHandler() != null) ? endpoint.getErrorHandler()
				: this.errorHandler;
		ZmqListenerContainer container = new ZmqListenerContainer(endpoint, this.socketManager, adapter, handler,
				this.startTimeout, this.stopTimeout, this.queueCapacity);
		container.setSocketHooks(this.socketHooks);
		container.setObservations(this.observations);
		return container;
	}

}
