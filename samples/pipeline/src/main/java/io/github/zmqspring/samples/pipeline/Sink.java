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
package io.github.zmqspring.samples.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.samples.pipeline.PipelineApplication.Result;

import org.springframework.stereotype.Component;

/**
 * Collects results, shows progress every tenth of the batch and reports when the batch is
 * complete.
 */
@Component
public class Sink {

	private final Map<String, AtomicInteger> perWorker = new ConcurrentHashMap<>();

	private final AtomicInteger received = new AtomicInteger();

	private volatile int expected;

	private volatile long startedAt;

	private volatile CountDownLatch complete = new CountDownLatch(1);

	void expect(int jobs) {
		this.perWorker.clear();
		this.received.set(0);
		this.expected = jobs;
		this.complete = new CountDownLatch(1);
		this.startedAt = System.nanoTime();
	}

	@ZmqListener(id = "sink", type = org.zeromq.SocketType.PULL, bind = "tcp://127.0.0.1:${pipeline.results-port}")
	public void collect(Result result) {
		this.perWorker.computeIfAbsent(result.worker(), (w) -> new AtomicInteger()).incrementAndGet();
		int n = this.received.incrementAndGet();
		int step = Math.max(1, this.expected / 10);
		if (n % step == 0 || n == this.expected) {
			System.out.printf("sink: %d/%d results (%d%%)%n", n, this.expected, n * 100L / this.expected);
		}
		if (n == this.expected) {
			this.complete.countDown();
		}
	}

	Report await(Duration timeout) throws InterruptedException {
		boolean done = this.complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - this.startedAt);
		Map<String, Integer> shares = new TreeMap<>();
		this.perWorker.forEach((worker, count) -> shares.put(worker, count.get()));
		return new Report(done, this.received.get(), this.expected, elapsed, shares);
	}

	/** The outcome of a batch. */
	public record Report(boolean complete, int received, int expected, Duration elapsed,
			Map<String, Integer> perWorker) {

		double throughput() {
			return this.received / Math.max(1e-9, this.elapsed.toNanos() / 1e9);
		}

		@Override
		public String toString() {
			return String.format("sink: batch %s: %d/%d results in %d ms (%.0f results/s)",
					this.complete ? "complete" : "INCOMPLETE", this.received, this.expected, this.elapsed.toMillis(),
					throughput());
		}

	}

}
