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
package io.github.zmqspring.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the messages one receiving thread gets and remembers when the first and the
 * expected last arrived. Single writer, so a volatile count is enough and the receive
 * path pays no atomic instruction.
 */
final class Counter {

	/** A trial that makes no progress for this long has lost messages: it fails. */
	private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** No trial may take longer than this, progress or not. */
	private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final String name;

	private volatile long count;

	private volatile long expected;

	private volatile long firstAt;

	private volatile long lastAt;

	private volatile Thread waiter;

	Counter(String name) {
		this.name = name;
	}

	void reset(long expected) {
		this.count = 0;
		this.firstAt = 0;
		this.lastAt = 0;
		this.expected = expected;
	}

	/** Called by the one receiving thread for each message. */
	void hit() {
		long n = this.count + 1;
		this.count = n;
		if (n == 1) {
			this.firstAt = System.nanoTime();
		}
		if (n == this.expected) {
			this.lastAt = System.nanoTime();
			Thread thread = this.waiter;
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}
	}

	/**
	 * Count one message from any of several threads (scenario 9's workers).
	 */
	synchronized void hitConcurrently() {
		hit();
	}

	long count() {
		return this.count;
	}

	long firstAt() {
		return this.firstAt;
	}

	long lastAt() {
		return this.lastAt;
	}

	/**
	 * Wait until every expected message has arrived; fail once nothing has arrived for 10
	 * s or after 60 s in all, naming the counts.
	 */
	void await() {
		this.waiter = Thread.currentThread();
		try {
			long begin = System.nanoTime();
			long seen = -1;
			long progressAt = begin;
			while (this.lastAt == 0) {
				long now = System.nanoTime();
				long n = this.count;
				if (n != seen) {
					seen = n;
					progressAt = now;
				}
				if (now - progressAt > STALL_NANOS || now - begin > LIMIT_NANOS) {
					throw new IllegalStateException(
							this.name + " received " + n + " of " + this.expected + " messages (stalled or too slow)");
				}
				// parked until the last message, or at most 100 ms to watch progress
				LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
			}
		}
		finally {
			this.waiter = null;
		}
	}

	/** Messages per second between the first and the last arrival. */
	double rate() {
		return (this.expected - 1) / ((this.lastAt - this.firstAt) / 1e9);
	}

	/**
	 * Messages delivered to every counter per second: the window runs from the first
	 * arrival anywhere to the last arrival everywhere.
	 */
	static double deliveredToAll(Counter... counters) {
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		for (Counter counter : counters) {
			first = Math.min(first, counter.firstAt);
			last = Math.max(last, counter.lastAt);
		}
		return (counters[0].expected - 1) / ((last - first) / 1e9);
	}

}
