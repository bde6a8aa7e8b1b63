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
package io.github.zmqspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqSendTimeoutException;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The socket engine: senders write under the socket's lock, the loop reads, and shutdown
 * holds with senders blocked, a request waiting and the socket full; and the template's
 * multipart, routed, asynchronous and receiving operations on it.
 *
 * @author zmq-spring-boot
 */
@Timeout(60)
class ZmqSocketEngineTests {

	private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(6);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withPropertyValues("zmq.context.linger=100ms");

	/**
	 * Start {@code count} sends through socket {@code out}, a PUSH with no peer (no room
	 * at all, so every sender waits), and return once all of them wait.
	 */
	private static List<Future<?>> blockedSends(ExecutorService pool, ZmqTemplate template, ZmqSocketOwner out,
			int count, String payload) {
		List<Future<?>> sends = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sends.add(pool.submit(() -> template.send("out", payload)));
		}
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> out.getPending() == count);
		return sends;
	}

	private static void closeWithinBound(org.springframework.context.ApplicationContext context) {
		long start = System.nanoTime();
		((ConfigurableApplicationContext) context).close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHUTDOWN_BOUND);
	}

	@Nested
	class Shutdown {

		@Test
		void stopWhileSendersAreBlocked() throws Exception {
			ExecutorService senders = Executors.newFixedThreadPool(4);
			try {
				ZmqShutdownRunner.run(ZmqSocketEngineTests.this.runner.withPropertyValues("zmq.sockets.out.type=push",
						"zmq.sockets.out.bind=tcp://127.0.0.1:0", "zmq.sockets.out.send-timeout=50s",
						"zmq.sockets.out.linger=100ms"), (context) -> {
							ZmqTemplate template = context.getBean(ZmqTemplate.class);
							ZmqSocketOwner out = context.getBean(ZmqSocketManager.class).getOwner("out");
							List<Future<?>> sends = blockedSends(senders, template, out, 4, "blocked");
							closeWithinBound(context);
							for (Future<?> send : sends) {
								assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
									.isThrownBy(() -> send.get(5, TimeUnit.SECONDS))
									.withCauseInstanceOf(ZmqException.class);
							}
						});
			}
			finally {
				senders.shutdownNow();
			}
		}

		@Test
		void stopWhileARequestWaits() {
			try (ZContext peer = new ZContext(); ZMQ.Socket silent = peer.createSocket(SocketType.ROUTER)) {
				int port = silent.bindToRandomPort("tcp://127.0.0.1");
				ZmqShutdownRunner.run(
						ZmqSocketEngineTests.this.runner.withPropertyValues("zmq.sockets.rpc.type=dealer",
								"zmq.sockets.rpc.connect=tcp://127.0.0.1:" + port, "zmq.sockets.rpc.linger=100ms"),
						(context) -> {
							ZmqTemplate template = context.getBean(ZmqTemplate.class);
							CompletableFuture<String> reply = template.requestAsync("rpc", "never answered",
									String.class, Duration.ofSeconds(50));
							// the silent server got the request: it waits for a reply now
							assertThat(silent.recv()).isNotNull();
							closeWithinBound(context);
							assertThat(reply).failsWithin(Duration.ofSeconds(5));
						});
			}
		}

		@Test
		void stopWhileTheSocketIsFull() {
			try (ZContext peer = new ZContext(); ZMQ.Socket sink = peer.createSocket(SocketType.PULL)) {
				sink.setRcvHWM(1);
				sink.setReceiveBufferSize(4096);
				int port = sink.bindToRandomPort("tcp://127.0.0.1");
				ZmqShutdownRunner.run(
						ZmqSocketEngineTests.this.runner.withPropertyValues("zmq.sockets.out.type=push",
								"zmq.sockets.out.connect=tcp://127.0.0.1:" + port,
								"zmq.sockets.out.send-high-water-mark=1", "zmq.sockets.out.linger=100ms"),
						(context) -> {
							ZmqTemplate template = context.getBean(ZmqTemplate.class);
							byte[] big = new byte[64 * 1024];
							// the sink never reads: after the pipes and TCP buffers, the
							// socket refuses
							Awaitility.await()
								.atMost(Duration.ofSeconds(20))
								.pollInterval(Duration.ofMillis(5))
								.until(() -> {
									for (int i = 0; i < 1000; i++) {
										if (!template.trySend("out", big)) {
											return true;
										}
									}
									return false;
								});
							assertThat(context.getBean(ZmqSocketManager.class).getOwner("out").getDroppedCount())
								.isPositive();
							closeWithinBound(context);
						});
			}
		}

	}

	/**
	 * Senders of a socket that only sends wait for room on its descriptor themselves, in
	 * turn: one waits on the descriptor and writes, the others queue behind it.
	 */
	@Nested
	class Backpressure {

		@Test
		void sendersBlockedAtTheHighWaterMarkAllResumeWhenThePeerReads() throws Exception {
			int senders = 4;
			int perSender = 200;
			// 64 KB each: the pipes and TCP buffers hold a few dozen, far fewer than 800
			int size = 64 * 1024;
			ExecutorService pool = Executors.newFixedThreadPool(senders);
			try (ZContext peer = new ZContext(); ZMQ.Socket sink = peer.createSocket(SocketType.PULL)) {
				sink.setRcvHWM(10);
				sink.setReceiveBufferSize(4096);
				sink.setReceiveTimeOut(100);
				int port = sink.bindToRandomPort("tcp://127.0.0.1");
				ZmqSocketEngineTests.this.runner
					.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=tcp://127.0.0.1:" + port,
							"zmq.sockets.out.send-high-water-mark=10", "zmq.sockets.out.send-timeout=30s")
					.run((context) -> {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						ZmqSocketOwner out = context.getBean(ZmqSocketManager.class).getOwner("out");
						assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(10))).isTrue();
						List<Future<?>> sends = new ArrayList<>();
						for (int s = 0; s < senders; s++) {
							int sender = s;
							sends.add(pool.submit(() -> {
								for (int i = 0; i < perSender; i++) {
									byte[] message = new byte[size];
									byte[] head = (sender + ":" + i + ":").getBytes(StandardCharsets.UTF_8);
									System.arraycopy(head, 0, message, 0, head.length);
									template.send("out", message);
								}
							}));
						}
						// nobody reads yet: all four wait for room
						Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> out.getPending() == senders);
						int[] next = new int[senders];
						int received = 0;
						long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
						while (received < senders * perSender && System.nanoTime() < deadline) {
							byte[] frame = sink.recv();
							if (frame != null) {
								assertThat(frame).hasSize(size);
								String[] parts = new String(frame, 0, 32, StandardCharsets.UTF_8).split(":");
								int sender = Integer.parseInt(parts[0]);
								// each sender's messages arrive in its order, none twice
								assertThat(Integer.parseInt(parts[1])).isEqualTo(next[sender]++);
								received++;
							}
						}
						assertThat(received).isEqualTo(senders * perSender);
						for (Future<?> send : sends) {
							send.get(10, TimeUnit.SECONDS);
						}
						assertThat(out.getPending()).isZero();
					});
			}
			finally {
				pool.shutdownNow();
			}
		}

		@Test
		void queuedSendersKeepTheirOwnTimeoutsAndCanBeInterrupted() throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				ZmqSocketEngineTests.this.runner
					.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0",
							"zmq.sockets.out.send-timeout=50s")
					.run((context) -> {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						ZmqSocketOwner out = context.getBean(ZmqSocketManager.class).getOwner("out");
						// one sender waits on the descriptor, the other queues for its
						// turn
						List<Future<?>> waiting = blockedSends(pool, template, out, 2, "waits");
						List<Future<?>> timed = new ArrayList<>();
						for (int i = 0; i < 2; i++) {
							timed.add(pool.submit(() -> template.send("out", "short", Duration.ofMillis(300))));
						}
						// each queued sender gives up at its own deadline, whoever holds
						// the
						// turn
						for (Future<?> send : timed) {
							assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
								.isThrownBy(() -> send.get(10, TimeUnit.SECONDS))
								.withCauseInstanceOf(ZmqSendTimeoutException.class);
						}
						for (Future<?> send : waiting) {
							send.cancel(true);
						}
						Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> out.getPending() == 0);
						// the socket still works
						assertThat(template.trySend("out", "no room, no wait")).isFalse();
					});
			}
			finally {
				pool.shutdownNow();
			}
		}

		@Test
		void aSenderWaitingForRoomCanBeInterrupted() throws Exception {
			ExecutorService pool = Executors.newSingleThreadExecutor();
			try {
				ZmqSocketEngineTests.this.runner
					.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0",
							"zmq.sockets.out.send-timeout=50s")
					.run((context) -> {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						ZmqSocketOwner out = context.getBean(ZmqSocketManager.class).getOwner("out");
						CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
						// no peer: a PUSH socket has no room at all
						Future<?> send = pool.submit(() -> {
							try {
								template.send("out", "waits");
							}
							finally {
								interruptedAfter.complete(Thread.currentThread().isInterrupted());
							}
						});
						Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> out.getPending() == 1);
						send.cancel(true);
						assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
						assertThat(out.getPending()).isZero();
						// the socket still works
						assertThat(template.trySend("out", "no room, no wait")).isFalse();
					});
			}
			finally {
				pool.shutdownNow();
			}
		}

	}

	@Nested
	class Template {

		@Test
		void multipartPayloadsGoFrameForFrame() {
			try (ZContext peer = new ZContext(); ZMQ.Socket pull = peer.createSocket(SocketType.PULL)) {
				int port = pull.bindToRandomPort("tcp://127.0.0.1");
				pull.setReceiveTimeOut(10_000);
				ZmqSocketEngineTests.this.runner
					.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=tcp://127.0.0.1:" + port)
					.run((context) -> {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						ZMsg msg = new ZMsg();
						msg.add("a");
						msg.add(new byte[0]);
						msg.add("c");
						template.send("out", msg);
						template.send("out", new byte[][] { bytes("x"), bytes("y") });
						assertThat(ZMsg.recvMsg(pull).toArray()).extracting(Object::toString)
							.containsExactly("a", "", "c");
						assertThat(ZMsg.recvMsg(pull).toArray()).extracting(Object::toString).containsExactly("x", "y");
					});
			}
		}

		@Test
		void sendToReachesOneRouterPeerByRoutingId() {
			ZmqSocketEngineTests.this.runner
				.withPropertyValues("zmq.sockets.server.type=router", "zmq.sockets.server.bind=tcp://127.0.0.1:0",
						"zmq.sockets.server.router-mandatory=true")
				.run((context) -> {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("server").get(0);
					try (ZContext peer = new ZContext();
							ZMQ.Socket a = peer.createSocket(SocketType.DEALER);
							ZMQ.Socket b = peer.createSocket(SocketType.DEALER)) {
						a.setIdentity(bytes("client-a"));
						b.setIdentity(bytes("client-b"));
						a.setReceiveTimeOut(10_000);
						b.setReceiveTimeOut(10_000);
						a.setHandshakeIvl(1000); // docs/reliability.md: the stuck
													// handshake
						b.setHandshakeIvl(1000);
						a.connect(endpoint);
						b.connect(endpoint);
						// router-mandatory: a peer whose routing id the ROUTER has not
						// learned
						// yet is refused, not dropped
						Awaitility.await()
							.atMost(Duration.ofSeconds(10))
							.ignoreExceptionsInstanceOf(ZmqException.class)
							.until(() -> {
								template.sendTo("server", bytes("client-b"), "for b");
								return true;
							});
						template.sendTo("server", bytes("client-a"), "for a");
						assertThat(b.recvStr()).isEqualTo("for b");
						assertThat(a.recvStr()).isEqualTo("for a");
					}
					assertThatExceptionOfType(ZmqException.class)
						.isThrownBy(() -> template.closeConnection("server", bytes("client-a")))
						.withMessageContaining("STREAM");
				});
		}

		@Test
		void sendAsyncCompletesWhenTheSocketTookTheMessage() {
			try (ZContext peer = new ZContext(); ZMQ.Socket pull = peer.createSocket(SocketType.PULL)) {
				int port = pull.bindToRandomPort("tcp://127.0.0.1");
				pull.setReceiveTimeOut(10_000);
				ZmqSocketEngineTests.this.runner
					.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=tcp://127.0.0.1:" + port)
					.run((context) -> {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						assertThat(template.sendAsync("out", "async")).succeedsWithin(Duration.ofSeconds(10));
						assertThat(pull.recvStr()).isEqualTo("async");
					});
			}
			ZmqSocketEngineTests.this.runner
				.withPropertyValues("zmq.sockets.lonely.type=push", "zmq.sockets.lonely.bind=tcp://127.0.0.1:0")
				.run((context) -> assertThat(
						context.getBean(ZmqTemplate.class).sendAsync("lonely", "nobody", Duration.ofMillis(100)))
					.failsWithin(Duration.ofSeconds(10))
					.withThrowableThat()
					.withMessageContaining("'lonely'"));
		}

		@Test
		void receiveReadsADeclaredSocketWithoutAListener() {
			ZmqSocketEngineTests.this.runner
				.withPropertyValues("zmq.sockets.in.type=pull", "zmq.sockets.in.bind=tcp://127.0.0.1:0")
				.run((context) -> {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThat(template.receive("in", Duration.ofMillis(50))).isNull();
					String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("in").get(0);
					try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
						push.setHandshakeIvl(1000); // docs/reliability.md: the stuck
													// handshake
						push.connect(endpoint);
						push.send("{\"id\":\"o-1\",\"quantity\":3}");
						push.send("plain");
						Order order = template.receiveAndConvert("in", Order.class, Duration.ofSeconds(10));
						assertThat(order).isEqualTo(new Order("o-1", 3));
						Message<byte[]> message = template.receive("in", Duration.ofSeconds(10));
						assertThat(message).isNotNull();
						assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("plain");
						assertThat(message.getHeaders().get(ZmqHeaders.SOCKET)).isEqualTo("in");
					}
				});
		}

		@Test
		void receiveRefusesSocketsThatCannotBeReadThisWay() {
			ZmqSocketEngineTests.this.runner
				.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0")
				.run((context) -> assertThatExceptionOfType(ZmqException.class)
					.isThrownBy(() -> context.getBean(ZmqTemplate.class).receive("out", Duration.ofMillis(10)))
					.withMessageContaining("'out'")
					.withMessageContaining("PULL, SUB, PAIR or DEALER"));
		}

	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	record Order(String id, int quantity) {
	}

	/** Runs a context and hands its source context over, so the test can close it. */
	private static final class ZmqShutdownRunner {

		static void run(ApplicationContextRunner runner, ContextConsumer consumer) {
			runner.run((context) -> consumer.accept(context.getSourceApplicationContext()));
		}

		@FunctionalInterface
		interface ContextConsumer {

			void accept(org.springframework.context.ApplicationContext context) throws Exception;

		}

	}

}
