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

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The slow-joiner problem with listeners on both ends: a PUB binds, three SUB
 * {@code @ZmqListener}s connect, the publisher waits for their subscriptions and
 * publishes 10,000 messages; every listener gets all of them, in order, 20 times over (a
 * fresh application each round, so every round has fresh connections).
 */
class ZmqListenerSlowJoinerTests {

	private static final int MESSAGES = 10_000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withUserConfiguration(ThreeSubscribers.class);

	@Test
	@Timeout(240)
	void threeSubListenersGetEveryMessageAfterThePublisherAwaitsThem() {
		for (int round = 0; round < 20; round++) {
			int current = round;
			int port = ZmqReplyListenerIntegrationTests.freePort();
			this.runner
				.withPropertyValues("slow.port=" + port, "zmq.sockets.pub.type=pub",
						"zmq.sockets.pub.bind=tcp://127.0.0.1:" + port,
						"zmq.sockets.pub.send-high-water-mark=" + (MESSAGES * 2))
				.run((context) -> {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					ThreeSubscribers subscribers = context.getBean(ThreeSubscribers.class);
					assertThat(template.awaitSubscribers("pub", 3, Duration.ofSeconds(10))).as("round %d", current)
						.isTrue();
					for (int i = 0; i < MESSAGES; i++) {
						template.publish("pub", "ticks", ByteBuffer.allocate(4).putInt(i).array());
					}
					await().atMost(Duration.ofSeconds(60))
						.untilAsserted(() -> assertThat(subscribers.counts).as("round %d", current)
							.containsOnlyKeys("a", "b", "c")
							.allSatisfy((listener, count) -> assertThat(count.get()).isEqualTo(MESSAGES)));
					assertThat(subscribers.outOfOrder).as("round %d", current).isEmpty();
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreeSubscribers {

		final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		final List<String> outOfOrder = new java.util.concurrent.CopyOnWriteArrayList<>();

		@ZmqListener(id = "a", type = SocketType.SUB, connect = "tcp://127.0.0.1:${slow.port}", topics = "ticks")
		@ZmqListener(id = "b", type = SocketType.SUB, connect = "tcp://127.0.0.1:${slow.port}", topics = "ticks")
		@ZmqListener(id = "c", type = SocketType.SUB, connect = "tcp://127.0.0.1:${slow.port}", topics = "ticks")
		void onTick(byte[] payload, @Header(ZmqHeaders.LISTENER_ID) String listener) {
			int expected = this.counts.computeIfAbsent(listener, (key) -> new AtomicInteger()).getAndIncrement();
			int seq = ByteBuffer.wrap(payload).getInt();
			if (seq != expected) {
				this.outOfOrder.add(listener + " expected " + expected + " got " + seq);
			}
		}

	}

}
