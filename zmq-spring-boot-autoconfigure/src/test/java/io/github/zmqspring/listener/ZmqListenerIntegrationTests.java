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

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.Pyzmq;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AliasFor;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ZmqListener} end to end on real sockets: raw JeroMQ (and libzmq through pyzmq)
 * peers send, listener methods receive through the auto-configured containers.
 */
class ZmqListenerIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(ZmqAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class));

	@Test
	@Timeout(30)
	void subListenersOnDeclaredSocketsReceiveJsonStringBytesAndTopic() {
		try (ZContext peer = new ZContext(); ZMQ.Socket pub = peer.createSocket(SocketType.PUB)) {
			int port = pub.bindToRandomPort("tcp://127.0.0.1");
			String endpoint = "tcp://127.0.0.1:" + port;
			this.runner.withPropertyValues("zmq.sockets.orders.type=sub", "zmq.sockets.orders.connect=" + endpoint,
					"zmq.sockets.orders.topics=order", "zmq.sockets.texts.type=sub",
					"zmq.sockets.texts.connect=" + endpoint, "zmq.sockets.texts.topics=text",
					"zmq.sockets.bins.type=sub", "zmq.sockets.bins.connect=" + endpoint, "zmq.sockets.bins.topics=bin")
				.withUserConfiguration(SubListeners.class)
				.run((context) -> {
					SubListeners listeners = context.getBean(SubListeners.class);
					Object order = publishUntilReceived(pub, listeners.orders, "order",
							"{\"item\":\"tea\",\"qty\":3}".getBytes(StandardCharsets.UTF_8));
					assertThat(order).isEqualTo("order:" + new Order("tea", 3));
					Object text = publishUntilReceived(pub, listeners.texts, "text",
							"héllo".getBytes(StandardCharsets.UTF_8));
					assertThat(text).isEqualTo("héllo|text|texts|2");
					byte[] binary = { 0, 1, 2, (byte) 0xff, 0 };
					Object bytes = publishUntilReceived(pub, listeners.bins, "bin", binary);
					assertThat((byte[]) bytes).containsExactly(binary);
					assertThat(listeners.rawFrames).isEqualTo(2);
				});
		}
	}

	@Test
	@Timeout(30)
	void pullListenerWithInlineEphemeralBindReceivesFromRawPush() {
		this.runner.withUserConfiguration(PullListeners.class).run((context) -> {
			String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("pull").get(0);
			assertThat(endpoint).startsWith("tcp://127.0.0.1:").doesNotEndWith(":0");
			try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
				// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
				push.setHandshakeIvl(1000);
				push.connect(endpoint);
				push.send("one");
				push.send("two");
				BlockingQueue<Object> inbox = context.getBean(PullListeners.class).inbox;
				assertThat(inbox.poll(10, TimeUnit.SECONDS)).isEqualTo("one@pull");
				assertThat(inbox.poll(10, TimeUnit.SECONDS)).isEqualTo("two@pull");
			}
		});
	}

	@Test
	@Timeout(30)
	void pairListenerReceivesOverInproc() {
		this.runner.withUserConfiguration(PairListeners.class).run((context) -> {
			ZContext zmq = context.getBean(ZContext.class);
			ZMQ.Socket pair = zmq.createSocket(SocketType.PAIR);
			try {
				pair.connect("inproc://pair-listener-test");
				pair.send("paired");
				assertThat(context.getBean(PairListeners.class).inbox.poll(10, TimeUnit.SECONDS)).isEqualTo("paired");
			}
			finally {
				zmq.destroySocket(pair);
			}
		});
	}

	@Test
	@Timeout(30)
	void placeholdersSpelRepeatableAndMetaAnnotation() {
		this.runner.withPropertyValues("test.listener-id=fromPlaceholder", "test.host=127.0.0.1")
			.withUserConfiguration(ExpressionListeners.class)
			.run((context) -> {
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("fromPlaceholder", "rep1",
						"rep2", "meta");
				assertThat(registry.getListenerContainer("fromPlaceholder").getEndpoint().getConcurrency())
					.isEqualTo(2);
				assertThat(registry.getListenerContainer("fromPlaceholder").getEndpoint().isAutoStartup()).isTrue();
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				BlockingQueue<Object> inbox = context.getBean(ExpressionListeners.class).inbox;
				try (ZContext peer = new ZContext()) {
					for (String id : List.of("fromPlaceholder", "rep1", "rep2", "meta")) {
						ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
						// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
						push.setHandshakeIvl(1000);
						push.connect(manager.getBoundEndpoints(id).get(0));
						push.send("to " + id);
						assertThat(inbox.poll(10, TimeUnit.SECONDS)).isEqualTo(id + ":to " + id);
					}
				}
			});
	}

	@Test
	@Timeout(60)
	void failuresGoToErrorHandlerAndListenerKeepsGoingIncludingOversizedFrame() {
		this.runner
			.withPropertyValues("zmq.sockets.big.type=pull", "zmq.sockets.big.bind=tcp://127.0.0.1:0",
					"zmq.sockets.big.max-message-size=1MB")
			.withUserConfiguration(FailingListeners.class)
			.run((context) -> {
				FailingListeners listeners = context.getBean(FailingListeners.class);
				RecordingErrorHandler errors = context.getBean(RecordingErrorHandler.class);
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				try (ZContext peer = new ZContext()) {
					ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
					push.setHandshakeIvl(1000);
					push.connect(manager.getBoundEndpoints("strict").get(0));
					push.send("{\"item\":\"boom\",\"qty\":1}");
					push.send("{not json");
					push.send("{\"item\":\"\",\"qty\":1}");
					push.send("{\"item\":\"good\",\"qty\":2}");
					assertThat(listeners.inbox.poll(10, TimeUnit.SECONDS)).isEqualTo(new Order("good", 2));
					assertThat(errors.failures).hasSize(3);
					assertThat(errors.failures).allSatisfy((failure) -> {
						assertThat(failure.getListenerId()).isEqualTo("strict");
						assertThat(failure.getSocketName()).isEqualTo("strict");
					});
					assertThat(errors.failures.get(0).getCause()).isInstanceOf(IllegalStateException.class)
						.hasMessage("boom");
					assertThat(errors.failures.get(1).getCause()).isInstanceOf(MessageConversionException.class);
					assertThat(errors.failures.get(2).getCause()).isInstanceOf(MethodArgumentNotValidException.class);
					assertThat(context.getBean(ZmqListenerEndpointRegistry.class)
						.getListenerContainer("strict")
						.getErrorCount()).isEqualTo(3);

					String big = manager.getBoundEndpoints("big").get(0);
					ZMQ.Socket oversized = peer.createSocket(SocketType.PUSH);
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
					oversized.setHandshakeIvl(1000);
					oversized.connect(big);
					assertThat(oversized.send(new byte[100 * 1024 * 1024])).isTrue();
					ZMQ.Socket fresh = peer.createSocket(SocketType.PUSH);
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
					fresh.setHandshakeIvl(1000);
					fresh.connect(big);
					fresh.send("after the oversized frame");
					assertThat(listeners.big.poll(20, TimeUnit.SECONDS)).isEqualTo("after the oversized frame");
					assertThat(
							context.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("big").isRunning())
						.isTrue();
					assertThat(listeners.big).isEmpty();
				}
			});
	}

	@Test
	@Timeout(60)
	void listenerStopsAndStartsByIdWhilePeerKeepsSending() throws Exception {
		// the peer connects, as in a pipeline; it connects again to the restarted
		// socket's new ephemeral port
		Sender sender = new Sender();
		sender.start();
		try {
			this.runner.withUserConfiguration(RestartableListener.class).run((context) -> {
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				sender.endpoints.add(manager.getBoundEndpoints("restartable").get(0));
				RestartableListener listener = context.getBean(RestartableListener.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> listener.received.size() >= 5);
				registry.stop("restartable");
				assertThat(registry.getListenerContainer("restartable").isRunning()).isFalse();
				int lastBeforeStop = listener.received.get(listener.received.size() - 1);
				int countAtStop = listener.received.size();
				assertThat(manager.getBoundEndpoints("restartable")).isEmpty();
				registry.start("restartable");
				assertThat(registry.getListenerContainer("restartable").isRunning()).isTrue();
				sender.endpoints.add(manager.getBoundEndpoints("restartable").get(0));
				await().atMost(Duration.ofSeconds(10)).until(() -> listener.received.size() >= countAtStop + 5);
				assertThat(listener.received.get(listener.received.size() - 1)).isGreaterThan(lastBeforeStop);
			});
		}
		finally {
			sender.stop();
		}
	}

	@Test
	@Timeout(60)
	void shutdownWithBusyListenersIsBounded() {
		CountDownLatch release = new CountDownLatch(1);
		long[] closeMillis = new long[1];
		try {
			this.runner.withPropertyValues("zmq.context.shutdown-timeout=1s")
				.withBean("release", CountDownLatch.class, () -> release)
				.withUserConfiguration(SlowListeners.class)
				.run((context) -> {
					ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
					SlowListeners listeners = context.getBean(SlowListeners.class);
					try (ZContext peer = new ZContext()) {
						for (String id : List.of("slow1", "slow2")) {
							ZMQ.Socket push = peer.createSocket(SocketType.PUSH);
							push.setLinger(0);
							// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
							push.setHandshakeIvl(1000);
							push.connect(manager.getBoundEndpoints(id).get(0));
							for (int i = 0; i < 20; i++) {
								push.send("work " + i);
							}
						}
						await().atMost(Duration.ofSeconds(10)).until(() -> listeners.busy.get() >= 3);
						long start = System.nanoTime();
						context.close();
						closeMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
					}
				});
		}
		finally {
			release.countDown();
		}
		System.out.println("Shutdown with busy listeners took " + closeMillis[0] + " ms");
		assertThat(closeMillis[0]).isLessThan(8000);
	}

	@Test
	@Timeout(60)
	void interopWithLibzmqPublisherThroughPyzmq() throws Exception {
		Pyzmq.assumeAvailable();
		this.runner.withUserConfiguration(PythonListener.class).run((context) -> {
			String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("py").get(0);
			String script = String.join("\n", "import sys, time, zmq", "ctx = zmq.Context()",
					"pub = ctx.socket(zmq.PUB)", "pub.setsockopt(zmq.LINGER, 0)", "pub.connect(sys.argv[1])",
					"payload = bytes(range(256)) * 4 + b'\\x00end'", "deadline = time.time() + 20",
					"while time.time() < deadline:", "    pub.send_multipart([b'py', payload])", "    time.sleep(0.02)",
					"print(zmq.zmq_version(), flush=True)");
			Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, endpoint).redirectErrorStream(true)
				.start();
			try {
				PythonListener listener = context.getBean(PythonListener.class);
				Object received = listener.inbox.poll(20, TimeUnit.SECONDS);
				assertThat(received).as("payload from pyzmq").isNotNull();
				byte[] expected = new byte[256 * 4 + 4];
				for (int i = 0; i < 256 * 4; i++) {
					expected[i] = (byte) (i % 256);
				}
				System.arraycopy(new byte[] { 0, 'e', 'n', 'd' }, 0, expected, 256 * 4, 4);
				assertThat((byte[]) received).containsExactly(expected);
				assertThat(listener.topics).contains("py");
			}
			finally {
				python.destroy();
				python.waitFor(5, TimeUnit.SECONDS);
			}
		});
	}

	@Test
	@Timeout(30)
	void concurrencyThreeHandlesOnThreeThreads() {
		this.runner.withUserConfiguration(ConcurrentListener.class).run((context) -> {
			ConcurrentListener listener = context.getBean(ConcurrentListener.class);
			try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
				// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
				push.setHandshakeIvl(1000);
				push.connect(context.getBean(ZmqSocketManager.class).getBoundEndpoints("c3").get(0));
				for (int i = 0; i < 3; i++) {
					push.send("m" + i);
				}
				assertThat(listener.allThree.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(listener.threads).hasSize(3)
					.allSatisfy((name) -> assertThat(name).startsWith("zmq-listener-c3-"));
			}
		});
	}

	@Test
	@Timeout(30)
	void inlineListenerNamedLikeADeclaredSocketFailsNamingTheId() {
		this.runner.withUserConfiguration(ClashingId.class)
			.withPropertyValues("zmq.sockets.orders.type=dealer", "zmq.sockets.orders.connect=tcp://127.0.0.1:5601")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining(".id 'orders'")
				.hasMessageContaining("socket = \"orders\""));
	}

	@Test
	@Timeout(30)
	void portInUseFailsStartupNamingTheAttribute() {
		try (ZContext peer = new ZContext(); ZMQ.Socket taken = peer.createSocket(SocketType.PULL)) {
			int port = taken.bindToRandomPort("tcp://127.0.0.1");
			this.runner.withPropertyValues("test.port=" + port)
				.withUserConfiguration(PortInUseListener.class)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure())
						.hasStackTraceContaining(
								"@ZmqListener(id=busy) on " + PortInUseListener.class.getName() + ".onMessage.bind[0]")
						.hasStackTraceContaining("Address already in use");
				});
		}
	}

	private static Object publishUntilReceived(ZMQ.Socket pub, BlockingQueue<Object> inbox, String topic,
			byte[] payload) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			pub.sendMore(topic);
			pub.send(payload);
			Object received = inbox.poll(20, TimeUnit.MILLISECONDS);
			if (received != null) {
				return received;
			}
		}
		return fail("nothing received on topic " + topic);
	}

	record Order(@NotBlank String item, int qty) {
	}

	@Configuration(proxyBeanMethods = false)
	static class SubListeners {

		final BlockingQueue<Object> orders = new LinkedBlockingQueue<>();

		final BlockingQueue<Object> texts = new LinkedBlockingQueue<>();

		final BlockingQueue<Object> bins = new LinkedBlockingQueue<>();

		volatile int rawFrames;

		@ZmqListener(id = "orders", socket = "orders")
		void onOrder(Order order, @Header(ZmqHeaders.TOPIC) String topic) {
			this.orders.add(topic + ":" + order);
		}

		@ZmqListener(id = "texts", socket = "texts")
		void onText(String text, @Headers Map<String, Object> headers) {
			this.texts.add(text + "|" + headers.get(ZmqHeaders.TOPIC) + "|" + headers.get(ZmqHeaders.SOCKET) + "|"
					+ headers.get(ZmqHeaders.FRAMES));
		}

		@ZmqListener(id = "bins", socket = "bins")
		void onBytes(byte[] payload, ZMsg raw) {
			this.rawFrames = raw.size();
			this.bins.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PullListeners {

		final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

		@ZmqListener(id = "pull", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void onMessage(Message<String> message) {
			this.inbox.add(message.getPayload() + "@" + message.getHeaders().get(ZmqHeaders.LISTENER_ID));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PairListeners {

		final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

		@ZmqListener(id = "pair", type = SocketType.PAIR, bind = "inproc://pair-listener-test")
		void onMessage(String text) {
			this.inbox.add(text);
		}

	}

	/** A meta-annotation: an inline PULL listener on an ephemeral port. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ZmqListener(type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
	@interface EphemeralPullListener {

		@AliasFor(annotation = ZmqListener.class, attribute = "id")
		String id();

	}

	@Configuration(proxyBeanMethods = false)
	static class ExpressionListeners {

		final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

		@ZmqListener(id = "${test.listener-id}", type = SocketType.PULL, bind = "tcp://${test.host}:0",
				concurrency = "#{1 + 1}", autoStartup = "#{'tr' + 'ue'}")
		void placeholders(String text, @Header(ZmqHeaders.LISTENER_ID) String id) {
			this.inbox.add(id + ":" + text);
		}

		@ZmqListener(id = "rep1", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		@ZmqListener(id = "rep2", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void repeated(String text, @Header(ZmqHeaders.LISTENER_ID) String id) {
			this.inbox.add(id + ":" + text);
		}

		@EphemeralPullListener(id = "meta")
		void meta(String text, @Header(ZmqHeaders.LISTENER_ID) String id) {
			this.inbox.add(id + ":" + text);
		}

	}

	static class RecordingErrorHandler implements ZmqListenerErrorHandler {

		final List<ZmqListenerExecutionFailedException> failures = new CopyOnWriteArrayList<>();

		@Override
		public void handleError(Message<?> message, ZmqListenerExecutionFailedException exception) {
			this.failures.add(exception);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingListeners {

		final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

		final BlockingQueue<Object> big = new LinkedBlockingQueue<>();

		@Bean
		RecordingErrorHandler recordingErrorHandler() {
			return new RecordingErrorHandler();
		}

		@ZmqListener(id = "strict", type = SocketType.PULL, bind = "tcp://127.0.0.1:0",
				errorHandler = "recordingErrorHandler")
		void onOrder(@Payload @Valid Order order) {
			if ("boom".equals(order.item())) {
				throw new IllegalStateException("boom");
			}
			this.inbox.add(order);
		}

		@ZmqListener(id = "big", socket = "big")
		void onBig(String text) {
			this.big.add(text);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RestartableListener {

		final List<Integer> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "restartable", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void onMessage(String number) {
			this.received.add(Integer.parseInt(number));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowListeners {

		final AtomicInteger busy = new AtomicInteger();

		private final CountDownLatch release;

		SlowListeners(CountDownLatch release) {
			this.release = release;
		}

		@ZmqListener(id = "slow1", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		@ZmqListener(id = "slow2", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", concurrency = "2")
		void onMessage(String work) throws InterruptedException {
			this.busy.incrementAndGet();
			// a slow handler: busy until the test releases it, long after shutdown began
			this.release.await(30, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PythonListener {

		final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

		final Set<String> topics = ConcurrentHashMap.newKeySet();

		@ZmqListener(id = "py", type = SocketType.SUB, bind = "tcp://127.0.0.1:0", topics = "py")
		void onMessage(byte[] payload, @Header(ZmqHeaders.TOPIC) String topic) {
			this.topics.add(topic);
			this.inbox.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcurrentListener {

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		final CountDownLatch allThree = new CountDownLatch(3);

		@ZmqListener(id = "c3", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", concurrency = "3")
		void onMessage(String text) throws InterruptedException {
			this.threads.add(Thread.currentThread().getName());
			this.allThree.countDown();
			// each worker holds its message until all three are in: proves three at once
			this.allThree.await(10, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PortInUseListener {

		@ZmqListener(id = "busy", type = SocketType.PULL, bind = "tcp://127.0.0.1:${test.port}")
		void onMessage(String text) {
		}

	}

	/**
	 * A raw PUSH that connects and sends increasing numbers from its own thread until
	 * stopped.
	 */
	static final class Sender {

		final BlockingQueue<String> endpoints = new LinkedBlockingQueue<>();

		private final CountDownLatch stop = new CountDownLatch(1);

		private final AtomicLong sent = new AtomicLong();

		private Thread thread;

		void start() {
			this.thread = new Thread(() -> {
				try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
					push.setLinger(0);
					push.setSendTimeOut(100);
					int next = 0;
					// paced by the stop latch: about one message per 5 ms until stopped
					while (!this.stop.await(5, TimeUnit.MILLISECONDS)) {
						String endpoint = this.endpoints.poll();
						if (endpoint != null) {
							// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
							push.setHandshakeIvl(1000);
							push.connect(endpoint);
						}
						if (push.send(Integer.toString(next))) {
							next++;
							this.sent.incrementAndGet();
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "test-sender");
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.stop.countDown();
			this.thread.join(5000);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClashingId {

		@ZmqListener(id = "orders", type = SocketType.REP, bind = "inproc://clash")
		String on(String text) {
			return text;
		}

	}

}
