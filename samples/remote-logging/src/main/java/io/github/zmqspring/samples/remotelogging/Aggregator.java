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
package io.github.zmqspring.samples.remotelogging;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.samples.remotelogging.RemoteLoggingApplication.LogEvent;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * One SUB socket connected to every service's publisher, subscribed by service and level.
 */
@Component
public class Aggregator {

	private final Map<String, AtomicInteger> perTopic = new ConcurrentHashMap<>();

	private final AtomicInteger received = new AtomicInteger();

	private volatile int expected;

	private volatile CountDownLatch complete = new CountDownLatch(1);

	@ZmqListener(id = "aggregator", type = org.zeromq.SocketType.SUB,
			connect = { "tcp://127.0.0.1:${logging-demo.orders-port}", "tcp://127.0.0.1:${logging-demo.billing-port}" },
			topics = { "orders.INFO", "orders.WARN", "billing.ERROR" })
	public void onLog(LogEvent event, @Header(ZmqHeaders.TOPIC) String topic) {
		System.out.printf("aggregator [%s] %s %s: %s%n", topic, event.service(), event.level(), event.message());
		this.perTopic.computeIfAbsent(topic, (t) -> new AtomicInteger()).incrementAndGet();
		if (this.received.incrementAndGet() == this.expected) {
			this.complete.countDown();
		}
	}

	void expect(int events) {
		this.perTopic.clear();
		this.received.set(0);
		this.expected = events;
		this.complete = new CountDownLatch(1);
	}

	Summary await(Duration timeout) throws InterruptedException {
		boolean done = this.complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		Map<String, Integer> counts = new TreeMap<>();
		this.perTopic.forEach((topic, count) -> counts.put(topic, count.get()));
		return new Summary(done, this.received.get(), counts);
	}

	/** What the aggregator collected. */
	public record Summary(boolean complete, int received, Map<String, Integer> perTopic) {

		@Override
		public String toString() {
			return "aggregator: " + this.received + " events " + (this.complete ? "(all expected)" : "(INCOMPLETE)")
					+ " by topic " + this.perTopic;
		}

	}

}
