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
package io.github.zmqspring.convert;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what the current thread allocates (HotSpot's per-thread counter), so that a
 * fuzz target can assert that no input makes a decoder allocate far more than the input's
 * size: a declared length or count must never be trusted for a buffer size.
 */
final class AllocationBudget {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final int MEASURED_PASSES = 3;

	private AllocationBudget() {
	}

	/**
	 * Run {@code action} once to warm up, then assert that a later run allocates at most
	 * {@code fixed + perByte * inputLength} bytes. Up to three runs are measured and the
	 * smallest counts: loading a class, and under the fuzzer instrumenting it, allocates
	 * megabytes once, whereas an allocation the input drives recurs on every run.
	 * @param inputLength the size of the input
	 * @param fixed the allowance whatever the input (buffers, an exception and its stack)
	 * @param perByte the allowance per input byte
	 * @param action the code under test, fed the same input on every run
	 */
	static void assertWithin(int inputLength, long fixed, long perByte, Runnable action) {
		action.run();
		long budget = fixed + perByte * inputLength;
		long smallest = Long.MAX_VALUE;
		for (int pass = 0; pass < MEASURED_PASSES && smallest > budget; pass++) {
			long start = THREADS.getCurrentThreadAllocatedBytes();
			action.run();
			smallest = Math.min(smallest, THREADS.getCurrentThreadAllocatedBytes() - start);
		}
		assertThat(smallest).as("bytes allocated for an input of %d bytes", inputLength).isLessThanOrEqualTo(budget);
	}

}
