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
 * <p>
 * Headers map both ways, as Spring Integration's header mappers do: the request's
 * metadata headers become message headers, and the user headers that the flow sets on its
 * reply (for example with {@code enrichHeaders}) travel back in the reply's metadata
 * frame; the request's own headers, echoed unchanged by the reply, and Spring
 * Integration's internal ones ({@code id}, {@code timestamp}, channels, history) do not.
 * {@link #setMappedRequestHeaders} and {@link #setMappedReplyHeaders} narrow them with
 * patterns.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundGateway extends MessagingGatewaySupport {

	private static final Set<SocketType> TYPES = Set.of(SocketType.REP, SocketType.ROUTER);

	private final ZmqIntegrationSupport.Inbound inbound;

	private String @Nullable [] mappedReplyHeaders;

	/**
	 * Create a gateway.
	 * @param socket the name of a REP or ROUTER socket declared under {@code zmq.sockets}
	 */
	public ZmqInboundGateway(String socket) {
		super(true);
		this.inbound = new ZmqIntegrationSupport.Inbound(socket, TYPES);
		setPhase(ZmqIntegrationPhases.INBOUND);
	}

	/**
	 * @return the name of the socket the gateway receives on
	 */
	public String getSocket() {
		return this.inbound.getSocket();
	}

	/**
	 * Set the type the request payloads are converted to.
	 * @param payloadType the type; {@code byte[]} (the default) leaves the frame as is
	 */
	public void setPayloadType(Class<?> payloadType) {
		this.inbound.setPayloadType(payloadType);
	}

	/**
	 * Set the number of threads that run requests through the flow at once; each waits
	 * for its reply while the others go on.
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
	 * Set which headers of a request's metadata frame become headers of the flow's
	 * message; the library's {@code zmq_} headers always do.
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} (the default) maps every header
	 */
	public void setMappedRequestHeaders(String... patterns) {
		this.inbound.setMappedHeaders(patterns);
	}

	/**
	 * Set which headers of the flow's reply travel back in the reply's metadata frame.
	 * @param patterns header name patterns ({@code *} wildcards, {@code !} to exclude,
	 * the first match decides); {@code *} (the default) maps every user header the flow
	 * set
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
		this.inbound.setComponents(components);
	}

	/**
	 * @return the container that receives for this gateway, once initialized
	 */
	public @Nullable ZmqListenerContainer getContainer() {
		return this.inbound.getContainer();
	}

	@Override
	public String getComponentType() {
		return "zmq:inbound-gateway";
	}

	@Override
	protected void onInit() {
		super.onInit();
		this.inbound.init(getBeanFactory(), "inbound gateway", getComponentName(), new Receiver());
	}

	@Override
	protected void doStart() {
		super.doStart();
		this.inbound.start();
	}

	@Override
	protected void doStop() {
		this.inbound.stop();
		super.doStop();
	}

	/**
	 * What the container invokes for each request; its return value is the reply.
	 */
	private final class Receiver {

		public @Nullable Object receive(Message<byte[]> received) throws Exception {
			Message<?> request = ZmqInboundGateway.this.inbound.toFlowMessage(received);
			Message<?> reply;
			try {
				reply = sendAndReceiveMessage(request);
			}
			catch (MessagingException ex) {
				// the requester gets the flow's own failure, not the wrapper of the flow
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			if (reply == null) {
				return null;
			}
			// the container writes a returned Message's headers in the metadata frame
			return ZmqIntegrationSupport.toWire(reply, ZmqInboundGateway.this.mappedReplyHeaders, request.getHeaders());
		}

	}

}
