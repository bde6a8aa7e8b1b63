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
package io.github.zmqspring.cloud.stream.binder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;

import static io.github.zmqspring.cloud.stream.binder.StreamTestSupport.freeTcpPort;
import static io.github.zmqspring.cloud.stream.binder.StreamTestSupport.freeUdpPort;
import static io.github.zmqspring.cloud.stream.binder.StreamTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zmq} binder between applications over tcp on 127.0.0.1, with JSON payloads:
 * a {@code Supplier} feeds a {@code Function} in another application, which feeds a
 * {@code Consumer} in a third; a pyzmq SUB reads a binding's destination; a consumer
 * group on push-pull shares the work; {@code discovery://} destinations; retries and the
 * error channel; the errors that name the property at fault.
 */
@Timeout(90)
class ZmqMessageChannelBinderTests {

	static final BlockingQueue<Event> sink = new LinkedBlockingQueue<>();

	@Test
	void binderIsNamedZmq() {
		try (ConfigurableApplicationContext app = start(SinkApp.class, "spring.cloud.function.definition=sink",
				"spring.cloud.stream.bindings.sink-in-0.destination=tcp://127.0.0.1:" + freeTcpPort())) {
			Binder<MessageChannel, ?, ?> binder = app.getBean(BinderFactory.class)
				.getBinder("zmq", MessageChannel.class);
			assertThat(binder).isInstanceOf(ZmqMessageChannelBinder.class);
			// the binding's container joined the application's lifecycle, so it stops
			// before the
			// ZeroMQ context closes
			assertThat(app.getBeanFactory().containsSingleton("zmqStreamBinder.stream.sink-in-0")).isTrue();
			assertThat(app.getBean("zmqStreamBinder.stream.sink-in-0", SmartLifecycle.class).isRunning()).isTrue();
		}
	}

	@Test
	void supplierFeedsFunctionFeedsConsumerOverTcpWithJson() {
		sink.clear();
		int first = freeTcpPort();
		int second = freeTcpPort();
		try (ConfigurableApplicationContext consumer = start(SinkApp.class, "spring.cloud.function.definition=sink",
				"spring.cloud.stream.bindings.sink-in-0.destination=tcp://127.0.0.1:" + second);
				ConfigurableApplicationContext function = start(UpperApp.class,
						"spring.cloud.function.definition=upper",
						"spring.cloud.stream.bindings.upper-in-0.destination=tcp://127.0.0.1:" + first,
						"spring.cloud.stream.bindings.upper-out-0.destination=tcp://127.0.0.1:" + second);
				ConfigurableApplicationContext supplier = start(SourceApp.class,
						"spring.cloud.function.definition=source",
						"spring.cloud.stream.bindings.source-out-0.destination=tcp://127.0.0.1:" + first)) {
			// pub-sub: what is published before the subscribers connect is dropped, as in
			// ZeroMQ; the supplier keeps producing, so events arrive once all are joined
			Event event = await().atMost(Duration.ofSeconds(30)).until(sink::poll, (e) -> e != null);
			assertThat(event.text()).isEqualTo("HELLO " + event.id());
			Event next = await().atMost(Duration.ofSeconds(30)).until(sink::poll, (e) -> e != null);
			assertThat(next.id()).isGreaterThan(event.id());
		}
	}

	@Test
	void pyzmqSubscriberReadsTheBindingsDestination() throws Exception {
		Assumptions.assumeTrue(StreamTestSupport.pyzmqAvailable(), "/usr/bin/python3 cannot import zmq");
		int port = freeTcpPort();
		try (ConfigurableApplicationContext supplier = start(SourceApp.class, "spring.cloud.function.definition=source",
				"spring.cloud.stream.bindings.source-out-0.destination=tcp://127.0.0.1:" + port,
				"spring.cloud.stream.zmq.bindings.source-out-0.producer.topic=events")) {
			String script = String.join("\n", "import sys, zmq", "ctx = zmq.Context()", "s = ctx.socket(zmq.SUB)",
					"s.setsockopt(zmq.LINGER, 0)", "s.setsockopt(zmq.SUBSCRIBE, b'events')", "s.RCVTIMEO = 30000",
					"s.connect('tcp://127.0.0.1:" + port + "')", "frames = s.recv_multipart()",
					"print(len(frames), frames[0].decode(), frames[-1].decode(), flush=True)", "s.close()",
					"ctx.term()");
			Process python = new ProcessBuilder(StreamTestSupport.PYTHON, "-c", script).redirectErrorStream(true)
				.start();
			try {
				BufferedReader out = new BufferedReader(
						new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
				String line = out.readLine();
				assertThat(python.waitFor(40, TimeUnit.SECONDS)).isTrue();
				assertThat(python.exitValue()).as(line).isZero();
				// plain ZeroMQ: [topic][payload], the payload the JSON of the event
				assertThat(line).startsWith("2 events {").contains("\"id\":").contains("\"text\":\"hello ");
			}
			finally {
				python.destroyForcibly();
			}
		}
	}

	@Nested
	class Groups {

		@Test
		void groupOnPushPullSharesTheWork() {
			int port = freeTcpPort();
			Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
			AtomicInteger duplicates = new AtomicInteger();
			try (ConfigurableApplicationContext producer = start(SourceApp.class,
					"spring.cloud.function.definition=source",
					"spring.cloud.stream.bindings.source-out-0.destination=tcp://127.0.0.1:" + port,
					"spring.cloud.stream.zmq.bindings.source-out-0.producer.pattern=push-pull");
					ConfigurableApplicationContext a = worker(port);
					ConfigurableApplicationContext b = worker(port)) {
				CountingSink sinkA = a.getBean(CountingSink.class);
				CountingSink sinkB = b.getBean(CountingSink.class);
				await().atMost(Duration.ofSeconds(40)).until(() -> sinkA.count.get() >= 5 && sinkB.count.get() >= 5);
				List<Long> all = new java.util.ArrayList<>(sinkA.ids);
				all.addAll(sinkB.ids);
				assertThat(new HashSet<>(all)).as("each event goes to one member").hasSameSizeAs(all);
			}
		}

		private ConfigurableApplicationContext worker(int port) {
			return start(CountingSinkApp.class, "spring.cloud.function.definition=count",
					"spring.cloud.stream.bindings.count-in-0.destination=tcp://127.0.0.1:" + port,
					"spring.cloud.stream.bindings.count-in-0.group=workers",
					"spring.cloud.stream.zmq.bindings.count-in-0.consumer.pattern=push-pull");
		}

		@Test
		void groupOnPubSubIsRefusedNamingTheProperty() {
			assertThatThrownBy(() -> start(SinkApp.class, "spring.cloud.function.definition=sink",
					"spring.cloud.stream.bindings.sink-in-0.destination=tcp://127.0.0.1:" + freeTcpPort(),
					"spring.cloud.stream.bindings.sink-in-0.group=workers")
				.close()).hasStackTraceContaining("spring.cloud.stream.bindings.sink-in-0.group")
				.hasStackTraceContaining("push-pull");
		}

	}

	@Nested
	class Errors {

		@Test
		void partitionsAreRefusedNamingTheProperty() {
			assertThatThrownBy(() -> start(SourceApp.class, "spring.cloud.function.definition=source",
					"spring.cloud.stream.bindings.source-out-0.destination=tcp://127.0.0.1:" + freeTcpPort(),
					"spring.cloud.stream.bindings.source-out-0.producer.partition-count=2",
					"spring.cloud.stream.bindings.source-out-0.producer.partition-key-expression=headers['id']")
				.close()).hasStackTraceContaining("spring.cloud.stream.bindings.source-out-0.producer.partition-count");
		}

		@Test
		void unknownDestinationNameIsRefusedNamingTheProperty() {
			assertThatThrownBy(() -> start(SinkApp.class, "spring.cloud.function.definition=sink",
					"spring.cloud.stream.bindings.sink-in-0.destination=no-such-socket")
				.close())
				.hasStackTraceContaining("spring.cloud.stream.bindings.sink-in-0.destination 'no-such-socket'");
		}

		@Test
		void failedMessagesAreRetriedThenSentToTheErrorChannel() {
			int port = freeTcpPort();
			try (ConfigurableApplicationContext consumer = start(FailingSinkApp.class,
					"spring.cloud.function.definition=fail",
					"spring.cloud.stream.bindings.fail-in-0.destination=tcp://127.0.0.1:" + port,
					"spring.cloud.stream.bindings.fail-in-0.consumer.max-attempts=3",
					"spring.cloud.stream.bindings.fail-in-0.consumer.back-off-initial-interval=10");
					ConfigurableApplicationContext producer = start(SourceApp.class,
							"spring.cloud.function.definition=source",
							"spring.cloud.stream.bindings.source-out-0.destination=tcp://127.0.0.1:" + port)) {
				List<ErrorMessage> errors = new CopyOnWriteArrayList<>();
				consumer.getBean("errorChannel", SubscribableChannel.class)
					.subscribe((message) -> errors.add((ErrorMessage) message));
				FailingSink failing = consumer.getBean(FailingSink.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> !errors.isEmpty());
				// three attempts per message, then the error channel; the consumer keeps
				// going
				assertThat(failing.attempts.get()).isGreaterThanOrEqualTo(3);
				assertThat(errors.get(0).getPayload()).hasStackTraceContaining("refused");
				long before = failing.attempts.get();
				await().atMost(Duration.ofSeconds(30)).until(() -> failing.attempts.get() > before + 3);
			}
		}

	}

	@Nested
	class Discovery {

		@Test
		void discoveryDestinationsAnnounceAndFollow() {
			sink.clear();
			int udp = freeUdpPort();
			String[] discovery = { "zmq.discovery.enabled=true", "zmq.discovery.port=" + udp,
					"zmq.discovery.broadcast-address=127.255.255.255", "zmq.discovery.interval=200ms",
					"zmq.discovery.sources=beacon" };
			try (ConfigurableApplicationContext consumer = start(SinkApp.class,
					concat(discovery, "spring.cloud.function.definition=sink",
							"spring.cloud.stream.bindings.sink-in-0.destination=discovery://events"));
					ConfigurableApplicationContext producer = start(SourceApp.class,
							concat(discovery, "spring.cloud.function.definition=source",
									"spring.cloud.stream.bindings.source-out-0.destination=discovery://events"))) {
				Event event = await().atMost(Duration.ofSeconds(30)).until(sink::poll, (e) -> e != null);
				assertThat(event.text()).startsWith("hello ");
			}
		}

		@Test
		void discoveryDestinationWithoutDiscoveryIsRefused() {
			assertThatThrownBy(() -> start(SinkApp.class, "spring.cloud.function.definition=sink",
					"spring.cloud.stream.bindings.sink-in-0.destination=discovery://events")
				.close()).hasStackTraceContaining("zmq.discovery.enabled=true");
		}

		private static String[] concat(String[] first, String... more) {
			String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
			System.arraycopy(more, 0, all, first.length, more.length);
			return all;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SourceApp {

		private final AtomicLong ids = new AtomicLong();

		@Bean
		Supplier<Event> source() {
			return () -> {
				long id = this.ids.incrementAndGet();
				return new Event(id, "hello " + id);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UpperApp {

		@Bean
		Function<Event, Event> upper() {
			return (event) -> new Event(event.id(), event.text().toUpperCase());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SinkApp {

		@Bean
		Consumer<Event> sink() {
			return ZmqMessageChannelBinderTests.sink::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CountingSinkApp {

		@Bean
		CountingSink countingSink() {
			return new CountingSink();
		}

		@Bean
		Consumer<Event> count(CountingSink countingSink) {
			return countingSink::accept;
		}

	}

	static class CountingSink implements Consumer<Event> {

		final AtomicInteger count = new AtomicInteger();

		final List<Long> ids = new CopyOnWriteArrayList<>();

		@Override
		public void accept(Event event) {
			this.ids.add(event.id());
			this.count.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FailingSinkApp {

		@Bean
		FailingSink failingSink() {
			return new FailingSink();
		}

		@Bean
		Consumer<Event> fail(FailingSink failingSink) {
			return failingSink::accept;
		}

	}

	static class FailingSink implements Consumer<Event> {

		final AtomicInteger attempts = new AtomicInteger();

		@Override
		public void accept(Event event) {
			this.attempts.incrementAndGet();
			throw new IllegalStateException("refused " + event.id());
		}

	}

}
