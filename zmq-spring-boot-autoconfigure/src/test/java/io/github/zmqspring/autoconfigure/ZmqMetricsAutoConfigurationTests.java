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

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqRemoteException;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.observation.ZmqMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The meters of sockets, listeners and requests, through Boot's meter registry.
 */
class ZmqMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				ZmqAutoConfiguration.class, ZmqMetricsAutoConfiguration.class))
		.withUserConfiguration(Listeners.class)
		.withPropertyValues("zmq.sockets.jobs.type=push", "zmq.sockets.jobs.bind=inproc://metrics-jobs",
				"zmq.sockets.rpc.type=dealer", "zmq.sockets.rpc.connect=inproc://metrics-rpc",
				"zmq.sockets.news.type=pub", "zmq.sockets.news.bind=tcp://127.0.0.1:0");

	@Test
	void countersAndGaugesOfSocketsAndListeners() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			for (int i = 0; i < 3; i++) {
				template.send("jobs", "job-" + i);
			}
			Listeners listeners = context.getBean(Listeners.class);
			for (int i = 0; i < 3; i++) {
				assertThat(listeners.jobs.poll(20, TimeUnit.SECONDS)).isNotNull();
			}
			template.send("jobs", "boom");
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(registry.get("zmq.messages.sent")
					.tags("socket", "jobs", "type", "PUSH")
					.functionCounter()
					.count()).isEqualTo(4);
				assertThat(registry.get("zmq.messages.received")
					.tags("listener", "worker", "socket", "worker")
					.functionCounter()
					.count()).isEqualTo(4);
				assertThat(registry.get("zmq.listener.errors").tags("listener", "worker").functionCounter().count())
					.isEqualTo(1);
			});
			assertThat(registry.get("zmq.listener.backlog").tags("listener", "worker").gauge().value()).isZero();
			assertThat(registry.get("zmq.socket.pending").tags("socket", "jobs").gauge().value()).isZero();
			assertThat(registry.get("zmq.socket.peers").tags("socket", "news").gauge().value()).isZero();
			assertThat(registry.get("zmq.socket.subscriptions").tags("socket", "news").gauge().value()).isZero();
			assertThat(registry.get("zmq.messages.dropped")
				.tags("socket", "worker", "reason", ZmqMetrics.REASON_UNREADABLE)
				.functionCounter()
				.count()).isZero();
			assertThat(registry.get("zmq.messages.dropped")
				.tags("socket", "rpc-server", "reason", ZmqMetrics.REASON_UNDELIVERABLE_REPLY)
				.functionCounter()
				.count()).isZero();
		});
	}

	@Test
	void templateSendsAndReceivesAreCounted() {
		this.runner
			.withPropertyValues("zmq.sockets.inbox.type=pull", "zmq.sockets.inbox.bind=inproc://metrics-inbox",
					"zmq.sockets.outbox.type=push", "zmq.sockets.outbox.connect=inproc://metrics-inbox")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.send("outbox", "a", Duration.ofSeconds(20));
				assertThat(template.sendAsync("outbox", "b")).succeedsWithin(Duration.ofSeconds(20));
				template.send("outbox", new byte[][] { { 'c' } });
				assertThat(template.receive("inbox", Duration.ofSeconds(20))).isNotNull();
				assertThat(template.receiveAndConvert("inbox", String.class, Duration.ofSeconds(20))).isEqualTo("b");
				assertThat(template.receive("inbox", Duration.ofSeconds(20))).isNotNull();
				assertThat(template.receive("inbox", Duration.ofMillis(10))).isNull();
				assertThat(registry.get("zmq.messages.sent").tags("socket", "outbox").functionCounter().count())
					.isEqualTo(3);
				assertThat(registry.get("zmq.messages.received")
					.tags("listener", ZmqMetrics.TEMPLATE, "socket", "inbox")
					.functionCounter()
					.count()).isEqualTo(3);
			});
	}

	@Test
	void requestsAreTimedByOutcome() {
		this.runner
			.withPropertyValues("zmq.sockets.lost.type=dealer", "zmq.sockets.lost.connect=inproc://metrics-nobody")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.request("rpc", "ping", String.class, Duration.ofSeconds(20))).isEqualTo("pong");
				assertThatExceptionOfType(ZmqRemoteException.class)
					.isThrownBy(() -> template.request("rpc", "fail", String.class, Duration.ofSeconds(20)));
				assertThatExceptionOfType(ZmqRequestTimeoutException.class)
					.isThrownBy(() -> template.request("lost", "ping", String.class, Duration.ofMillis(100)));
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertThat(registry.get("zmq.requests").tags("socket", "rpc", "outcome", "success").timer().count())
						.isEqualTo(1);
					assertThat(registry.get("zmq.requests")
						.tags("socket", "rpc", "outcome", "remote-error")
						.timer()
						.count()).isEqualTo(1);
					assertThat(
							registry.get("zmq.requests").tags("socket", "lost", "outcome", "timeout").timer().count())
						.isEqualTo(1);
				});
				assertThat(registry.get("zmq.messages.dropped")
					.tags("socket", "rpc", "reason", ZmqMetrics.REASON_LATE_REPLY)
					.functionCounter()
					.count()).isZero();
			});
	}

	@Test
	void sendsRefusedAtTheHighWaterMarkAndOversizeDisconnectsAreDrops() {
		this.runner
			.withPropertyValues("zmq.sockets.lonely.type=push", "zmq.sockets.lonely.bind=inproc://metrics-lonely")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				// a PUSH with no peer has no room: trySend refuses at once
				assertThat(template.trySend("lonely", "one")).isFalse();
				assertThat(template.trySend("lonely", "two")).isFalse();
				assertThat(registry.get("zmq.messages.dropped")
					.tags("socket", "lonely", "reason", ZmqMetrics.REASON_HWM)
					.functionCounter()
					.count()).isEqualTo(2);
				assertThat(registry.get("zmq.messages.dropped")
					.tags("socket", "worker", "reason", ZmqMetrics.REASON_OVERSIZE)
					.functionCounter()
					.count()).isZero();
			});
	}

	@Test
	void noMetersWithoutARegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqMetrics.class));
	}

	@Test
	void backsOffFromTheApplicationsMetrics() {
		this.runner
			.withBean("myMetrics", ZmqMetrics.class,
					() -> new ZmqMetrics(new ZmqSocketManager(null, java.util.List.of()), java.util.List::of,
							() -> null))
			.run((context) -> assertThat(context).getBean(ZmqMetrics.class).isSameAs(context.getBean("myMetrics")));
		// the registry itself is the application's
		this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(ZmqMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();

		@ZmqListener(id = "worker", type = SocketType.PULL, connect = "inproc://metrics-jobs")
		void work(String job) {
			if (job.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			this.jobs.add(job);
		}

		@ZmqListener(id = "rpc-server", type = SocketType.REP, bind = "inproc://metrics-rpc")
		String rpc(String request) {
			if (request.equals("fail")) {
				throw new IllegalStateException("refused");
			}
			return "pong";
		}

	}

}
