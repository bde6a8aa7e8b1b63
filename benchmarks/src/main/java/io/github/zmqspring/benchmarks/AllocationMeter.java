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

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import com.sun.management.ThreadMXBean;

/**
 * Bytes allocated by the JVM's threads between two points, from HotSpot's per-thread
 * allocation counters. Every live thread is summed, so the sending, socket, I/O and
 * listener threads all count without naming them; a thread that ends before
 * {@link #allocated()} is not counted, which is why the trials keep theirs alive until
 * they have been measured.
 */
final class AllocationMeter {

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private final Map<Long, Long> start = new HashMap<>();

	private AllocationMeter() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		for (int i = 0; i < ids.length; i++) {
			this.start.put(ids[i], bytes[i]);
		}
	}

	static AllocationMeter start() {
		return new AllocationMeter();
	}

	/**
	 * @return the bytes allocated since {@link #start()} by the threads alive now (a
	 * thread started since then counts in full)
	 */
	long allocated() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		long total = 0;
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				total += bytes[i] - this.start.getOrDefault(ids[i], 0L);
			}
		}
		return total;
	}

}
