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

import io.github.zmqspring.listener.ZmqListenerContainer;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.integration.endpoint.MessageProducerSupport;

/**
 * An inbound channel adapter: receives on a declared PULL, SUB, XSUB or PAIR socket and
 * sends each message into a flow. It runs on a listener container of this library, so it
 * has no polling delay, takes its concurrency, and stops within the container's bounded
 * stop timeout.
 * <p>
 * The payload is the frame as {@code byte[]} unless a {@link #setPayloadType payload
 * type} is set, then it is converted with the application's converters (the
 * {@code zmqMessageConverter} bean: JSON, CBOR, String and your own). The headers of the
 * metadata frame (docs/wire-format.md) become message headers, a SUB's topic is in
 * {@code ZmqHeaders.TOPIC}. A message that cannot be converted, or whose flow fails, goes
 * to the adapter's error channel (by default the application's {@code errorChannel}, when
 * there is one) and the adapter goes on receiving.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundChannelAdapter extends MessageProducerSupport {

	private static final Set<SocketType> TYPES = Set.of(SocketType.PULL, SocketType.SUB, SocketType.XSUB,
			SocketType.PAIR);

	private final ZmqIntegrationSupport.Inbound inbound;

	private boolean errorChannelSet;

	/**
	 * Create an adapter.
	 * @param socket the name of a socket declared under {@code zmq.sockets}
	 */
	public ZmqInboundChannelAdapter(String socket) {
		this.inbound = new ZmqIntegrationSupport.Inbound(socket, TYPES);
		setPhase(ZmqIntegrationPhases.INBOUND);
	}

	/**
	 * @return the name of the socket the adapter receives on
	 */
	public String getSocket() {
		return this.inbound.getSocket();
	}

	/**
	 * Set the type the payloads are converted to.
	 * @param payloadType the type; {@code byte[]} (the default) leaves the frame as is
	 */
	public void setPayloadType(Class<?> payloadType) {
		this.inbound.setPayloadType(payloadType);
	}

	/**
	 * Set the number of threads that send messages into the flow; with more than one the
	 * order of messages is lost.
	 * @param concurrency the number of threads, at least 1
	 */
	public void setConcurrency(int concurrency) {
		this.inbound.setConcurrency(concurrency);
	}

	/**
	 * Set the id of the listener container in the {@code ZmqListenerEndpointRegistry}.
	 * @param listenerId the id (default {@code integration:<socket>})
	 */
	public void setListenerId(String listenerId) {
		this.inbound.setListenerId(listenerId);
	}

	/**
	 * Set which headers of a message's metadata frame become headers of the flow's
	 * message; the library's {@code zmq_} headers always do.
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} (the default) maps every header
	 */
	public void setMappedRequestHeaders(String... patterns) {
		this.inbound.setMappedHeaders(patterns);
	}

	/**
	 * Set the components this adapter uses, instead of looking them up in the bean
	 * factory.
	 * @param components the components
	 */
	public void setComponents(ZmqIntegrationComponents components) {
		this.inbound.setComponents(components);
	}

	/**
	 * @return the container that receives for this adapter, once initialized
	 */
	public @Nullable ZmqListenerContainer getContainer() {
		return this.inbound.getContainer();
	}

	@Override
	public void setErrorChannel(MessageChannel errorChannel) {
		super.setErrorChannel(errorChannel);
		this.errorChannelSet = true;
	}

	@Override
	public void setErrorChannelName(String errorChannelName) {
		super.setErrorChannelName(errorChannelName);
		this.errorChannelSet = true;
	}

	@Override
	public String getComponentType() {
		return "zmq:inbound-channel-adapter";
	}

	@Override
	protected void onInit() {
		super.onInit();
		// resolved on first use, like any channel name: the error channel may be defined
		// by a flow that is registered after this one
		if (!this.errorChannelSet && getBeanFactory() != null
				&& getBeanFactory().containsBean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)) {
			setErrorChannelName(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME);
		}
		this.inbound.init(getBeanFactory(), "inbound channel adapter", getComponentName(), new Receiver());
	}

	@Override
	protected void doStart() {
		this.inbound.start();
	}

	@Override
	protected void doStop() {
		super.doStop();
		this.inbound.stop();
	}

	/**
	 * What the container invokes for each message, on its thread.
	 */
	private final class Receiver {

		public void receive(Message<byte[]> received) {
			Message<?> message;
			try {
				message = ZmqInboundChannelAdapter.this.inbound.toFlowMessage(received);
			}
			catch (RuntimeException ex) {
				if (!sendErrorMessageIfNecessary(received, ex)) {
					throw ex;
				}
				return;
			}
			sendMessage(message);
		}

	}

}
