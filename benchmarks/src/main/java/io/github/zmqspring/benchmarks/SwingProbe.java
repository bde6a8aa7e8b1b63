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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Scenario 1 (ours) trial after trial in one JVM, with the garbage collector's time of
 * each: shows how many messages the JIT compiler needs before ours runs at its steady
 * speed (about 1.2 million on 2 cores), which is what {@link BenchmarkRunner}'s
 * {@code warmup} trials are for. Run:
 * {@code java -Dloader.main=io.github.zmqspring.benchmarks.SwingProbe -cp benchmarks/target/zmq-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 * ({@code -Dcount}, {@code -Dtrials}).
 */
public final class SwingProbe {

	private SwingProbe() {
	}

	public static void main(String[] args) throws Exception {
		Scenarios ours = new Scenarios(100);
		int n = Integer.getInteger("count", 400_000);
		for (int i = 0; i < Integer.getInteger("trials", 12); i++) {
			long gc0 = gcMillis();
			long start = System.currentTimeMillis();
			long t0 = System.nanoTime();
			Measurement m = ours.pushPull(n);
			long t1 = System.nanoTime();
			// the epoch times let a JFR recording be cut per trial
			System.out.printf("trial %d: %,.0f msg/s  gc %d ms  wall %d ms  epoch-ms %d %d%n", i, m.perSecond(),
					gcMillis() - gc0, (t1 - t0) / 1_000_000, start, System.currentTimeMillis());
		}
		System.exit(0);
	}

	static long gcMillis() {
		long t = 0;
		for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
			t += b.getCollectionTime();
		}
		return t;
	}

}
