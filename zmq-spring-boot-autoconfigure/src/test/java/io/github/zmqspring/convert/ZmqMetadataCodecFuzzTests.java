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

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the metadata frame decoder (Jazzer). Without
 * {@code JAZZER_FUZZ} (as in {@code mvn verify}) it replays the inputs under
 * {@code src/test/resources/.../ZmqMetadataCodecFuzzTestsInputs/decode}; with it, it
 * fuzzes (docs/serialization.md has the command). Any input either decodes to metadata
 * that encodes back to the very same bytes, or fails with {@link ZmqMetadataException}:
 * nothing else is thrown, nothing hangs, and the decoder allocates no more than a few
 * kilobytes plus a small multiple of the frame.
 */
class ZmqMetadataCodecFuzzTests {

	// maxDuration bounds a fuzzing run started without -Djazzer.max_duration
	@FuzzTest(maxDuration = "30s")
	void decode(byte[] frame) {
		AllocationBudget.assertWithin(frame.length, 16 * 1024, 16, () -> decodeOrNull(frame));
		ZmqMetadata metadata = decodeOrNull(frame);
		if (metadata == null) {
			return;
		}
		// the format has one encoding per value, so a frame the decoder accepts is the
		// frame the encoder writes for what was decoded
		assertThat(ZmqMetadataCodec.encode(metadata)).isEqualTo(frame);
	}

	private static ZmqMetadata decodeOrNull(byte[] frame) {
		try {
			return ZmqMetadataCodec.decode(frame);
		}
		catch (ZmqMetadataException ex) {
			return null;
		}
	}

}
