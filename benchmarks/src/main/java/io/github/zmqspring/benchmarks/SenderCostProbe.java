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

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import tools.jackson.databind.json.JsonMapper;

/**
 * How much a few nanoseconds more on the sending thread cost scenario 2: raw JeroMQ's
 * PUSH/PULL with JSON (scenario 2's baseline, {@link RawConnections}), trial after trial
 * in one JVM, alternating no extra work and {@code -Dwork} nanoseconds (default 50) of
 * busy waiting per message on the sending thread, before it sends ({@code -Dlock=true}:
 * instead, each message written under an uncontended {@code ReentrantLock}, as our
 * template writes, with the interrupt status checked and restored around it, as
 * {@code ZmqSocketOwner.write} does). Each trial prints its rate and, per message, the
 * write and read system calls of the sending thread and of JeroMQ's I/O thread
 * ({@code /proc/self/task/<tid>/io}): a sender's {@code write} is the signal that wakes
 * the I/O thread for a pipe it had emptied. Run:
 * {@code java -Dloader.main=io.github.zmqspring.benchmarks.SenderCostProbe -cp benchmarks/target/zmq-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 * ({@code -Dcount}, default 600,000; {@code -Dtrials}, default 12). Traffic stays on
 * 127.0.0.1; every trial is bounded as the runner's are. See benchmarks/README.md, "What
 * a few nanoseconds on the sender cost".
 */
public final class SenderCostProbe {

	/** Keeps the busy wait from being compiled away. */
	static volatile long spins;

	private SenderCostProbe() {
	}

	public static void main(String[] args) throws Exception {
		int count = Integer.getInteger("count", 600_000);
		int trials = Integer.getInteger("trials", 12);
		long work = Long.getLong("work", 50);
		boolean lock = Boolean.getBoolean("lock");
		JsonMapper mapper = JsonMapper.builder().build();
		RawConnections.PushPull pair = RawConnections.pushPull("sender-cost", 0);
		ReentrantLock socketLock = new ReentrantLock();
		for (int trial = 0; trial < trials; trial++) {
			boolean plain = trial % 2 == 0;
			Map<String, long[]> before = systemCalls();
			Measurement measured;
			if (plain || !lock) {
				long extra = plain ? 0 : work;
				measured = pair.run(count, () -> {
					if (extra > 0) {
						busyWait(extra);
					}
					return mapper.writeValueAsBytes(Quote.SAMPLE);
				}, (frame) -> mapper.readValue(frame, Quote.class));
			}
			else {
				measured = pair.runLocked(count, socketLock, () -> mapper.writeValueAsBytes(Quote.SAMPLE),
						(frame) -> mapper.readValue(frame, Quote.class));
			}
			Map<String, long[]> after = systemCalls();
			String what = plain ? "plain" : lock ? "under a lock" : "extra work " + work + " ns";
			System.out.printf("trial %d, %s: %,.0f msg/s; system calls per message: %s%n", trial, what,
					measured.perSecond(), perMessage(before, after, count));
		}
		System.exit(0);
	}

	private static void busyWait(long nanos) {
		long end = System.nanoTime() + nanos;
		long n = 0;
		while (System.nanoTime() < end) {
			n++;
		}
		spins += n;
	}

	/** Read and write system calls of each live thread, keyed {@code comm#tid}. */
	private static Map<String, long[]> systemCalls() {
		return SwingProbe.perThread("io", "syscr:", "syscw:");
	}

	/**
	 * Reads/writes per message of the threads that made at least one per 100 messages.
	 */
	private static String perMessage(Map<String, long[]> before, Map<String, long[]> after, int count) {
		StringBuilder out = new StringBuilder();
		after.forEach((name, counts) -> {
			long[] was = before.getOrDefault(name, new long[2]);
			double reads = (double) (counts[0] - was[0]) / count;
			double writes = (double) (counts[1] - was[1]) / count;
			if (reads + writes >= 0.01) {
				String thread = name.substring(0, name.indexOf('#'));
				out.append(String.format("%s%s r %.3f w %.3f", (out.length() > 0) ? ", " : "",
						thread.equals("java") ? "sender" : thread, reads, writes));
			}
		});
		return out.toString();
	}

}
