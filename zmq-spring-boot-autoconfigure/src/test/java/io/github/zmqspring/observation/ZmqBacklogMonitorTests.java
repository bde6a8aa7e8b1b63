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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqObservationAutoConfiguration;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backlog callback fires when a slow listener stays behind, and again reports when it
 * catches up.
 */
class ZmqBacklogMonitorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqObservationAutoConfiguration.class))
		.withUserConfiguration(SlowWorker.class)
		.withPropertyValues("zmq.sockets.jobs.type=push", "zmq.sockets.jobs.bind=inproc://backlog-jobs",
				"zmq.backlog.threshold=5", "zmq.backlog.period=300ms", "zmq.backlog.sample-interval=50ms");

	@Test
	void aSlowListenerFiresTheCallbackThenClears() {
		this.runner.run((context) -> {
			SlowWorker worker = context.getBean(SlowWorker.class);
			try {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				for (int i = 0; i < 50; i++) {
					template.send("jobs", "job-" + i);
				}
				ZmqBacklogEvent exceeded = await().atMost(Duration.ofSeconds(30))
					.until(() -> worker.first(true), (event) -> event != null);
				assertThat(exceeded.getKind()).isEqualTo(ZmqBacklogEvent.Kind.LISTENER);
				assertThat(exceeded.getName()).isEqualTo("slow");
				assertThat(exceeded.getBacklog()).isGreaterThan(5);
				assertThat(exceeded.getThreshold()).isEqualTo(5);
				assertThat(exceeded.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
				assertThat(worker.applicationEvents).anyMatch(ZmqBacklogEvent::isExceeded);
			}
			finally {
				worker.release.countDown();
			}
			ZmqBacklogEvent cleared = await().atMost(Duration.ofSeconds(30))
				.until(() -> worker.first(false), (event) -> event != null);
			assertThat(cleared.getName()).isEqualTo("slow");
		});
	}

	@Test
	void aQuietListenerNeverFires() {
		this.runner.withPropertyValues("zmq.backlog.period=50ms").run((context) -> {
			SlowWorker worker = context.getBean(SlowWorker.class);
			worker.release.countDown();
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			template.send("jobs", "one");
			await().atMost(Duration.ofSeconds(30)).until(() -> worker.handled.getCount() == 0);
			ZmqBacklogMonitor monitor = context.getBean(ZmqBacklogMonitor.class);
			long now = System.nanoTime();
			monitor.sample(now);
			monitor.sample(now + Duration.ofSeconds(1).toNanos());
			assertThat(worker.events).isEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowWorker implements ApplicationListener<ZmqBacklogEvent> {

		final CountDownLatch release = new CountDownLatch(1);

		final CountDownLatch handled = new CountDownLatch(1);

		final List<ZmqBacklogEvent> events = new CopyOnWriteArrayList<>();

		final List<ZmqBacklogEvent> applicationEvents = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "slow", type = SocketType.PULL, connect = "inproc://backlog-jobs", concurrency = "2")
		void work(String job) throws InterruptedException {
			this.release.await(60, TimeUnit.SECONDS);
			this.handled.countDown();
		}

		@Bean
		ZmqBacklogListener backlogListener() {
			return new ZmqBacklogListener() {

				@Override
				public void backlogExceeded(ZmqBacklogEvent event) {
					SlowWorker.this.events.add(event);
				}

				@Override
				public void backlogCleared(ZmqBacklogEvent event) {
					SlowWorker.this.events.add(event);
				}

			};
		}

		@Override
		public void onApplicationEvent(ZmqBacklogEvent event) {
			this.applicationEvents.add(event);
		}

		ZmqBacklogEvent first(boolean exceeded) {
			return this.events.stream().filter((event) -> event.isExceeded() == exceeded).findFirst().orElse(null);
		}

	}

}
