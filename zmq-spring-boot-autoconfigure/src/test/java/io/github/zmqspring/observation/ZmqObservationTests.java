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
package io.github.zmqspring.observation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqObservationAutoConfiguration;
import io.github.zmqspring.core.ZmqTemplate;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code zmq.template} and {@code zmq.listener} observations recorded with a
 * {@link TestObservationRegistry}, over real sockets.
 */
class ZmqObservationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqObservationAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withUserConfiguration(Registry.class, Listeners.class)
		.withPropertyValues("zmq.sockets.jobs.type=push", "zmq.sockets.jobs.connect=inproc://observed-jobs",
				"zmq.sockets.news.type=pub", "zmq.sockets.news.bind=inproc://observed-news",
				"zmq.sockets.rpc.type=dealer", "zmq.sockets.rpc.connect=inproc://observed-rpc");

	@Test
	void offByDefault() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ZmqTemplateObservations.class)
				.doesNotHaveBean(ZmqListenerObservations.class);
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			template.send("jobs", "hello");
			assertThat(context.getBean(Listeners.class).jobs.poll(20, TimeUnit.SECONDS)).isEqualTo("hello");
			assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
		});
	}

	@Nested
	class Template {

		@Test
		void sendPublishAndRequestAreObservedWithLowCardinalityKeys() {
			ZmqObservationTests.this.runner.withPropertyValues("zmq.template.observation-enabled=true")
				.run((context) -> {
					TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					template.send("jobs", "hello");
					assertThat(template.awaitSubscribers("news", 1, Duration.ofSeconds(20))).isTrue();
					template.publish("news", "t", "extra");
					assertThat(template.request("rpc", "ping", String.class, Duration.ofSeconds(20)))
						.isEqualTo("pong:ping");
					assertThat(registry).hasNumberOfObservationsWithNameEqualTo("zmq.template", 3);
					assertThat(registry).hasAnObservation((observation) -> observation.hasNameEqualTo("zmq.template")
						.hasContextualNameEqualTo("jobs send")
						.hasLowCardinalityKeyValue("messaging.system", "zeromq")
						.hasLowCardinalityKeyValue("messaging.operation", "send")
						.hasLowCardinalityKeyValue("zmq.socket", "jobs")
						.hasLowCardinalityKeyValue("zmq.socket.type", "PUSH"));
					assertThat(registry).hasAnObservation(
							(observation) -> observation.hasLowCardinalityKeyValue("messaging.operation", "publish")
								.hasLowCardinalityKeyValue("zmq.socket", "news")
								.hasLowCardinalityKeyValue("zmq.socket.type", "PUB"));
					assertThat(registry).hasAnObservation(
							(observation) -> observation.hasLowCardinalityKeyValue("messaging.operation", "request")
								.hasLowCardinalityKeyValue("zmq.socket", "rpc")
								.hasLowCardinalityKeyValue("zmq.socket.type", "DEALER"));
				});
		}

		@Test
		void timedAsyncRoutedMultipartSendsAndReceivesAreObserved() {
			ZmqObservationTests.this.runner
				.withPropertyValues("zmq.template.observation-enabled=true", "zmq.sockets.inbox.type=pull",
						"zmq.sockets.inbox.bind=inproc://observed-inbox", "zmq.sockets.outbox.type=push",
						"zmq.sockets.outbox.connect=inproc://observed-inbox", "zmq.sockets.router.type=router",
						"zmq.sockets.router.bind=inproc://observed-router")
				.run((context) -> {
					TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					template.send("outbox", "a", Duration.ofSeconds(20));
					assertThat(template.sendAsync("outbox", "b")).succeedsWithin(Duration.ofSeconds(20));
					template.send("outbox", new byte[][] { "c".getBytes(StandardCharsets.UTF_8) });
					template.sendTo("router", "nobody".getBytes(StandardCharsets.UTF_8), "d");
					assertThat(template.receive("inbox", Duration.ofSeconds(20)).getPayload())
						.asString(StandardCharsets.UTF_8)
						.isEqualTo("a");
					assertThat(template.receiveAndConvert("inbox", String.class, Duration.ofSeconds(20)))
						.isEqualTo("b");
					assertThat(template.receive("inbox", Duration.ofSeconds(20)).getPayload())
						.asString(StandardCharsets.UTF_8)
						.isEqualTo("c");
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(
								() -> assertThat(registry).hasNumberOfObservationsWithNameEqualTo("zmq.template", 7));
					assertThat(registry)
						.hasAnObservation((observation) -> observation.hasContextualNameEqualTo("outbox send")
							.hasLowCardinalityKeyValue("messaging.operation", "send")
							.hasLowCardinalityKeyValue("zmq.socket.type", "PUSH"));
					assertThat(registry)
						.hasAnObservation((observation) -> observation.hasContextualNameEqualTo("inbox receive")
							.hasLowCardinalityKeyValue("messaging.operation", "receive")
							.hasLowCardinalityKeyValue("zmq.socket.type", "PULL"));
					assertThat(registry)
						.hasAnObservation((observation) -> observation.hasContextualNameEqualTo("router send")
							.hasLowCardinalityKeyValue("zmq.socket.type", "ROUTER"));
					assertThat(registry).forAllObservationsWithNameEqualTo("zmq.template",
							(observation) -> observation.doesNotHaveError());
				});
		}

		@Test
		void aFailedSendToIsAnObservationError() {
			ZmqObservationTests.this.runner
				.withPropertyValues("zmq.template.observation-enabled=true", "zmq.sockets.router.type=router",
						"zmq.sockets.router.bind=inproc://observed-mandatory",
						"zmq.sockets.router.router-mandatory=true")
				.run((context) -> {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					org.assertj.core.api.Assertions.assertThatExceptionOfType(RuntimeException.class)
						.isThrownBy(() -> template.sendTo("router", "nobody".getBytes(StandardCharsets.UTF_8), "d"));
					assertThat(context.getBean(TestObservationRegistry.class))
						.hasAnObservation((observation) -> observation.hasContextualNameEqualTo("router send")
							.assertThatError()
							.isNotNull());
				});
		}

		@Test
		void aFailedRequestIsAnObservationError() {
			ZmqObservationTests.this.runner
				.withPropertyValues("zmq.template.observation-enabled=true", "zmq.sockets.lost.type=dealer",
						"zmq.sockets.lost.connect=inproc://nobody-serves-this")
				.run((context) -> {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThat(template.requestAsync("lost", "ping", String.class, Duration.ofMillis(200)))
						.failsWithin(Duration.ofSeconds(20));
					TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(registry).hasAnObservation(
								(observation) -> observation.hasLowCardinalityKeyValue("zmq.socket", "lost")
									.assertThatError()
									.hasMessageContaining("lost")));
				});
		}

		@Test
		void aCustomConventionIsUsed() {
			ZmqObservationTests.this.runner.withPropertyValues("zmq.template.observation-enabled=true")
				.withBean(ZmqTemplateObservationConvention.class, () -> new DefaultZmqTemplateObservationConvention() {

					@Override
					public KeyValues getLowCardinalityKeyValues(ZmqMessageSenderContext context) {
						return super.getLowCardinalityKeyValues(context).and("team", "ops");
					}

				})
				.run((context) -> {
					context.getBean(ZmqTemplate.class).send("jobs", "hello");
					assertThat(context.getBean(TestObservationRegistry.class))
						.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("team", "ops")
							.hasLowCardinalityKeyValue("zmq.socket", "jobs"));
				});
		}

	}

	@Nested
	class Listener {

		@Test
		void eachProcessedMessageIsObservedWithTheListenerId() {
			ZmqObservationTests.this.runner.withPropertyValues("zmq.listener.observation-enabled=true")
				.run((context) -> {
					context.getBean(ZmqTemplate.class).send("jobs", "hello");
					assertThat(context.getBean(Listeners.class).jobs.poll(20, TimeUnit.SECONDS)).isEqualTo("hello");
					TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(registry)
							.hasAnObservation((observation) -> observation.hasNameEqualTo("zmq.listener")
								.hasContextualNameEqualTo("worker process")
								.hasLowCardinalityKeyValue("messaging.system", "zeromq")
								.hasLowCardinalityKeyValue("messaging.operation", "process")
								.hasLowCardinalityKeyValue("zmq.listener.id", "worker")
								.hasLowCardinalityKeyValue("zmq.socket", "worker")
								.hasLowCardinalityKeyValue("zmq.socket.type", "PULL")));
					assertThat(registry).hasNumberOfObservationsWithNameEqualTo("zmq.template", 0);
				});
		}

		@Test
		void aFailingHandlerIsAnObservationError() {
			ZmqObservationTests.this.runner.withPropertyValues("zmq.listener.observation-enabled=true")
				.run((context) -> {
					context.getBean(ZmqTemplate.class).send("jobs", "boom");
					TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(registry).hasAnObservation(
								(observation) -> observation.hasLowCardinalityKeyValue("zmq.listener.id", "worker")
									.assertThatError()
									.hasMessageContaining("boom")));
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();

		@ZmqListener(id = "worker", type = SocketType.PULL, bind = "inproc://observed-jobs")
		void work(String job) {
			if (job.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			this.jobs.add(job);
		}

		@ZmqListener(id = "news-reader", type = SocketType.SUB, connect = "inproc://observed-news")
		void news(String news) {
		}

		@ZmqListener(id = "rpc-server", type = SocketType.REP, bind = "inproc://observed-rpc")
		String rpc(String request) {
			return "pong:" + request;
		}

	}

}
