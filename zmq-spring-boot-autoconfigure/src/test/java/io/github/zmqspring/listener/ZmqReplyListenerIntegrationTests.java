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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqRemoteException;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.Pyzmq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ZmqListener} on REP and ROUTER sockets: the return value is the reply. Real
 * sockets only: the template's DEALER, raw JeroMQ REQ and DEALER peers, and libzmq
 * through pyzmq.
 */
@Timeout(60)
class ZmqReplyListenerIntegrationTests {

	record Order(String id, int quantity) {
	}

	record Confirmation(String orderId, int total) {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class));

	@Test
	void pojoRoundTripsThroughRepOverTcpAndRouterOverInproc() {
		int port = freePort();
		this.runner.withUserConfiguration(OrderServers.class)
			.withPropertyValues("orders.port=" + port, "zmq.sockets.tcp-client.type=dealer",
					"zmq.sockets.tcp-client.connect=tcp://127.0.0.1:" + port, "zmq.sockets.inproc-client.type=dealer",
					"zmq.sockets.inproc-client.connect=inproc://orders")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.request("tcp-client", new Order("a-1", 3), Confirmation.class))
					.isEqualTo(new Confirmation("a-1", 30));
				assertThat(template.request("inproc-client", new Order("b-2", 5), Confirmation.class))
					.isEqualTo(new Confirmation("b-2", 50));
				assertThat(context.getBean(OrderServers.class).routingIds).hasSize(1)
					.allSatisfy((id) -> assertThat(id).isNotEmpty());
			});
	}

	@Test
	void sixtyFourConcurrentRequestsFromEightThreadsAreEachMatched() {
		int port = freePort();
		this.runner.withUserConfiguration(OrderServers.class)
			.withPropertyValues("orders.port=" + port, "zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=tcp://127.0.0.1:" + port)
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ExecutorService threads = Executors.newFixedThreadPool(8);
				try {
					List<Future<List<CompletableFuture<Confirmation>>>> batches = new ArrayList<>();
					for (int t = 0; t < 8; t++) {
						int thread = t;
						batches.add(threads.submit(() -> {
							List<CompletableFuture<Confirmation>> replies = new ArrayList<>();
							for (int i = 0; i < 8; i++) {
								replies.add(template.requestAsync("client", new Order(thread + "-" + i, thread * 8 + i),
										Confirmation.class));
							}
							return replies;
						}));
					}
					for (int t = 0; t < 8; t++) {
						List<CompletableFuture<Confirmation>> replies = batches.get(t).get(20, TimeUnit.SECONDS);
						for (int i = 0; i < 8; i++) {
							assertThat(replies.get(i).get(20, TimeUnit.SECONDS))
								.isEqualTo(new Confirmation(t + "-" + i, (t * 8 + i) * 10));
						}
					}
				}
				finally {
					threads.shutdownNow();
				}
			});
	}

	@Test
	void headersOfAMessageTravelAsMetadataToTheListener() {
		this.runner.withUserConfiguration(HeaderServer.class)
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://headers")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				Message<Order> request = MessageBuilder.withPayload(new Order("h-1", 2))
					.setHeader("tenant", "acme")
					.setHeader("attempt", 3)
					.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
					.build();
				assertThat(template.request("client", request, String.class))
					.isEqualTo("h-1 for acme, attempt 3, application/json");
				assertThat(template.request("client", new Order("plain", 1), String.class))
					.isEqualTo("plain for nobody, attempt 0, none");
				Message<Order> bad = MessageBuilder.withPayload(new Order("x", 1))
					.setHeader("complex", new Order("not", 0))
					.build();
				assertThatExceptionOfType(MessageConversionException.class)
					.isThrownBy(() -> template.request("client", bad, String.class))
					.withMessageContaining("Header 'complex'");
			});
	}

	@Test
	void routerWithConcurrencyAnswersFastRequestsWhileASlowOneWaits() {
		this.runner.withUserConfiguration(SlowAndFast.class)
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://slow-and-fast")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				SlowAndFast server = context.getBean(SlowAndFast.class);
				CompletableFuture<String> slow = template.requestAsync("client", "slow", String.class);
				assertThat(server.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
				for (int i = 0; i < 20; i++) {
					assertThat(template.request("client", "fast-" + i, String.class)).isEqualTo("FAST-" + i);
				}
				assertThat(slow).isNotDone();
				server.releaseSlow.countDown();
				assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("SLOW");
			});
	}

	@Test
	void completableFutureRepliesWhenItCompletesInAnyOrder() {
		this.runner.withUserConfiguration(AsyncServer.class)
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://async")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				AsyncServer server = context.getBean(AsyncServer.class);
				CompletableFuture<String> first = template.requestAsync("client", "first", String.class);
				CompletableFuture<String> second = template.requestAsync("client", "second", String.class);
				CompletableFuture<String> failing = template.requestAsync("client", "failing", String.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> server.pending.size() == 3);
				// the REP listener has taken all three while none is answered
				server.pending.get("second").complete("2nd");
				assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("2nd");
				assertThat(first).isNotDone();
				server.pending.get("first").complete("1st");
				assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("1st");
				server.pending.get("failing").completeExceptionally(new IllegalStateException("no stock"));
				assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
					.isThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOfSatisfying(ZmqRemoteException.class, (ex) -> {
						assertThat(ex.getRemoteType()).isEqualTo(IllegalStateException.class.getName());
						assertThat(ex.getRemoteMessage()).isEqualTo("no stock");
					});
			});
	}

	@Test
	void handlerExceptionAndBadPayloadReachTheCallerAsRemoteErrorsAndTheListenerGoesOn() {
		int port = freePort();
		this.runner.withUserConfiguration(OrderServers.class)
			.withPropertyValues("orders.port=" + port, "zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=tcp://127.0.0.1:" + port, "zmq.template.request-timeout=30s")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				// the request timeout is 30 s and the test's 60 s: only an error reply
				// makes these calls return at all within the test's bound
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.request("client", new Order("boom", 1), Confirmation.class))
					.satisfies((ex) -> {
						assertThat(ex.getRemoteType()).isEqualTo(IllegalArgumentException.class.getName());
						assertThat(ex.getRemoteMessage()).isEqualTo("unknown item boom");
					});
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.request("client", "{not json", Confirmation.class))
					.satisfies((ex) -> assertThat(ex.getRemoteType())
						.isEqualTo(MessageConversionException.class.getName()));
				assertThat(template.request("client", new Order("ok", 2), Confirmation.class))
					.isEqualTo(new Confirmation("ok", 20));
				ZmqListenerContainer container = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("tcp-orders");
				assertThat(container.getErrorCount()).isEqualTo(2);
			});
	}

	@Test
	void voidOnRepRepliesEmptyAndRawReqAndDealerPeersSpeakTheStandardEnvelope() {
		this.runner.withUserConfiguration(PlainServers.class).run((context) -> {
			ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
			String rep = manager.getBoundEndpoints("upper").get(0);
			String router = manager.getBoundEndpoints("router-upper").get(0);
			try (ZContext zmq = new ZContext()) {
				for (String endpoint : List.of(rep, router)) {
					ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
					req.setHandshakeIvl(1000);
					req.setReceiveTimeOut(10_000);
					req.connect(endpoint);
					req.send("hello");
					assertThat(req.recvStr()).isEqualTo("HELLO");
					zmq.destroySocket(req);
				}
				ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
				req.setHandshakeIvl(1000);
				req.setReceiveTimeOut(10_000);
				req.connect(manager.getBoundEndpoints("void-rep").get(0));
				for (int i = 0; i < 3; i++) {
					req.send("note-" + i);
					assertThat(req.recv()).as("reply of a void REP handler").isEmpty();
				}
				assertThat(context.getBean(PlainServers.class).notes).containsExactly("note-0", "note-1", "note-2");
				zmq.destroySocket(req);
				// a DEALER without the empty delimiter: ROUTER answers with the bare
				// payload, REP drops it (as libzmq's REP does) and keeps serving
				ZMQ.Socket dealer = zmq.createSocket(SocketType.DEALER);
				dealer.setHandshakeIvl(1000);
				dealer.setReceiveTimeOut(10_000);
				dealer.connect(router);
				dealer.send("bare");
				assertThat(dealer.recvStr()).isEqualTo("BARE");
				zmq.destroySocket(dealer);
				ZMQ.Socket bad = zmq.createSocket(SocketType.DEALER);
				bad.setHandshakeIvl(1000);
				bad.connect(rep);
				bad.send("no delimiter");
				ZmqListenerContainer upper = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("upper");
				await().atMost(Duration.ofSeconds(10)).until(() -> upper.getErrorCount() == 1);
				bad.sendMore("");
				bad.send("after");
				bad.setReceiveTimeOut(10_000);
				ZMsg reply = ZMsg.recvMsg(bad);
				assertThat(reply).isNotNull();
				assertThat(reply.popString()).isEmpty();
				assertThat(reply.popString()).isEqualTo("AFTER");
				zmq.destroySocket(bad);
			}
		});
	}

	@Test
	void errorReplyOnTheWireIsTheExampleOfTheWireFormatDoc() throws IOException {
		String doc = Files.readString(Path.of("../docs/wire-format.md"));
		Matcher section = Pattern.compile("## Error replies.*?```\\n.*?```\\n.*?```\\n(.*?)```", Pattern.DOTALL)
			.matcher(doc);
		assertThat(section.find()).as("the error reply example in docs/wire-format.md").isTrue();
		StringBuilder documented = new StringBuilder();
		for (String line : section.group(1).split("\\n")) {
			for (String word : line.trim().split("\\s+")) {
				if (!word.matches("[0-9a-f]{2}")) {
					break; // the rest of the line is a comment
				}
				documented.append(word);
			}
		}
		this.runner.withUserConfiguration(PlainServers.class).run((context) -> {
			try (ZContext zmq = new ZContext()) {
				ZMQ.Socket req = zmq.createSocket(SocketType.REQ);
				req.setHandshakeIvl(1000);
				req.setReceiveTimeOut(10_000);
				req.connect(context.getBean(ZmqSocketManager.class).getBoundEndpoints("upper").get(0));
				req.send("fail");
				ZMsg reply = ZMsg.recvMsg(req);
				assertThat(reply).hasSize(2);
				assertThat(ZmqMetadataCodec.isMetadataFrame(reply.getFirst().getData())).isTrue();
				assertThat(HexFormat.of().formatHex(reply.getFirst().getData())
						+ HexFormat.of().formatHex(reply.getLast().getData()))
					.isEqualTo(documented.toString());
			}
		});
	}

	@Test
	void requestsAreSpreadAcrossServersAndAStoppedOneCostsAtMostOneTimeout() {
		int first = freePort();
		int second = freePort();
		this.runner.withUserConfiguration(TwoServers.class)
			.withPropertyValues("servers.first=" + first, "servers.second=" + second, "zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=tcp://127.0.0.1:" + first + ",tcp://127.0.0.1:" + second,
					"zmq.sockets.client.immediate=true", "zmq.sockets.client.await-peers=2",
					"zmq.template.request-timeout=1s", "zmq.template.request-retries=2")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.awaitPeers("client", 2, Duration.ofSeconds(10))).isTrue();
				TwoServers servers = context.getBean(TwoServers.class);
				for (int i = 0; i < 20; i++) {
					assertThat(template.request("client", "r" + i, String.class)).isEqualTo("r" + i);
				}
				assertThat(servers.counts.get("first").get()).isPositive();
				assertThat(servers.counts.get("second").get()).isPositive();
				context.getBean(ZmqListenerEndpointRegistry.class).stop("second");
				// each request either reaches the live server or is retried there after
				// one timeout: none fails and none hangs
				for (int i = 0; i < 10; i++) {
					assertThat(template.request("client", "s" + i, String.class)).isEqualTo("s" + i);
				}
				context.getBean(ZmqListenerEndpointRegistry.class).start("second");
				int before = servers.counts.get("second").get();
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertThat(template.request("client", "t", String.class)).isEqualTo("t");
					assertThat(servers.counts.get("second").get()).isGreaterThan(before);
				});
			});
	}

	@Test
	void serverStoppedMidStreamAndRestartedOnTheSamePort() throws Exception {
		int port = freePort();
		this.runner.withUserConfiguration(OrderServers.class)
			.withPropertyValues("orders.port=" + port, "zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=tcp://127.0.0.1:" + port, "zmq.template.request-timeout=500ms")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				List<CompletableFuture<Confirmation>> all = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					all.add(template.requestAsync("client", new Order("m" + i, i), Confirmation.class));
					if (i == 100) {
						registry.stop("tcp-orders");
					}
				}
				int replied = 0;
				int timedOut = 0;
				for (CompletableFuture<Confirmation> reply : all) {
					try {
						reply.get(10, TimeUnit.SECONDS);
						replied++;
					}
					catch (java.util.concurrent.ExecutionException ex) {
						assertThat(ex.getCause()).isInstanceOf(ZmqRequestTimeoutException.class);
						timedOut++;
					}
				}
				assertThat(replied + timedOut).isEqualTo(200);
				assertThat(timedOut).isPositive();
				registry.start("tcp-orders");
				await().atMost(Duration.ofSeconds(20))
					.ignoreException(ZmqRequestTimeoutException.class)
					.untilAsserted(
							() -> assertThat(template.request("client", new Order("back", 1), Confirmation.class))
								.isEqualTo(new Confirmation("back", 10)));
			});
	}

	@Test
	void pyzmqReqAndDealerClientsAgainstRepAndRouterListeners() throws Exception {
		Pyzmq.assumeAvailable();
		this.runner.withUserConfiguration(PlainServers.class).run((context) -> {
			ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
			String script = new File(getClass().getResource("/interop/rpc_client.py").toURI()).getAbsolutePath();
			Process python = new ProcessBuilder("/usr/bin/python3", script, manager.getBoundEndpoints("upper").get(0),
					manager.getBoundEndpoints("router-upper").get(0), manager.getBoundEndpoints("void-rep").get(0))
				.redirectErrorStream(true)
				.start();
			List<String> lines = new ArrayList<>();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					lines.add(line);
				}
				assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				python.destroyForcibly();
			}
			assertThat(lines).containsExactly("rep req: HELLO",
					"rep error: 2 frames, metadata error=True type=java.lang.IllegalStateException, text=refused: fail",
					"rep void: 1 frame of 0 bytes", "router req: HELLO",
					"router dealer: REPLY-0,REPLY-1,REPLY-2,REPLY-3", "done");
		});
	}

	static int freePort() {
		return io.github.zmqspring.TestPorts.free();
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderServers {

		final List<byte[]> routingIds = new java.util.concurrent.CopyOnWriteArrayList<>();

		@ZmqListener(id = "tcp-orders", type = SocketType.REP, bind = "tcp://127.0.0.1:${orders.port}")
		Confirmation confirm(Order order) {
			if (order.id().equals("boom")) {
				throw new IllegalArgumentException("unknown item boom");
			}
			return new Confirmation(order.id(), order.quantity() * 10);
		}

		@ZmqListener(id = "inproc-orders", type = SocketType.ROUTER, bind = "inproc://orders")
		Confirmation confirmInproc(Order order, @Header(ZmqHeaders.ROUTING_ID) byte[] routingId) {
			this.routingIds.add(routingId);
			return new Confirmation(order.id(), order.quantity() * 10);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HeaderServer {

		@ZmqListener(type = SocketType.REP, bind = "inproc://headers")
		String handle(Order order, @Header(name = "tenant", required = false) String tenant,
				@Header(name = "attempt", required = false) Integer attempt,
				@Header(name = MessageHeaders.CONTENT_TYPE, required = false) String contentType) {
			return order.id() + " for " + ((tenant != null) ? tenant : "nobody") + ", attempt "
					+ ((attempt != null) ? attempt : 0) + ", " + ((contentType != null) ? contentType : "none");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowAndFast {

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch releaseSlow = new CountDownLatch(1);

		@ZmqListener(type = SocketType.ROUTER, bind = "inproc://slow-and-fast", concurrency = "4")
		String handle(String request) throws InterruptedException {
			if (request.equals("slow")) {
				this.slowStarted.countDown();
				this.releaseSlow.await(30, TimeUnit.SECONDS);
			}
			return request.toUpperCase();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncServer {

		final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

		@ZmqListener(type = SocketType.REP, bind = "inproc://async")
		CompletableFuture<String> handle(String request) {
			CompletableFuture<String> reply = new CompletableFuture<>();
			this.pending.put(request, reply);
			return reply;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainServers {

		@ZmqListener(id = "upper", type = SocketType.REP, bind = "tcp://127.0.0.1:0")
		String upper(String request) {
			return reply(request);
		}

		@ZmqListener(id = "router-upper", type = SocketType.ROUTER, bind = "tcp://127.0.0.1:0")
		String routerUpper(String request) {
			return reply(request);
		}

		final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

		@ZmqListener(id = "void-rep", type = SocketType.REP, bind = "tcp://127.0.0.1:0")
		void note(String note) {
			this.notes.add(note);
		}

		private static String reply(String request) {
			if (request.equals("fail")) {
				throw new IllegalStateException("refused: fail");
			}
			return request.toUpperCase();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoServers {

		final Map<String, AtomicInteger> counts = Map.of("first", new AtomicInteger(), "second", new AtomicInteger());

		@ZmqListener(id = "first", type = SocketType.REP, bind = "tcp://127.0.0.1:${servers.first}")
		String first(String request) {
			this.counts.get("first").incrementAndGet();
			return request;
		}

		@ZmqListener(id = "second", type = SocketType.REP, bind = "tcp://127.0.0.1:${servers.second}")
		String second(String request) {
			this.counts.get("second").incrementAndGet();
			return request;
		}

	}

}
