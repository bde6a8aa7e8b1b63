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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The metadata frame of docs/wire-format.md: round trips, the documented hex example,
 * every kind of malformed frame, random mutation, and interop with the doc's Python code.
 */
@Timeout(60)
class ZmqMetadataCodecTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void roundTrip() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(ZmqMetadata.CONTENT_TYPE, "application/json");
		headers.put("user-ünïcode", "välue ✓");
		headers.put("empty", "");
		ZmqMetadata metadata = new ZmqMetadata(true, headers);
		ZmqMetadata decoded = ZmqMetadataCodec.decode(ZmqMetadataCodec.encode(metadata));
		assertThat(decoded.error()).isTrue();
		assertThat(decoded.headers()).containsExactlyEntriesOf(headers);
	}

	@Test
	void matchesDocumentedExamples() {
		assertThat(HEX.formatHex(ZmqMetadataCodec.encode(new ZmqMetadata(false, Map.of()))))
			.isEqualTo("ff5a4d5101000000");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("content-type", "application/json");
		headers.put("correlation-id", "42");
		assertThat(HEX.formatHex(ZmqMetadataCodec.encode(new ZmqMetadata(true, headers))))
			.isEqualTo("ff5a4d51010100020c636f6e74656e742d74797065001061707"
					+ "06c69636174696f6e2f6a736f6e0e636f7272656c6174696f6e2d696400023432");
	}

	@Test
	void plainPayloadsAreNeverMetadata() {
		assertThat(ZmqMetadataCodec.isMetadataFrame("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(ZmqMetadataCodec.isMetadataFrame(new byte[0])).isFalse();
		assertThat(ZmqMetadataCodec.isMetadataFrame(new byte[] { (byte) 0xFF, 'Z', 'M' })).isFalse();
	}

	@Test
	void everyTruncationIsRejected() {
		byte[] frame = ZmqMetadataCodec.encode(new ZmqMetadata(false, Map.of("key", "value", "k2", "v2")));
		for (int length = 4; length < frame.length; length++) {
			byte[] truncated = java.util.Arrays.copyOf(frame, length);
			assertThatExceptionOfType(ZmqMetadataException.class).as("length " + length)
				.isThrownBy(() -> ZmqMetadataCodec.decode(truncated))
				.withMessageContaining("truncated");
		}
	}

	@Test
	void malformedFramesAreRejectedWithReason() {
		assertRejected("ff5a4d5102000000", "unsupported metadata version 2");
		assertRejected("ff5a4d5101020000", "unknown metadata flags");
		assertRejected("ff5a4d510100ffff", "declares 65535 headers");
		assertRejected("ff5a4d510100000000", "trailing bytes");
		assertRejected("ff5a4d510100000100", "empty key");
		assertRejected("ff5a4d51010000010161000180", "not valid UTF-8");
		assertRejected("ff5a4d51010000020161000001610000", "appears twice");
		assertRejected("7b7d", "no \\xFFZMQ signature");
		byte[] huge = new byte[ZmqMetadataCodec.MAX_FRAME_SIZE + 1];
		System.arraycopy(ZmqMetadataCodec.SIGNATURE, 0, huge, 0, 4);
		assertThatExceptionOfType(ZmqMetadataException.class).isThrownBy(() -> ZmqMetadataCodec.decode(huge))
			.withMessageContaining("exceeds");
	}

	@Test
	void limitsAreEnforcedOnEncode() {
		Map<String, String> tooMany = new LinkedHashMap<>();
		for (int i = 0; i <= ZmqMetadataCodec.MAX_HEADERS; i++) {
			tooMany.put("h" + i, "v");
		}
		assertThatExceptionOfType(ZmqMetadataException.class)
			.isThrownBy(() -> ZmqMetadataCodec.encode(new ZmqMetadata(false, tooMany)))
			.withMessageContaining("at most 64 headers");
		assertThatExceptionOfType(ZmqMetadataException.class)
			.isThrownBy(() -> ZmqMetadataCodec.encode(new ZmqMetadata(false, Map.of("x".repeat(256), "v"))))
			.withMessageContaining("1 to 255 bytes");
	}

	/**
	 * Bounded random mutation of valid frames (not coverage-guided): every outcome is a
	 * decoded frame or a {@link ZmqMetadataException}, never another exception.
	 */
	@Test
	void randomMutationNeverEscapesAsOtherException() {
		Random random = new Random(20261124L);
		byte[] seed = ZmqMetadataCodec
			.encode(new ZmqMetadata(false, Map.of("content-type", "application/json", "correlation-id", "7")));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		int decoded = 0;
		int rejected = 0;
		for (int i = 0; i < 200_000 && System.nanoTime() < deadline; i++) {
			byte[] frame = mutate(seed, random);
			try {
				ZmqMetadataCodec.decode(frame);
				decoded++;
			}
			catch (ZmqMetadataException ex) {
				rejected++;
			}
		}
		assertThat(decoded + rejected).isGreaterThan(1000);
		assertThat(rejected).isPositive();
	}

	private static byte[] mutate(byte[] seed, Random random) {
		byte[] frame;
		switch (random.nextInt(4)) {
			case 0 -> frame = java.util.Arrays.copyOf(seed, 4 + random.nextInt(seed.length - 3));
			case 1 -> {
				frame = java.util.Arrays.copyOf(seed, seed.length + random.nextInt(16));
				for (int i = seed.length; i < frame.length; i++) {
					frame[i] = (byte) random.nextInt(256);
				}
			}
			default -> frame = seed.clone();
		}
		int flips = 1 + random.nextInt(4);
		for (int i = 0; i < flips; i++) {
			int at = 4 + random.nextInt(Math.max(1, frame.length - 4));
			if (at < frame.length) {
				frame[at] = (byte) random.nextInt(256);
			}
		}
		return frame;
	}

	@Test
	void interopWithDocumentedPythonCode() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is missing");
		String doc = Files.readString(Path.of("../docs/wire-format.md"));
		Matcher block = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(doc);
		assertThat(block.find()).as("a python block in docs/wire-format.md").isTrue();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("content-type", "application/json");
		headers.put("trace", "ä✓");
		String ours = HEX.formatHex(ZmqMetadataCodec.encode(new ZmqMetadata(true, headers)));
		String script = block.group(1) + "\nimport sys, json\n" + "h, e = read_metadata(bytes.fromhex('" + ours
				+ "'))\n" + "print(json.dumps([h, e], ensure_ascii=True))\n"
				+ "print(write_metadata({'content-type': 'text/plain', 'x': '\\u00e9'}, error=False).hex())\n";
		Process python = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
		List<String> lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.toList();
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(python.exitValue()).as(String.join("\n", lines)).isZero();
		assertThat(lines.get(0))
			.isEqualTo("[{\"content-type\": \"application/json\", \"trace\": \"\\u00e4\\u2713\"}, true]");
		ZmqMetadata theirs = ZmqMetadataCodec.decode(HEX.parseHex(lines.get(1)));
		assertThat(theirs.error()).isFalse();
		assertThat(theirs.headers()).containsExactly(Map.entry("content-type", "text/plain"), Map.entry("x", "é"));
	}

	private static void assertRejected(String hex, String reason) {
		var assertion = assertThatExceptionOfType(ZmqMetadataException.class)
			.isThrownBy(() -> ZmqMetadataCodec.decode(HEX.parseHex(hex)));
		if (reason != null) {
			assertion.withMessageContaining(reason);
		}
	}

}
