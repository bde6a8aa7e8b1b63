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

/**
 * The Java DSL factory of this library's Spring Integration components, all on sockets
 * declared under {@code zmq.sockets}:
 *
 * <pre class="code">
 * IntegrationFlow.from(Zmq.inboundChannelAdapter("in").payloadType(Event.class))
 * 	.transform(...)
 * 	.handle(Zmq.outboundChannelAdapter("out"))
 * 	.get();
 *
 * IntegrationFlow.from(Zmq.inboundGateway("rpc").payloadType(Event.class))
 * 	.transform(...)
 * 	.get();
 *
 * IntegrationFlow.from("requests")
 * 	.handle(Zmq.outboundGateway("client").replyType(Event.class))
 * 	.get();
 * </pre>
 *
 * @author zmq-spring-boot
 */
public final class Zmq {

	private Zmq() {
	}

	/**
	 * An inbound channel adapter on a declared PULL, SUB, XSUB or PAIR socket.
	 * @param socket the socket's name
	 * @return the spec
	 */
	public static ZmqInboundChannelAdapterSpec inboundChannelAdapter(String socket) {
		return new ZmqInboundChannelAdapterSpec(socket);
	}

	/**
	 * An inbound gateway on a declared REP or ROUTER socket: the flow's reply is the
	 * reply.
	 * @param socket the socket's name
	 * @return the spec
	 */
	public static ZmqInboundGatewaySpec inboundGateway(String socket) {
		return new ZmqInboundGatewaySpec(socket);
	}

	/**
	 * An outbound channel adapter on a declared PUSH, PUB, XPUB, PAIR or DEALER socket.
	 * @param socket the socket's name
	 * @return the spec
	 */
	public static ZmqOutboundChannelAdapterSpec outboundChannelAdapter(String socket) {
		return new ZmqOutboundChannelAdapterSpec(socket);
	}

	/**
	 * An outbound gateway on a declared DEALER socket: request/reply with the template's
	 * correlation, timeout and retries.
	 * @param socket the socket's name
	 * @return the spec
	 */
	public static ZmqOutboundGatewaySpec outboundGateway(String socket) {
		return new ZmqOutboundGatewaySpec(socket);
	}

	/**
	 * A channel between processes that sends on one declared socket and receives on
	 * another (PUB/SUB or PUSH/PULL).
	 * @param sendSocket a declared PUB, XPUB or PUSH socket, or {@code null} to only
	 * receive
	 * @param receiveSocket a declared SUB, XSUB or PULL socket, or {@code null} to only
	 * send
	 * @return the spec
	 */
	public static ZmqMessageChannelSpec channel(String sendSocket, String receiveSocket) {
		return new ZmqMessageChannelSpec(null, sendSocket, receiveSocket);
	}

	/**
	 * A channel between processes with a bean name.
	 * @param id the channel's bean name
	 * @param sendSocket a declared PUB, XPUB or PUSH socket, or {@code null} to only
	 * receive
	 * @param receiveSocket a declared SUB, XSUB or PULL socket, or {@code null} to only
	 * send
	 * @return the spec
	 */
	public static ZmqMessageChannelSpec channel(String id, String sendSocket, String receiveSocket) {
		return new ZmqMessageChannelSpec(id, sendSocket, receiveSocket);
	}

}
