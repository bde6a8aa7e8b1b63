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

/**
 * What one throughput trial measured.
 *
 * @param perSecond messages (or requests) per second
 * @param bytesPerMessage bytes allocated per message by all threads, or NaN when not
 * measured
 */
record Measurement(double perSecond, double bytesPerMessage) {

	static Measurement of(double perSecond) {
		return new Measurement(perSecond, Double.NaN);
	}

	static Measurement of(Counter counter, AllocationMeter meter, long messages) {
		return new Measurement(counter.rate(), (double) meter.allocated() / messages);
	}

}
