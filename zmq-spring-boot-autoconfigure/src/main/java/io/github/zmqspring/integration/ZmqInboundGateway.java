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

import org.springframework.integration.gateway.MessagingGatewaySupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

/**
 * An inbound gateway: receives requests on a declared REP or ROUTER socket, sends each
 * into a flow, and replies with the flow's reply through the request's envelope, so REQ
 * and DEALER clients of any language are served. It runs on a listener container of this
 * library (concurrency, bounded stop, no polling delay).
 * <p>
 * A flow that fails, and a flow that gives no reply within the reply timeout, answer with
 * an error reply (the error flag of docs/wire-format.md; our template raises it as
 * {@code ZmqRemoteException}), never with silence. With an error channel set, the error
 * flow's reply is the reply instead. The requester's routing id is in
 * {@code ZmqHeaders.ROUTING_ID}.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundGateway extends MessagingGatewaySupport {

	private static final Set<SocketType> TYPES = Set.of(SocketType.REP, SocketType.ROUTER);

	private final String socket;

	private Class<?> payloadType = byte[].class;

	private int concurrency = 1;

	private @Nullable String listenerId;

	private @Nullable ZmqIntegrationComponents components;

	private @Nullable ZmqListenerContainer container;

	/**
	 * Create a gateway.
	 * @param socket the name of a REP or ROUTER socket declared under {@code zmq.sockets}
	 */
	public ZmqInboundGateway(String socket) {
		super(true);
		Assert.hasText(socket, "'socket' must not be empty");
		this.socket = socket;
		setPhase(ZmqIntegrationPhases.INBOUND);
	}

	/**
	 * @return the name of the socket the gateway receives on
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * Set the type the request payloads are converted to.
	 * @param payloadType the type; {@code byte[]} (the default) leaves the frame as is
	 */
	public void setPayloadType(Class<?> payloadType) {
		Assert.notNull(payloadType, "'payloadType' must not be null");
		this.payloadType = payloadType;
	}

	/**
	 * Set the number of threads that run requests through the flow at once; each waits
	 * for its reply while the others go on.
	 * @param concurrency the number of threads, at least 1
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency >= 1, "'concurrency' must be at least 1");
		this.concurrency = concurrency;
	}

	/**
	 * Set the id of the listener container in the {@code ZmqListenerEndpointRegistry}.
	 * @param listenerId the id (default {@code integration:<socket>})
	 */
	public void setListenerId(String listenerId) {
		Assert.hasText(listenerId, "'listenerId' must not be empty");
		this.listenerId = listenerId;
	}

	/**
	 * Set the components this gateway uses, instead of looking them up in the bean
	 * factory.
	 * @param components the components
	 */
	public void setComponents(ZmqIntegrationComponents components) {
		this.components = components;
	}

	/**
	 * @return the container that receives for this gateway, once initialized
	 */
	public @Nullable ZmqListenerContainer getContainer() {
		return this.container;
	}

	@Override
	public String getComponentType() {
		return "zmq:inbound-gateway";
	}

	@Override
	protected void onInit() {
		super.onInit();
		if (this.components == null) {
			this.components = ZmqIntegrationComponents.of(getBeanFactory());
		}
		String id = (this.listenerId != null) ? this.listenerId : "integration:" + this.socket;
		this.container = ZmqIntegrationSupport.registerContainer(this.components, id, this.socket, TYPES,
				"inbound gateway '" + getComponentName() + "'", new Receiver(), this.concurrency);
	}

	@Override
	protected void doStart() {
		super.doStart();
		Assert.state(this.container != null, "The gateway is not initialized");
		this.container.start();
	}

	@Override
	protected void doStop() {
		if (this.container != null) {
			this.container.stop();
		}
		super.doStop();
	}

	/**
	 * What the container invokes for each request; its return value is the reply.
	 */
	private final class Receiver {

		public @Nullable Object receive(Message<byte[]> received) throws Exception {
			ZmqInboundGateway gateway = ZmqInboundGateway.this;
			Message<?> request = ZmqIntegrationSupport.toFlowMessage(received, gateway.payloadType,
					gateway.components.getMessageConverter(),
					"Inbound gateway '" + getComponentName() + "' on socket '" + gateway.socket + "'");
			Message<?> reply;
			try {
				reply = sendAndReceiveMessage(request);
			}
			catch (MessagingException ex) {
				// the requester gets the flow's own failure, not the wrapper of the flow
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			return (reply != null) ? reply.getPayload() : null;
		}

	}

}
