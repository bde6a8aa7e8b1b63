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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the JSON path (Jazzer): a frame without metadata read by the
 * default converter as a listener's record parameter. Without {@code JAZZER_FUZZ} (as in
 * {@code mvn verify}) it replays the inputs under
 * {@code src/test/resources/.../JsonConverterFuzzTestsInputs/fromMessage}; with it, it
 * fuzzes (docs/serialization.md). Any input yields an {@link Order}, {@code null} (the
 * JSON literal {@code null}) or a {@link MessageConversionException}: nothing else is
 * thrown, nothing hangs, and allocation stays within a fixed allowance plus a small
 * multiple of the frame.
 */
class JsonConverterFuzzTests {

	private static final CompositeMessageConverter CONVERTER = ZmqMessageConverters
		.defaultConverter(JsonMapper.builder().build());

	private static final ZmqPayloadConverter PAYLOADS = new ZmqPayloadConverter(CONVERTER);

	// maxDuration bounds a fuzzing run started without -Djazzer.max_duration
	@FuzzTest(maxDuration = "30s")
	void fromMessage(byte[] payload) {
		AllocationBudget.assertWithin(payload.length, 64 * 1024, 64, () -> read(payload));
	}

	private static void read(byte[] payload) {
		try {
			Object order = CONVERTER.fromMessage(MessageBuilder.withPayload(payload).build(), Order.class);
			if (order != null) {
				assertThat(order).isInstanceOf(Order.class);
			}
		}
		catch (MessageConversionException ex) {
			// malformed JSON or JSON of another shape: the documented outcome
		}
		// the same through the JSON shortcut that the template and listeners take
		try {
			assertThat(PAYLOADS.fromFrame(payload, Order.class, "fuzz")).isInstanceOf(Order.class);
		}
		catch (MessageConversionException ex) {
			// as above; JSON null is "no converter can read" here
		}
	}

	/**
	 * The listener parameter: strings, numbers of several kinds, a time, a list and a
	 * map.
	 *
	 * @param id an id
	 * @param quantity a count
	 * @param price a decimal
	 * @param at a time
	 * @param tags labels
	 * @param counts counts by name
	 */
	record Order(String id, int quantity, BigDecimal price, Instant at, List<String> tags, Map<String, Long> counts) {
	}

}
