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

import java.lang.reflect.Method;
import java.util.function.Predicate;

import io.github.zmqspring.core.socket.ZmqSocketSpec;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * The model of one listener: which socket it receives on, which method of which bean
 * handles the messages, and how the container runs it. Built by the annotation
 * post-processor from {@code @ZmqListener}, or programmatically.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerEndpoint {

	private final String id;

	private final ZmqSocketSpec socketSpec;

	private final Object bean;

	private final Method method;

	private final MessageHandlerMethodFactory handlerMethodFactory;

	private int concurrency = 1;

	private boolean concurrencySet;

	private boolean autoStartup = true;

	private ZmqListenerErrorHandler errorHandler;

	private MessageConverter messageConverter;

	private MimeType contentType;

	private boolean messageIdAndTimestamp;

	private @Nullable Predicate<String> metadataHeaderFilter;

	private boolean rawMessageHeader = true;

	/**
	 * Create an endpoint.
	 * @param id the listener's id, unique in the registry
	 * @param socketSpec the spec of the socket it receives on (declared and claimed, or
	 * inline)
	 * @param bean the bean whose method handles messages
	 * @param method the handler method, invocable on {@code bean}
	 * @param handlerMethodFactory the factory that builds the invocable handler method
	 */
	public ZmqListenerEndpoint(String id, ZmqSocketSpec socketSpec, Object bean, Method method,
			MessageHandlerMethodFactory handlerMethodFactory) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(socketSpec, "'socketSpec' must not be null");
		this.id = id;
		this.socketSpec = socketSpec;
		this.bean = bean;
		this.method = method;
		this.handlerMethodFactory = handlerMethodFactory;
	}

	/**
	 * @return the listener's id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * @return the spec of the socket the listener receives on
	 */
	public ZmqSocketSpec getSocketSpec() {
		return this.socketSpec;
	}

	/**
	 * @return the bean whose method handles messages
	 */
	public Object getBean() {
		return this.bean;
	}

	/**
	 * @return the handler method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * @return the factory of the invocable handler method
	 */
	public MessageHandlerMethodFactory getHandlerMethodFactory() {
		return this.handlerMethodFactory;
	}

	/**
	 * @return the number of threads that invoke the handler
	 */
	public int getConcurrency() {
		return this.concurrency;
	}

	/**
	 * Set the number of threads that invoke the handler; messages from the one socket are
	 * handed to them through a bounded queue, so with more than one thread the order of
	 * messages across threads is lost (matters for SUB and PAIR).
	 * @param concurrency the number of threads, at least 1
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency >= 1, "'concurrency' must be at least 1");
		this.concurrency = concurrency;
		this.concurrencySet = true;
	}

	/**
	 * @return whether the concurrency was set (else a container factory's default
	 * applies)
	 */
	public boolean isConcurrencySet() {
		return this.concurrencySet;
	}

	/**
	 * @return whether the container starts with the application
	 */
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/**
	 * Set whether the container starts with the application.
	 * @param autoStartup whether to start automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * @return the error handler of this endpoint, or {@code null} for the factory's
	 * default
	 */
	public ZmqListenerErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/**
	 * Set the error handler of this endpoint.
	 * @param errorHandler the error handler, or {@code null} for the factory's default
	 */
	public void setErrorHandler(ZmqListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/**
	 * @return the content type that picks the converter for payloads that name none and
	 * for replies: the one set on the endpoint, else the socket's, else {@code null}
	 */
	public MimeType getContentType() {
		return (this.contentType != null) ? this.contentType : this.socketSpec.getContentType();
	}

	/**
	 * Set the content type that picks the converter for payloads that name none and for
	 * replies, overriding the socket's.
	 * @param contentType the content type
	 */
	public void setContentType(MimeType contentType) {
		this.contentType = contentType;
	}

	/**
	 * @return the converter that writes the replies of a REP or ROUTER listener, or
	 * {@code null} for the default one
	 */
	public MessageConverter getMessageConverter() {
		return this.messageConverter;
	}

	/**
	 * Set the converter that writes the replies of a REP or ROUTER listener; the one that
	 * reads the handler's arguments, so both directions agree.
	 * @param messageConverter the converter
	 */
	public void setMessageConverter(MessageConverter messageConverter) {
		this.messageConverter = messageConverter;
	}

	/**
	 * @return whether each received message's headers carry a fresh {@code id} and
	 * {@code timestamp}
	 */
	public boolean isMessageIdAndTimestamp() {
		return this.messageIdAndTimestamp;
	}

	/**
	 * Set whether each received message's headers carry a fresh {@code id} and
	 * {@code timestamp}. Off by default: they cost a random UUID per message and nothing
	 * in a listener reads them (as in spring-kafka's listener adapters). Spring
	 * Integration's adapters turn it on, since a flow's messages have them; the headers
	 * are still built once, in place, without a copy.
	 * @param messageIdAndTimestamp whether to add them
	 */
	public void setMessageIdAndTimestamp(boolean messageIdAndTimestamp) {
		this.messageIdAndTimestamp = messageIdAndTimestamp;
	}

	/**
	 * @return which headers other than {@code zmq_*} a received message keeps, or
	 * {@code null} for all
	 */
	public @Nullable Predicate<String> getMetadataHeaderFilter() {
		return this.metadataHeaderFilter;
	}

	/**
	 * Set which headers other than the container's own {@code zmq_*} ones (those of the
	 * metadata frame, and the socket's default {@code contentType}) a received message
	 * keeps; Spring Integration's adapters pass their mapped-header patterns. Tested on
	 * the receiving thread for each header.
	 * @param metadataHeaderFilter the filter, or {@code null} to keep all
	 */
	public void setMetadataHeaderFilter(@Nullable Predicate<String> metadataHeaderFilter) {
		this.metadataHeaderFilter = metadataHeaderFilter;
	}

	/**
	 * @return whether received messages that carry the {@code zmq_*} headers also carry
	 * the raw frames as {@link io.github.zmqspring.core.ZmqHeaders#RAW_MESSAGE}
	 */
	public boolean isRawMessageHeader() {
		return this.rawMessageHeader;
	}

	/**
	 * Set whether received messages that carry the {@code zmq_*} headers also carry the
	 * raw frames as {@link io.github.zmqspring.core.ZmqHeaders#RAW_MESSAGE} (default
	 * {@code true}). Off saves a {@code ZMsg} per message where nothing reads it: Spring
	 * Integration's adapters, which never pass the raw frames into a flow. A {@code ZMsg}
	 * parameter of the handler is filled either way; the error handler of a message that
	 * cannot be read still gets the raw frames.
	 * @param rawMessageHeader whether to add the raw frames
	 */
	public void setRawMessageHeader(boolean rawMessageHeader) {
		this.rawMessageHeader = rawMessageHeader;
	}

}
