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
package io.github.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.zmqspring.convert.ZmqMetadata;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.core.socket.ZmqContextLifecycle;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.Pyzmq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Request/reply through {@link ZmqRequester} on a DEALER, against REP and ROUTER servers
 * in JeroMQ and in native libzmq (pyzmq), with restarts, timeouts and error replies.
 */
@Timeout(60)
class ZmqRequesterTests {

	private final ZContext context = new ZContext();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	/** The socket of the last requester made. */
	private ZmqSocketOwner owner;

	@AfterEach
	void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
		ZmqContextLifecycle.close(this.context, Duration.ofSeconds(5));
	}

	@Test
	void concurrentRequestsToRepAreEachMatchedToTheirReply() throws Exception {
		int port = server(SocketType.REP, (socket) -> {
			String request = socket.recvStr();
			socket.send("re:" + request);
		});
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				futures.add(threads.submit(() -> {
					List<CompletableFuture<List<byte[]>>> replies = new ArrayList<>();
					for (int i = 0; i < 8; i++) {
						replies.add(requester.request(frames("t" + thread + "-" + i), Duration.ofSeconds(10)));
					}
					for (int i = 0; i < 8; i++) {
						assertThat(text(replies.get(i).join())).isEqualTo("re:t" + thread + "-" + i);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(requester.getInFlight()).isZero();
	}

	@Test
	void waitingCallersReadRepliesForEachOtherAndForAsynchronousRequests() throws Exception {
		AtomicInteger served = new AtomicInteger();
		int port = server(SocketType.REP, (socket) -> {
			String request = socket.recvStr();
			served.incrementAndGet();
			socket.send("re:" + request);
		});
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
		int threads = 6;
		int each = 300;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < each; i++) {
						CompletableFuture<List<byte[]>> reply = requester
							.requestAndAwait(frames("s" + thread + "-" + i), Duration.ofSeconds(10));
						assertThat(text(reply.join())).isEqualTo("re:s" + thread + "-" + i);
					}
					return null;
				}));
			}
			// requests nobody waits for on a thread: the loop, or whichever caller
			// reads, delivers their replies
			futures.add(pool.submit(() -> {
				List<CompletableFuture<List<byte[]>>> replies = new ArrayList<>();
				for (int i = 0; i < each; i++) {
					replies.add(requester.request(frames("a" + i), Duration.ofSeconds(10)));
				}
				for (int i = 0; i < each; i++) {
					assertThat(text(replies.get(i).get(20, TimeUnit.SECONDS))).isEqualTo("re:a" + i);
				}
				return null;
			}));
			for (Future<?> future : futures) {
				future.get(50, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(served).hasValue((threads + 1) * each);
		assertThat(requester.getInFlight()).isZero();
		assertThat(requester.getRetries()).isZero();
		assertThat(requester.getLateReplies()).isZero();
	}

	@Test
	void aCallerThatWaitsReadsTheRepliesOnItsOwnThreadOneCallerAtATime() throws Exception {
		int port = server(SocketType.ROUTER, (socket) -> ZMsg.recvMsg(socket).send(socket));
		requester("tcp://127.0.0.1:" + port, 0).close();
		ZmqSocketOwner owner = this.owner;
		List<String> readers = new java.util.concurrent.CopyOnWriteArrayList<>();
		owner.setInboundFramesHandler((frames) -> readers.add(Thread.currentThread().getName()));
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean read = new AtomicBoolean();
		Thread reader = new Thread(
				() -> read.set(owner.readWhile(() -> release.getCount() > 0, Duration.ofSeconds(30))), "test-reader");
		reader.start();
		// the loop leaves the descriptor to the reader from its next pass on: until a
		// message reaches the reader, a message may still reach the loop
		int sent = 0;
		while (!readers.contains("test-reader")) {
			assertThat(sent).as("messages sent without one reaching the reading caller").isLessThan(100);
			assertThat(owner.send(frames("m" + sent++), Duration.ofSeconds(5))).isTrue();
			int expected = sent;
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readers.size() == expected);
		}
		// the turn is taken: a second caller does not read, and returns at once
		assertThat(owner.readWhile(() -> true, Duration.ofSeconds(30))).isFalse();
		release.countDown();
		reader.join(10_000);
		assertThat(reader.isAlive()).isFalse();
		assertThat(read).isTrue();
		// nobody reads now: the loop takes over again
		owner.expectInput();
		assertThat(owner.send(frames("last"), Duration.ofSeconds(5))).isTrue();
		int total = sent + 1;
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> readers.size() == total);
		assertThat(readers.get(total - 1)).isEqualTo("zmq-socket-client");
	}

	@Test
	void stoppingTheSocketEndsACallerWaitingForItsReply() throws Exception {
		ZmqRequester requester = requester("tcp://127.0.0.1:" + freePort(), 0);
		CompletableFuture<CompletableFuture<List<byte[]>>> returned = CompletableFuture
			.supplyAsync(() -> requester.requestAndAwait(frames("anyone?"), Duration.ofSeconds(60)));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requester.getInFlight() == 1);
		assertThat(this.owner.stop(Duration.ofSeconds(10))).isTrue();
		CompletableFuture<List<byte[]>> reply = returned.get(10, TimeUnit.SECONDS);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(ZmqException.class)
			.withMessageContaining("'client' closed");
	}

	@Test
	void aCallerWaitingForItsReplyEndsWithItsTimeout() {
		ZmqRequester requester = requester("tcp://127.0.0.1:" + freePort(), 1);
		CompletableFuture<List<byte[]>> reply = requester.requestAndAwait(frames("anyone?"), Duration.ofMillis(200));
		// the caller waited for its end itself
		assertThat(reply).isDone();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(reply::get)
			.havingCause()
			.isInstanceOf(ZmqRequestTimeoutException.class)
			.withMessageContaining("after 2 attempt(s)");
	}

	@Test
	void anInterruptedCallerGetsItsReplyThroughTheLoopAndStaysInterrupted() throws Exception {
		int port = server(SocketType.REP, (socket) -> socket.send("re:" + socket.recvStr()));
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
		// a thread of its own: JUnit's thread stays clean whatever happens
		CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
			Thread.currentThread().interrupt();
			String reply = text(requester.requestAndAwait(frames("hi"), Duration.ofSeconds(10)).join());
			return reply + (Thread.interrupted() ? " (interrupted)" : "");
		});
		assertThat(outcome.get(20, TimeUnit.SECONDS)).isEqualTo("re:hi (interrupted)");
		// the socket was never touched by the interrupted thread, and still works
		assertThat(text(requester.requestAndAwait(frames("again"), Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS)))
			.isEqualTo("re:again");
	}

	@Test
	void routerServerReplyingOutOfOrderStillMatches() throws Exception {
		int port = server(SocketType.ROUTER, new Consumer<>() {
			private final List<ZMsg> held = new ArrayList<>();

			@Override
			public void accept(ZMQ.Socket socket) {
				this.held.add(ZMsg.recvMsg(socket));
				if (this.held.size() == 10) {
					for (int i = this.held.size() - 1; i >= 0; i--) {
						ZMsg request = this.held.get(i);
						String body = request.removeLast().getString(StandardCharsets.UTF_8);
						request.addString("re:" + body);
						request.send(socket);
					}
					this.held.clear();
				}
			}
		});
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
		List<CompletableFuture<List<byte[]>>> replies = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			replies.add(requester.request(frames("r" + i), Duration.ofSeconds(10)));
		}
		for (int i = 0; i < 10; i++) {
			assertThat(text(replies.get(i).get(10, TimeUnit.SECONDS))).isEqualTo("re:r" + i);
		}
	}

	@Test
	void noServerFailsAfterEveryRetryNamingTheSocket() {
		ZmqRequester requester = requester("tcp://127.0.0.1:" + freePort(), 2);
		CompletableFuture<List<byte[]>> reply = requester.request(frames("anyone?"), Duration.ofMillis(200));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(ZmqRequestTimeoutException.class)
			.withMessageContaining("'client'")
			.withMessageContaining("after 3 attempt(s)");
		assertThat(requester.getRetries()).isEqualTo(2);
	}

	@Test
	void lateReplyIsDroppedAndCounted() throws Exception {
		CountDownLatch clientGaveUp = new CountDownLatch(1);
		int port = server(SocketType.ROUTER, (socket) -> {
			ZMsg request = ZMsg.recvMsg(socket);
			try {
				clientGaveUp.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			request.removeLast();
			request.addString("too late");
			request.send(socket);
		});
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
		CompletableFuture<List<byte[]>> reply = requester.request(frames("slow"), Duration.ofMillis(200));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(ZmqRequestTimeoutException.class);
		clientGaveUp.countDown();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requester.getLateReplies() == 1);
	}

	@Test
	void errorReplyFailsFastWithRemoteTypeAndMessage() throws Exception {
		int port = server(SocketType.ROUTER, (socket) -> {
			ZMsg request = ZMsg.recvMsg(socket);
			request.removeLast();
			request.add(ZmqMetadataCodec.encode(
					new ZmqMetadata(true, Map.of(ZmqRemoteException.ERROR_TYPE, "java.lang.IllegalStateException"))));
			request.addString("out of stock");
			request.send(socket);
		});
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
		long start = System.nanoTime();
		CompletableFuture<List<byte[]>> reply = requester.request(frames("order"), Duration.ofSeconds(30));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(ZmqRemoteException.class, (ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("java.lang.IllegalStateException");
				assertThat(ex.getRemoteMessage()).isEqualTo("out of stock");
			});
		// well before the 30 s timeout: the get above is bounded by 10 s
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void serverRestartedOnSamePortIsUsedAgain() throws Exception {
		int port = freePort();
		AtomicBoolean serving = new AtomicBoolean(true);
		Thread first = serverThread(SocketType.REP, port, serving, (socket) -> socket.send("one:" + socket.recvStr()));
		ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 1);
		assertThat(text(requester.request(frames("a"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)))
			.isEqualTo("one:a");
		List<CompletableFuture<List<byte[]>>> during = new ArrayList<>();
		serving.set(false);
		first.join(10_000);
		for (int i = 0; i < 5; i++) {
			during.add(requester.request(frames("d" + i), Duration.ofMillis(300)));
		}
		// every request in the outage ends: a timeout exception, none hangs
		for (CompletableFuture<List<byte[]>> future : during) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(ZmqRequestTimeoutException.class);
		}
		AtomicBoolean servingAgain = new AtomicBoolean(true);
		Thread second = serverThread(SocketType.REP, port, servingAgain,
				(socket) -> socket.send("two:" + socket.recvStr()));
		this.closeables.add(() -> {
			servingAgain.set(false);
			second.join(10_000);
		});
		assertThat(text(requester.request(frames("b"), Duration.ofSeconds(2)).get(20, TimeUnit.SECONDS)))
			.isEqualTo("two:b");
	}

	@Test
	void interopWithNativeRepAndRouterServers() throws Exception {
		Pyzmq.assumeAvailable();
		for (String kind : List.of("REP", "ROUTER")) {
			int port = freePort();
			String script = """
					import sys, zmq
					ctx = zmq.Context()
					s = ctx.socket(zmq.%s)
					s.bind("tcp://127.0.0.1:%d")
					print("ready", flush=True)
					for _ in range(3):
					    frames = s.recv_multipart()
					    body = frames[-1]
					    s.send_multipart(frames[:-1] + [b"py:" + body])
					""".formatted(kind, port);
			Process python = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
			this.closeables.add(python::destroyForcibly);
			assertThat(new String(python.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).startsWith("ready");
			ZmqRequester requester = requester("tcp://127.0.0.1:" + port, 0);
			for (int i = 0; i < 3; i++) {
				byte[] payload = new byte[] { 0, (byte) 0xFF, (byte) i, 'x' };
				List<byte[]> reply = requester.request(new byte[][] { payload }, Duration.ofSeconds(10))
					.get(20, TimeUnit.SECONDS);
				byte[] expected = new byte[7];
				System.arraycopy("py:".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 3);
				System.arraycopy(payload, 0, expected, 3, 4);
				assertThat(reply).singleElement().isEqualTo(expected);
			}
			assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
			assertThat(python.exitValue()).isZero();
		}
	}

	@Test
	void requesterNeedsDealer() {
		ZmqSocketSpec spec = ZmqSocketSpec.builder("req", "zmq.sockets.req")
			.type(SocketType.REQ)
			.connect(List.of("inproc://nothing"))
			.build();
		ZmqSocketOwner owner = new ZmqSocketOwner(new ZmqSocketFactory(this.context), spec);
		assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> new ZmqRequester(owner, 0, Duration.ZERO))
			.withMessageContaining("'req' is a REQ")
			.withMessageContaining("type: dealer");
	}

	private ZmqRequester requester(String endpoint, int retries) {
		ZmqSocketSpec spec = ZmqSocketSpec.builder("client", "zmq.sockets.client")
			.type(SocketType.DEALER)
			.connect(List.of(endpoint))
			.build();
		ZmqSocketOwner owner = new ZmqSocketOwner(new ZmqSocketFactory(this.context), spec);
		owner.start(Duration.ofSeconds(5));
		this.closeables.add(() -> owner.stop(Duration.ofSeconds(5)));
		this.owner = owner;
		ZmqRequester requester = new ZmqRequester(owner, retries, Duration.ofSeconds(5));
		this.closeables.add(requester);
		return requester;
	}

	/** A server on its own thread that owns its socket; returns its port. */
	private int server(SocketType type, Consumer<ZMQ.Socket> handler) throws InterruptedException {
		int port = freePort();
		AtomicBoolean serving = new AtomicBoolean(true);
		Thread thread = serverThread(type, port, serving, handler);
		this.closeables.add(() -> {
			serving.set(false);
			thread.join(10_000);
		});
		return port;
	}

	private Thread serverThread(SocketType type, int port, AtomicBoolean serving, Consumer<ZMQ.Socket> handler)
			throws InterruptedException {
		CountDownLatch bound = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			ZMQ.Socket socket = this.context.createSocket(type);
			socket.setLinger(0);
			socket.bind("tcp://127.0.0.1:" + port);
			bound.countDown();
			ZMQ.Poller poller = this.context.createPoller(1);
			poller.register(socket, ZMQ.Poller.POLLIN);
			while (serving.get()) {
				if (poller.poll(50) > 0 && poller.pollin(0)) {
					handler.accept(socket);
				}
			}
			poller.close();
			this.context.destroySocket(socket);
		}, "test-server-" + type);
		thread.start();
		assertThat(bound.await(10, TimeUnit.SECONDS)).isTrue();
		return thread;
	}

	private static int freePort() {
		return io.github.zmqspring.TestPorts.free();
	}

	private static byte[][] frames(String text) {
		return new byte[][] { text.getBytes(StandardCharsets.UTF_8) };
	}

	private static String text(List<byte[]> frames) {
		assertThat(frames).hasSize(1);
		return new String(frames.get(0), StandardCharsets.UTF_8);
	}

}
