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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.Pyzmq;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.integration.IntegrationTestSupport.Event;
import io.github.zmqspring.integration.dsl.Zmq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Spring Integration module against native libzmq (pyzmq through
 * {@code /usr/bin/python3}): a flow between a pyzmq PUSH and a pyzmq PULL, a pyzmq REQ
 * against an inbound gateway, an outbound gateway against a pyzmq REP.
 */
@Timeout(60)
class ZmqIntegrationPyzmqInteropTests {

	@BeforeAll
	static void pyzmqIsAvailable() {
		Pyzmq.assumeAvailable();
	}

	@Test
	void pyzmqPushThroughATransformingFlowToPyzmqPull() {
		IntegrationTestSupport.runner()
			.withUserConfiguration(TransformingFlow.class)
			.withPropertyValues("zmq.sockets.in.type=pull", "zmq.sockets.in.bind=tcp://127.0.0.1:0",
					"zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0")
			.run((context) -> {
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				Peer peer = Peer.start("integration_push_pull.py", manager.getBoundEndpoints("in").get(0),
						manager.getBoundEndpoints("out").get(0), "100");
				try {
					assertThat(peer.readLine()).startsWith("ready");
					JsonMapper json = JsonMapper.builder().build();
					List<Event> received = new ArrayList<>();
					for (int i = 0; i < 100; i++) {
						String line = peer.readLine();
						assertThat(line).as("message %d", i).isNotNull();
						received.add(json.readValue(line, Event.class));
					}
					List<Event> expected = new ArrayList<>();
					for (int i = 0; i < 100; i++) {
						expected.add(new Event(i, "EVENT-" + i));
					}
					assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
					assertThat(peer.exitValue()).isZero();
				}
				finally {
					peer.destroy();
				}
			});
	}

	@Test
	void pyzmqReqAgainstAnInboundGatewayFlow() {
		IntegrationTestSupport.runner()
			.withUserConfiguration(GatewayFlow.class)
			.withPropertyValues("zmq.sockets.rpc.type=rep", "zmq.sockets.rpc.bind=tcp://127.0.0.1:0")
			.run((context) -> {
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("rpc").get(0);
				Peer peer = Peer.start("integration_req.py", endpoint, "hello", "fail", "world");
				try {
					HexFormat hex = HexFormat.of();
					assertThat(peer.readLine()).startsWith("ready");
					assertThat(peer.readLine()).isEqualTo(hex.formatHex("HELLO".getBytes(StandardCharsets.UTF_8)));
					String[] error = peer.readLine().split(" ");
					assertThat(error).hasSize(2);
					assertThat(error[0]).as("the metadata frame with the error flag").startsWith("ff5a4d51");
					assertThat(new String(hex.parseHex(error[1]), StandardCharsets.UTF_8)).contains("refused fail");
					assertThat(peer.readLine()).isEqualTo(hex.formatHex("WORLD".getBytes(StandardCharsets.UTF_8)));
					assertThat(peer.exitValue()).isZero();
				}
				finally {
					peer.destroy();
				}
			});
	}

	@Test
	void outboundGatewayAgainstAPyzmqRep() throws Exception {
		Peer peer = Peer.start("integration_rep.py");
		try {
			String port = peer.readLine().split(" ")[1];
			IntegrationTestSupport.runner()
				.withUserConfiguration(ClientFlow.class)
				.withPropertyValues("zmq.sockets.client.type=dealer",
						"zmq.sockets.client.connect=tcp://127.0.0.1:" + port)
				.run((context) -> {
					MessagingTemplate messaging = new MessagingTemplate();
					MessageChannel requests = context.getBean("requests", MessageChannel.class);
					for (int i = 0; i < 20; i++) {
						assertThat(messaging.convertSendAndReceive(requests, "ping-" + i, String.class))
							.isEqualTo("PING-" + i);
					}
					assertThat(messaging.convertSendAndReceive(requests, "stop", String.class)).isEqualTo("stopped");
					assertThatExceptionOfType(MessagingException.class)
						.isThrownBy(() -> messaging.convertSendAndReceive(requests, "gone", String.class))
						.havingRootCause()
						.withMessageContaining("No reply on socket 'client'");
				});
			assertThat(peer.exitValue()).isZero();
		}
		finally {
			peer.destroy();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class TransformingFlow {

		@Bean
		IntegrationFlow transformingFlow() {
			return IntegrationFlow.from(Zmq.inboundChannelAdapter("in").payloadType(Event.class))
				.transform(Event.class, (event) -> new Event(event.id(), event.text().toUpperCase()))
				.handle(Zmq.outboundChannelAdapter("out"))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class GatewayFlow {

		@Bean
		IntegrationFlow rpcFlow() {
			return IntegrationFlow.from(Zmq.inboundGateway("rpc").payloadType(String.class))
				.transform(String.class, (request) -> {
					if (request.equals("fail")) {
						throw new IllegalArgumentException("refused " + request);
					}
					return request.toUpperCase();
				})
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class ClientFlow {

		@Bean
		IntegrationFlow clientFlow() {
			return IntegrationFlow.from("requests")
				.handle(Zmq.outboundGateway("client")
					.replyType(String.class)
					.requestTimeout(java.time.Duration.ofSeconds(2)))
				.get();
		}

	}

	/** A pyzmq peer: a script of {@code src/test/resources/interop} and its output. */
	record Peer(Process process, BufferedReader output) {

		static Peer start(String script, String... args) {
			try {
				List<String> command = new ArrayList<>(List.of(Pyzmq.PYTHON, path(script)));
				command.addAll(List.of(args));
				Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
				return new Peer(process,
						new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static String path(String script) {
			try {
				return new File(ZmqIntegrationPyzmqInteropTests.class.getResource("/interop/" + script).toURI())
					.getAbsolutePath();
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Reads a line; the scripts bound their own waits, so this cannot hang. */
		String readLine() throws IOException {
			return this.output.readLine();
		}

		int exitValue() throws InterruptedException {
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("the python peer ends").isTrue();
			return this.process.exitValue();
		}

		void destroy() {
			this.process.destroyForcibly();
		}

	}

}
