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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.github.zmqspring.Pyzmq;
import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.integration.ZmqIntegrationPyzmqInteropTests.Peer;
import io.github.zmqspring.integration.dsl.Zmq;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers both ways through the gateways: a flow's reply headers reach the requester in
 * the reply's metadata frame, and a remote reply's metadata headers reach the outbound
 * gateway's reply message. Real sockets over tcp on 127.0.0.1, Java and pyzmq peers.
 */
class ZmqIntegrationHeaderMappingTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static ApplicationContextRunner server(Class<?> flow, int port) {
		return IntegrationTestSupport.runner()
			.withUserConfiguration(flow)
			.withPropertyValues("zmq.sockets.rpc.type=rep", "zmq.sockets.rpc.bind=tcp://127.0.0.1:" + port);
	}

	private static ApplicationContextRunner client(int port) {
		return IntegrationTestSupport.runner()
			.withUserConfiguration(ClientFlow.class)
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=tcp://127.0.0.1:" + port);
	}

	private static Message<?> request(String payload, String tag) {
		return MessageBuilder.withPayload(payload).setHeader("x-request", tag).build();
	}

	private static String text(Object payload) {
		return new String((byte[]) payload, StandardCharsets.UTF_8);
	}

	@Nested
	class InboundGatewayReplyHeaders {

		@Test
		void reachATemplateAndAnOutboundGatewayInAnotherContext() {
			int port = IntegrationTestSupport.freePort();
			server(HeaderGatewayFlow.class, port).run((server) -> client(port).run((client) -> {
				Message<?> reply = client.getBean(ZmqTemplate.class)
					.request("client", request("hi", "r1"), Message.class, WAIT);
				assertThat(text(reply.getPayload())).isEqualTo("HI");
				assertThat(reply.getHeaders()).containsEntry("x-status", "ok").containsEntry("x-seen", "r1");
				assertThat(reply.getHeaders()).as("the request's own headers do not echo back")
					.doesNotContainKeys("x-request", MessageHeaders.CONTENT_TYPE, "content-type");

				Message<?> flowReply = new MessagingTemplate()
					.sendAndReceive(client.getBean("requests", MessageChannel.class), request("ho", "r2"));
				assertThat(flowReply).isNotNull();
				assertThat(flowReply.getPayload()).isEqualTo("HO");
				assertThat(flowReply.getHeaders()).containsEntry("x-status", "ok")
					.containsEntry("x-seen", "r2")
					.containsEntry("x-request", "r2");
			}));
		}

		@Test
		void mappedReplyHeadersNarrowWhatTravels() {
			int port = IntegrationTestSupport.freePort();
			server(NarrowHeaderGatewayFlow.class, port).run((server) -> client(port).run((client) -> {
				Message<?> reply = client.getBean(ZmqTemplate.class)
					.request("client", request("hi", "r1"), Message.class, WAIT);
				assertThat(text(reply.getPayload())).isEqualTo("HI");
				assertThat(reply.getHeaders()).containsEntry("x-seen", "r1").doesNotContainKey("x-status");
			}));
		}

		@Test
		void reachAPyzmqReq() throws Exception {
			Pyzmq.assumeAvailable();
			IntegrationTestSupport.runner()
				.withUserConfiguration(HeaderGatewayFlow.class)
				.withPropertyValues("zmq.sockets.rpc.type=rep", "zmq.sockets.rpc.bind=tcp://127.0.0.1:0")
				.run((context) -> {
					String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("rpc").get(0);
					Peer peer = Peer.start("integration_headers_req.py", endpoint, "one", "two");
					try {
						assertThat(peer.readLine()).startsWith("ready");
						assertPyzmqReply(peer.readLine(), "py-one", "ONE");
						assertPyzmqReply(peer.readLine(), "py-two", "TWO");
						assertThat(peer.exitValue()).isZero();
					}
					finally {
						peer.destroy();
					}
				});
		}

		private void assertPyzmqReply(String line, String tag, String payload) {
			int space = line.lastIndexOf(' ');
			Map<String, String> headers = JsonMapper.builder()
				.build()
				.readValue(line.substring(0, space), new TypeReference<Map<String, String>>() {
				});
			assertThat(headers).containsEntry("x-status", "ok")
				.containsEntry("x-seen", tag)
				.containsEntry("error", "False")
				.doesNotContainKey("x-request");
			assertThat(line.substring(space + 1)).isEqualTo(payload);
		}

	}

	@Nested
	class RemoteReplyHeaders {

		@Test
		void ofAZmqListenerReturningAMessageReachTheOutboundGatewayReply() {
			int port = IntegrationTestSupport.freePort();
			IntegrationTestSupport.runner()
				.withUserConfiguration(MessageReplyingServer.class)
				.withPropertyValues("server.port=" + port)
				.run((server) -> client(port).run((client) -> {
					Message<?> reply = new MessagingTemplate()
						.sendAndReceive(client.getBean("requests", MessageChannel.class), request("hey", "r3"));
					assertThat(reply).isNotNull();
					assertThat(reply.getPayload()).isEqualTo("HEY");
					assertThat(reply.getHeaders()).containsEntry("x-server", "java")
						.containsEntry("x-echo", "r3")
						.doesNotContainKey("content-type");
				}));
		}

		@Test
		void ofAPyzmqRepReachTheOutboundGatewayReplyAndPatternsNarrowThem() throws Exception {
			Pyzmq.assumeAvailable();
			Peer peer = Peer.start("integration_headers_rep.py");
			try {
				String port = peer.readLine().split(" ")[1];
				IntegrationTestSupport.runner()
					.withUserConfiguration(ClientFlow.class, NarrowClientFlow.class)
					.withPropertyValues("zmq.sockets.client.type=dealer",
							"zmq.sockets.client.connect=tcp://127.0.0.1:" + port)
					.run((context) -> {
						MessagingTemplate messaging = new MessagingTemplate();
						Message<?> reply = messaging.sendAndReceive(context.getBean("requests", MessageChannel.class),
								request("ping", "j1"));
						assertThat(reply).isNotNull();
						assertThat(reply.getPayload()).isEqualTo("PING");
						assertThat(reply.getHeaders()).containsEntry("x-server", "py").containsEntry("x-echo", "j1");

						Message<?> narrow = messaging.sendAndReceive(
								context.getBean("narrowRequests", MessageChannel.class), request("pong", "j2"));
						assertThat(narrow).isNotNull();
						assertThat(narrow.getPayload()).isEqualTo("PONG");
						assertThat(narrow.getHeaders()).as("x-request is not mapped, x-server is excluded")
							.containsEntry("x-echo", "none")
							.doesNotContainKey("x-server");

						assertThat(messaging.sendAndReceive(context.getBean("requests", MessageChannel.class),
								request("stop", "j3")))
							.isNotNull();
					});
				assertThat(peer.exitValue()).isZero();
			}
			finally {
				peer.destroy();
			}
		}

	}

	@Nested
	class InboundAdapterHeaders {

		@Test
		void flowMessageHasAnIdATimestampAndTheMappedHeadersButNotTheRawFrames() {
			int port = IntegrationTestSupport.freePort();
			IntegrationTestSupport.runner()
				.withUserConfiguration(MappedInboundFlow.class)
				.withPropertyValues("zmq.sockets.in.type=pull", "zmq.sockets.in.bind=tcp://127.0.0.1:" + port,
						"zmq.sockets.out.type=push", "zmq.sockets.out.connect=tcp://127.0.0.1:" + port)
				.run((context) -> {
					context.getBean(ZmqTemplate.class)
						.send("out",
								MessageBuilder.withPayload("m1")
									.setHeader("x-keep", "k")
									.setHeader("x-drop", "d")
									.build());
					Message<?> received = context.getBean("received", QueueChannel.class).receive(WAIT.toMillis());
					assertThat(received).isNotNull();
					assertThat(text(received.getPayload())).isEqualTo("m1");
					assertThat(received.getHeaders().getId()).isNotNull();
					assertThat(received.getHeaders().getTimestamp()).isNotNull();
					assertThat(received.getHeaders()).containsEntry("x-keep", "k")
						.containsEntry(ZmqHeaders.SOCKET, "in")
						.doesNotContainKeys("x-drop", ZmqHeaders.RAW_MESSAGE);
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class MappedInboundFlow {

		@Bean
		QueueChannel received() {
			return new QueueChannel();
		}

		@Bean
		IntegrationFlow mappedFlow(QueueChannel received) {
			return IntegrationFlow.from(Zmq.inboundChannelAdapter("in").mappedRequestHeaders("x-k*"))
				.channel(received)
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class HeaderGatewayFlow {

		@Bean
		IntegrationFlow rpcFlow() {
			return IntegrationFlow.from(Zmq.inboundGateway("rpc").payloadType(String.class))
				.enrichHeaders((headers) -> headers.header("x-status", "ok")
					.headerExpression("x-seen", "headers['x-request']"))
				.transform(String.class, String::toUpperCase)
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class NarrowHeaderGatewayFlow {

		@Bean
		IntegrationFlow rpcFlow() {
			return IntegrationFlow
				.from(Zmq.inboundGateway("rpc").payloadType(String.class).mappedReplyHeaders("x-seen"))
				.enrichHeaders((headers) -> headers.header("x-status", "ok")
					.headerExpression("x-seen", "headers['x-request']"))
				.transform(String.class, String::toUpperCase)
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class ClientFlow {

		@Bean
		IntegrationFlow clientFlow() {
			return IntegrationFlow.from("requests")
				.handle(Zmq.outboundGateway("client").replyType(String.class).requestTimeout(WAIT))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class NarrowClientFlow {

		@Bean
		IntegrationFlow narrowClientFlow() {
			return IntegrationFlow.from("narrowRequests")
				.handle(Zmq.outboundGateway("client")
					.replyType(String.class)
					.requestTimeout(WAIT)
					.mappedRequestHeaders("!x-request", "*")
					.mappedReplyHeaders("!x-server", "x-*"))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MessageReplyingServer {

		@ZmqListener(id = "upper", type = SocketType.REP, bind = "tcp://127.0.0.1:${server.port}")
		Message<String> upper(Message<String> request) {
			return MessageBuilder.withPayload(request.getPayload().toUpperCase())
				.setHeader("x-server", "java")
				.setHeader("x-echo", request.getHeaders().get("x-request"))
				.build();
		}

	}

}
