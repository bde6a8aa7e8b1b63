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
 * The small POJO of scenarios 2 and 2c, sent as JSON or CBOR (under 100 bytes on the
 * wire; scenario 2c reports the exact sizes).
 *
 * @param id the quote's id
 * @param symbol the instrument
 * @param price the price
 * @param quantity the quantity
 * @param buy whether it is a bid
 */
public record Quote(long id, String symbol, double price, int quantity, boolean buy) {

	static final Quote SAMPLE = new Quote(123456789L, "ZMQ.SPRING", 101.25, 300, true);

}
