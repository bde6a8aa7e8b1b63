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

import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.observation.ZmqListenerObservations;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.MessageConverter;
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

	private int concurrency = 1;

	private List<ZmqListenerSocketHook> socketHooks = List.of();

	private ZmqErrorReplyDetail errorReplyDetail = ZmqErrorReplyDetail.CLASS_AND_MESSAGE;

	private @Nullable ZmqListenerObservations observations;

	private @Nullable MessageConverter messageConverter;

	/**
	 * Set the observations of message processing ({@code zmq.listener}), or {@code null}
	 * for none.
	 * @param observations the observations
	 */
	public void setObservations(@Nullable ZmqListenerObservations observations) {
		this.observations = observations;
	}

	/**
	 * Set the payload converter of endpoints that have none of their own: the
	 * auto-configuration sets its {@code zmqMessageConverter} bean, the one place that
	 * chooses it.
	 * @param messageConverter the converter
	 */
	public void setMessageConverter(MessageConverter messageConverter) {
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.messageConverter = messageConverter;
	}

	/**
	 * Return the payload converter of endpoints that have none of their own: the one set,
	 * else (without the auto-configuration)
	 * {@link ZmqMessageConverters#defaultConverter()}.
	 * @return the converter
	 */
	public synchronized MessageConverter getMessageConverter() {
		if (this.messageConverter == null) {
			this.messageConverter = ZmqMessageConverters.defaultConverter();
		}
		return this.messageConverter;
	}

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
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' (zmq.listener.queue-capacity) must be positive");
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
	 * Set the concurrency of endpoints that set none of their own.
	 * @param concurrency the number of threads that invoke a listener (default 1)
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency >= 1, "'concurrency' (zmq.listener.concurrency) must be at least 1");
		this.concurrency = concurrency;
	}

	/**
	 * Set what the error replies of REP and ROUTER listeners disclose about a failure.
	 * @param errorReplyDetail the detail ({@link ZmqErrorReplyDetail#CLASS_AND_MESSAGE}
	 * by default)
	 */
	public void setErrorReplyDetail(ZmqErrorReplyDetail errorReplyDetail) {
		Assert.notNull(errorReplyDetail, "'errorReplyDetail' must not be null");
		this.errorReplyDetail = errorReplyDetail;
	}

	/**
	 * Create a container for an endpoint.
	 * @param endpoint the endpoint
	 * @return the container, not started
	 */
	public ZmqListenerContainer createContainer(ZmqListenerEndpoint endpoint) {
		if (!endpoint.isConcurrencySet() && this.concurrency != 1) {
			endpoint.setConcurrency(this.concurrency);
		}
		InvocableHandlerMethod handlerMethod = endpoint.getHandlerMethodFactory()
			.createInvocableHandlerMethod(endpoint.getBean(), endpoint.getMethod());
		ZmqMessagingMessageListenerAdapter adapter = new ZmqMessagingMessageListenerAdapter(handlerMethod,
				endpoint.getId(), endpoint.getSocketSpec().getName(), endpoint.getSocketSpec().getType());
		adapter.setDefaultContentType(endpoint.getContentType());
		adapter.setMessageIdAndTimestamp(endpoint.isMessageIdAndTimestamp());
		adapter.setMetadataHeaderFilter(endpoint.getMetadataHeaderFilter());
		adapter.setRawMessageHeader(endpoint.isRawMessageHeader());
		adapter.setErrorHandler((endpoint.getErrorHandler() != null) ? endpoint.getErrorHandler() : this.errorHandler);
		adapter.setErrorReplyDetail(this.errorReplyDetail);
		adapter.setObservations(this.observations);
		MessageConverter converter = endpoint.getMessageConverter();
		adapter.setReplyConverter((converter != null) ? converter : getMessageConverter());
		DefaultZmqListenerContainer container = new DefaultZmqListenerContainer(endpoint, this.socketManager, adapter,
				this.startTimeout, this.stopTimeout, this.queueCapacity);
		container.setSocketHooks(this.socketHooks);
		return container;
	}

}
