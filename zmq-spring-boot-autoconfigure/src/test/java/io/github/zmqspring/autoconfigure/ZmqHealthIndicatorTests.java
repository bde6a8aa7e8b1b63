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
import java.util.Map;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.observation.ZmqContextHealth;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zmq} health component: UP with details while everything runs, DOWN when the
 * context fails or a listener container dies.
 */
class ZmqHealthIndicatorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqHealthContributorAutoConfiguration.class))
		.withUserConfiguration(Listeners.class)
		.withPropertyValues("zmq.sockets.jobs.type=push", "zmq.sockets.jobs.bind=tcp://127.0.0.1:0");

	@Test
	@SuppressWarnings("unchecked")
	void upWithSocketAndListenerDetails() {
		this.runner.run((context) -> {
			Health health = context.getBean(ZmqHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Object> sockets = (Map<String, Object>) health.getDetails().get("sockets");
			Map<String, Object> jobs = (Map<String, Object>) sockets.get("jobs");
			assertThat(jobs).containsEntry("type", "PUSH").containsEntry("peers", 0);
			assertThat((Iterable<String>) jobs.get("bound")).singleElement().asString().startsWith("tcp://127.0.0.1:");
			Map<String, Object> listeners = (Map<String, Object>) health.getDetails().get("listeners");
			assertThat((Map<String, Object>) listeners.get("worker")).containsEntry("running", true)
				.containsEntry("received", 0L)
				.containsEntry("errors", 0L);
			assertThat(health.getDetails()).containsKey("services");
		});
	}

	@Test
	void downWhenTheContextFailsAndItsListenersDie() {
		this.runner.run((context) -> {
			ZmqHealthIndicator indicator = context.getBean(ZmqHealthIndicator.class);
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			// the context dies under the application (as when JeroMQ's I/O thread fails)
			context.getBean(ZContext.class).close();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Health health = indicator.health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("problems").toString()).contains("context failed")
					.contains("listener 'worker' died");
			});
		});
	}

	@Test
	void downWhenAnotherContextHealthReportsAFailure() {
		this.runner.withBean(ZmqContextHealth.class, () -> () -> "I/O thread died").run((context) -> {
			Health health = context.getBean(ZmqHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("problems").toString()).contains("I/O thread died");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwn() {
		this.runner.withBean("zmqHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).hasSingleBean(HealthIndicator.class)
				.doesNotHaveBean(ZmqHealthIndicator.class));
		this.runner.withPropertyValues("management.health.zmq.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqHealthIndicator.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		@ZmqListener(id = "worker", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void work(String job) {
		}

	}

}
