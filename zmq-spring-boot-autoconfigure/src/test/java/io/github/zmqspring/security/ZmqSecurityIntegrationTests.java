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
package io.github.zmqspring.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.zmqspring.Pyzmq;
import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqSecurityAutoConfiguration;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * CURVE, PLAIN and address rules end to end: our listeners and template against pyzmq
 * (libzmq) peers, with our ZAP handler deciding.
 */
class ZmqSecurityIntegrationTests {

	static final ZmqKeyPair SERVER = ZmqKeyTool.generate();

	static final ZmqKeyPair ALLOWED = ZmqKeyTool.generate();

	static final ZmqKeyPair UNKNOWN = ZmqKeyTool.generate();

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class,
				ZmqSecurityAutoConfiguration.class))
		.withUserConfiguration(Events.class);

	@BeforeAll
	static void pyzmq() {
		Pyzmq.assumeAvailable();
	}

	static String[] curveServer(String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of("zmq.sockets.rpc.type=router",
				"zmq.sockets.rpc.bind=tcp://127.0.0.1:0", "zmq.sockets.rpc.curve.server=true",
				"zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
				"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey()));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	static String endpoint(org.springframework.context.ApplicationContext context, String socket) {
		return context.getBean(ZmqSocketManager.class).getBoundEndpoints(socket).get(0);
	}

	static String curveClient(String endpoint, ZmqKeyPair client, String message, int timeoutMillis) throws Exception {
		return SecurePeers.client("curve-dealer", endpoint, SERVER.getPublicKey(), client.getPublicKey(),
				client.getSecretKey(), message, String.valueOf(timeoutMillis));
	}

	@Nested
	class Curve {

		@Test
		void pyzmqDealerWithAllowedKeyIsServedAndUnknownKeyNeverReachesTheListener() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allowed-keys=" + ALLOWED.getPublicKey()))
				.run((context) -> {
					String endpoint = endpoint(context, "rpc");
					assertThat(curveClient(endpoint, ALLOWED, "hello", 10_000)).isEqualTo("reply: pong:hello");
					assertThat(curveClient(endpoint, UNKNOWN, "intruder", 1500)).isEqualTo("timeout");
					RpcServer server = context.getBean(RpcServer.class);
					assertThat(server.seen).containsExactly("hello");
					ZmqZapHandler zap = context.getBean(ZmqZapHandler.class);
					assertThat(zap.getRefused()).isPositive();
					Events events = context.getBean(Events.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> !events.refused.isEmpty());
					ZmqPeerRefusedEvent event = events.refused.get(0);
					assertThat(event.getSocket()).isEqualTo("rpc");
					assertThat(event.getMechanism()).isEqualTo("CURVE");
					assertThat(event.getIdentity()).isEqualTo(UNKNOWN.getPublicKey());
					assertThat(event.getAddress()).isEqualTo("127.0.0.1");
					assertThat(server.seen).containsExactly("hello");
				});
		}

		@Test
		void perSocketAllowListOverridesTheContexts() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allowed-keys=" + ALLOWED.getPublicKey(),
						"zmq.sockets.rpc.curve.allowed-keys=" + UNKNOWN.getPublicKey()))
				.run((context) -> {
					String endpoint = endpoint(context, "rpc");
					assertThat(curveClient(endpoint, UNKNOWN, "second", 10_000)).isEqualTo("reply: pong:second");
					assertThat(curveClient(endpoint, ALLOWED, "first", 1500)).isEqualTo("timeout");
				});
		}

		@Test
		void allowAnyAcceptsEveryKeyOnlyWhenAskedFor() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allow-any=true"))
				.run((context) -> assertThat(curveClient(endpoint(context, "rpc"), UNKNOWN, "any", 10_000))
					.isEqualTo("reply: pong:any"));
		}

		@Test
		void templateIsACurveClientOfAPyzmqCurveRouter() throws Exception {
			try (SecurePeers.CurveRouter router = new SecurePeers.CurveRouter(SERVER)) {
				ZmqSecurityIntegrationTests.this.runner
					.withPropertyValues("zmq.sockets.rpc-client.type=dealer",
							"zmq.sockets.rpc-client.connect=" + router.endpoint(),
							"zmq.sockets.rpc-client.curve.server-key=" + SERVER.getPublicKey(),
							"zmq.sockets.rpc-client.curve.public-key=" + ALLOWED.getPublicKey(),
							"zmq.sockets.rpc-client.curve.secret-key=" + ALLOWED.getSecretKey())
					.run((context) -> assertThat(
							context.getBean(ZmqTemplate.class).request("rpc-client", "hi", String.class))
						.isEqualTo("echo:hi"));
			}
		}

		@Test
		void clientWithoutKeysUsesAFreshKeyPair() throws Exception {
			try (SecurePeers.CurveRouter router = new SecurePeers.CurveRouter(SERVER)) {
				ZmqSecurityIntegrationTests.this.runner
					.withPropertyValues("zmq.sockets.rpc-client.type=dealer",
							"zmq.sockets.rpc-client.connect=" + router.endpoint(),
							"zmq.sockets.rpc-client.curve.server-key=" + SERVER.getPublicKey())
					.run((context) -> assertThat(
							context.getBean(ZmqTemplate.class).request("rpc-client", "fresh", String.class))
						.isEqualTo("echo:fresh"));
			}
		}

		@Test
		void wrongServerKeyEndsInAnAuthenticationFailureEventAndATimeoutWithoutAReconnectStorm() {
			ZmqKeyPair impostor = ZmqKeyTool.generate();
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allowed-keys=" + ALLOWED.getPublicKey()))
				.run((context) -> {
					String endpoint = endpoint(context, "rpc");
					try (ZContext client = new ZContext()) {
						// a second application: our client with a wrong server key
						ApplicationContextRunner second = new ApplicationContextRunner()
							.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
									ZmqAutoConfiguration.class, ZmqSecurityAutoConfiguration.class))
							.withUserConfiguration(Events.class)
							.withPropertyValues("zmq.sockets.rpc-client.type=dealer",
									"zmq.sockets.rpc-client.connect=" + endpoint,
									"zmq.sockets.rpc-client.curve.server-key=" + impostor.getPublicKey(),
									"zmq.sockets.rpc-client.curve.public-key=" + ALLOWED.getPublicKey(),
									"zmq.sockets.rpc-client.curve.secret-key=" + ALLOWED.getSecretKey());
						second.run((app) -> {
							ZmqTemplate template = app.getBean(ZmqTemplate.class);
							assertThatExceptionOfType(ZmqRequestTimeoutException.class).isThrownBy(
									() -> template.request("rpc-client", "x", String.class, Duration.ofSeconds(3)));
							Events events = app.getBean(Events.class);
							await().atMost(Duration.ofSeconds(10)).until(() -> !events.failures.isEmpty());
							ZmqAuthenticationFailureEvent failure = events.failures.get(0);
							assertThat(failure.getSocket()).isEqualTo("rpc-client");
							assertThat(failure.getEndpoint()).isEqualTo(endpoint);
							// at most one attempt a second (JeroMQ's default is every 100
							// ms)
							assertThat(events.failures).hasSizeLessThanOrEqualTo(8);
						});
					}
					assertThat(context.getBean(RpcServer.class).seen).isEmpty();
				});
		}

	}

	@Nested
	class NoZapHandlerTrap {

		@Test
		void jeromqAloneAcceptsAnyKeyWithoutAZapHandler() {
			// the trap this library designs around: proven here so that the test below
			// means
			// something
			try (ZContext context = new ZContext()) {
				ZMQ.Socket server = context.createSocket(SocketType.ROUTER);
				server.setCurvePublicKey(ZmqCurveKeys.decode(SERVER.getPublicKey()));
				server.setCurveSecretKey(ZmqCurveKeys.decode(SERVER.getSecretKey()));
				server.setCurveServer(true);
				int port = server.bindToRandomPort("tcp://127.0.0.1");
				assertThat(exchange(context, port, UNKNOWN, server)).isTrue();
			}
		}

		@Test
		void withOurZapHandlerTheSameUnknownKeyIsRefused() {
			try (ZContext context = new ZContext()) {
				ZmqZapHandler zap = new ZmqZapHandler(context,
						ZmqZapPolicy.builder().allowedKeys(List.of(ALLOWED.getPublicKey()), "test").build());
				zap.start();
				try {
					ZMQ.Socket server = context.createSocket(SocketType.ROUTER);
					server.setCurvePublicKey(ZmqCurveKeys.decode(SERVER.getPublicKey()));
					server.setCurveSecretKey(ZmqCurveKeys.decode(SERVER.getSecretKey()));
					server.setCurveServer(true);
					int port = server.bindToRandomPort("tcp://127.0.0.1");
					ZMQ.Socket stranger = dial(context, port, UNKNOWN);
					try {
						await().atMost(Duration.ofSeconds(30)).until(() -> zap.getRefused() > 0);
						server.setReceiveTimeOut(500);
						assertThat(server.recv()).isNull();
					}
					finally {
						context.destroySocket(stranger);
					}
					assertThat(exchange(context, port, ALLOWED, server)).isTrue();
					context.destroySocket(server);
				}
				finally {
					zap.stop();
				}
			}
		}

		// whether a client with these keys gets a message through to the server
		private boolean exchange(ZContext context, int port, ZmqKeyPair client, ZMQ.Socket server) {
			ZMQ.Socket dealer = dial(context, port, client);
			try {
				server.setReceiveTimeOut(20_000);
				byte[] identity = server.recv();
				return identity != null && "knock".equals(server.recvStr());
			}
			finally {
				context.destroySocket(dealer);
			}
		}

		// a CURVE client with these keys that has sent "knock"
		private ZMQ.Socket dial(ZContext context, int port, ZmqKeyPair client) {
			ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
			dealer.setCurveServerKey(ZmqCurveKeys.decode(SERVER.getPublicKey()));
			dealer.setCurvePublicKey(ZmqCurveKeys.decode(client.getPublicKey()));
			dealer.setCurveSecretKey(ZmqCurveKeys.decode(client.getSecretKey()));
			dealer.setLinger(0);
			dealer.setHandshakeIvl(1000); // docs/reliability.md: the stuck handshake
			dealer.connect("tcp://127.0.0.1:" + port);
			dealer.send("knock");
			return dealer;
		}

	}

	@Nested
	class Plain {

		@Test
		void goodPasswordIsServedAndBadOneRefused() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues("zmq.sockets.rpc.type=router", "zmq.sockets.rpc.bind=tcp://127.0.0.1:0",
						"zmq.sockets.rpc.plain.server=true", "zmq.security.plain.users.alice=open-sesame")
				.run((context) -> {
					String endpoint = endpoint(context, "rpc");
					assertThat(SecurePeers.client("plain-dealer", endpoint, "alice", "open-sesame", "hi", "10000"))
						.isEqualTo("reply: pong:hi");
					assertThat(SecurePeers.client("plain-dealer", endpoint, "alice", "guess", "bad", "1500"))
						.isEqualTo("timeout");
					assertThat(SecurePeers.client("plain-dealer", endpoint, "mallory", "open-sesame", "bad2", "1500"))
						.isEqualTo("timeout");
					assertThat(context.getBean(RpcServer.class).seen).containsExactly("hi");
					Events events = context.getBean(Events.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> events.refused.size() >= 2);
					assertThat(events.refused).extracting(ZmqPeerRefusedEvent::getMechanism).containsOnly("PLAIN");
				});
		}

	}

	@Nested
	class Addresses {

		@Test
		void addressInDeniedRangeIsRefused() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues("zmq.sockets.rpc.type=router", "zmq.sockets.rpc.bind=tcp://127.0.0.1:0",
						"zmq.security.denied-addresses=127.0.0.0/8")
				.run((context) -> {
					assertThat(SecurePeers.client("null-dealer", endpoint(context, "rpc"), "hi", "1500"))
						.isEqualTo("timeout");
					assertThat(context.getBean(RpcServer.class).seen).isEmpty();
					Events events = context.getBean(Events.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> !events.refused.isEmpty());
					assertThat(events.refused.get(0).getReason()).contains("127.0.0.0/8");
				});
		}

		@Test
		void addressInAllowedRangeIsServed() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allowed-keys=" + ALLOWED.getPublicKey(),
						"zmq.security.allowed-addresses=10.0.0.0/8,127.0.0.1"))
				.run((context) -> assertThat(curveClient(endpoint(context, "rpc"), ALLOWED, "in", 10_000))
					.isEqualTo("reply: pong:in"));
		}

		@Test
		void addressOutsideAllowedRangesIsRefused() {
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allowed-keys=" + ALLOWED.getPublicKey(),
						"zmq.security.allowed-addresses=10.0.0.0/8"))
				.run((context) -> assertThat(curveClient(endpoint(context, "rpc"), ALLOWED, "out", 1500))
					.isEqualTo("timeout"));
		}

	}

	@Nested
	class CertificateDirectory {

		@Test
		void certificateAddedAndRemovedAtRunTimeTakesEffect(@TempDir Path directory) throws Exception {
			// the client's certificates as pyzmq writes them, read as they are
			Path pyzmqDir = Files.createDirectories(directory.resolve("pyzmq"));
			SecurePeers.lines("certificates", pyzmqDir.toString(), "client");
			ZmqKeyPair client = ZmqCertificates.read(pyzmqDir.resolve("client.key_secret"));
			assertThat(ZmqCertificates.read(pyzmqDir.resolve("client.key")).getPublicKey())
				.isEqualTo(client.getPublicKey());
			Path allowed = Files.createDirectories(directory.resolve("allowed"));
			ZmqSecurityIntegrationTests.this.runner.withUserConfiguration(RpcServer.class)
				.withPropertyValues(curveServer("zmq.security.curve.allowed-keys-location=file:" + allowed + "/"))
				.run((context) -> {
					String endpoint = endpoint(context, "rpc");
					assertThat(curveClient(endpoint, client, "before", 1500)).isEqualTo("timeout");
					Files.copy(pyzmqDir.resolve("client.key"), allowed.resolve("client.key"));
					long added = System.nanoTime();
					await().atMost(Duration.ofSeconds(20))
						.until(() -> "reply: pong:added".equals(curveClient(endpoint, client, "added", 1500)));
					Files.delete(allowed.resolve("client.key"));
					await().atMost(Duration.ofSeconds(20))
						.until(() -> "timeout".equals(curveClient(endpoint, client, "removed", 1000)));
					assertThat(added).isPositive();
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RpcServer {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "rpc-listener", socket = "rpc")
		String handle(String request) {
			this.seen.add(request);
			return "pong:" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Events {

		final List<ZmqPeerRefusedEvent> refused = new CopyOnWriteArrayList<>();

		final List<ZmqAuthenticationFailureEvent> failures = new CopyOnWriteArrayList<>();

		@EventListener
		void onRefused(ZmqPeerRefusedEvent event) {
			this.refused.add(event);
		}

		@EventListener
		void onFailure(ZmqAuthenticationFailureEvent event) {
			this.failures.add(event);
		}

	}

}
