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
package io.github.zmqspring.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The beacon format: round trips, and every kind of bad packet is rejected with its
 * reason, never with another exception.
 */
@Timeout(10)
class ZmqBeaconCodecTests {

	private final ZmqServiceInstance instance = new ZmqServiceInstance("orders", "tcp://127.0.0.1:41234", "id-1", 7);

	@Test
	void roundTripUnsignedAndSigned() throws Exception {
		for (String secret : new String[] { null, "s3cret" }) {
			ZmqBeaconCodec codec = new ZmqBeaconCodec(secret);
			for (boolean goodbye : new boolean[] { false, true }) {
				byte[] packet = codec.encode(new ZmqBeacon(this.instance, goodbye));
				assertThat(codec.decode(packet, packet.length)).isEqualTo(new ZmqBeacon(this.instance, goodbye));
			}
		}
		ZmqServiceInstance unknownType = new ZmqServiceInstance("ü-service", "tcp://[::1]:1", "x", -1);
		ZmqBeaconCodec codec = new ZmqBeaconCodec(null);
		byte[] packet = codec.encode(new ZmqBeacon(unknownType, false));
		assertThat(codec.decode(packet, packet.length).instance()).isEqualTo(unknownType);
	}

	@Test
	void layoutIsTheDocumentedOne() {
		byte[] packet = new ZmqBeaconCodec(null).encode(new ZmqBeacon(this.instance, true));
		assertThat(Arrays.copyOf(packet, 7)).containsExactly('Z', 'M', 'Q', 'D', 1, 1, 7);
		assertThat(packet[7]).isEqualTo((byte) 6);
		assertThat(new String(packet, 8, 6, StandardCharsets.UTF_8)).isEqualTo("orders");
		assertThat(packet).hasSize(7 + 3 + 6 + 21 + 4);
		byte[] signed = new ZmqBeaconCodec("k").encode(new ZmqBeacon(this.instance, false));
		assertThat(signed[5]).isEqualTo((byte) 2);
		assertThat(signed).hasSize(packet.length + 32);
	}

	@Test
	void badPacketsAreRejectedWithTheirReason() {
		ZmqBeaconCodec plain = new ZmqBeaconCodec(null);
		ZmqBeaconCodec keyed = new ZmqBeaconCodec("right");
		byte[] good = plain.encode(new ZmqBeacon(this.instance, false));
		byte[] signedWrong = new ZmqBeaconCodec("wrong").encode(new ZmqBeacon(this.instance, false));
		assertReason(plain, new byte[0], ZmqBeaconCodec.Reason.FOREIGN);
		assertReason(plain, "ZRE\u0001hello".getBytes(StandardCharsets.UTF_8), ZmqBeaconCodec.Reason.FOREIGN);
		assertReason(plain, Arrays.copyOf(good, 4), ZmqBeaconCodec.Reason.TRUNCATED);
		assertReason(plain, Arrays.copyOf(good, 9), ZmqBeaconCodec.Reason.TRUNCATED);
		for (int length = 4; length < good.length; length++) {
			ZmqBeaconCodec.Rejection rejection = catchThrowableOfType(ZmqBeaconCodec.Rejection.class,
					decode(plain, Arrays.copyOf(good, length)));
			assertThat(rejection).as("truncated to " + length).isNotNull();
		}
		byte[] otherVersion = good.clone();
		otherVersion[4] = 2;
		assertReason(plain, otherVersion, ZmqBeaconCodec.Reason.UNSUPPORTED_VERSION);
		byte[] unknownFlag = good.clone();
		unknownFlag[5] = (byte) 0x80;
		assertReason(plain, unknownFlag, ZmqBeaconCodec.Reason.MALFORMED);
		byte[] trailing = Arrays.copyOf(good, good.length + 1);
		assertReason(plain, trailing, ZmqBeaconCodec.Reason.MALFORMED);
		byte[] badUtf8 = good.clone();
		badUtf8[8] = (byte) 0xC3;
		badUtf8[9] = (byte) 0x28;
		assertReason(plain, badUtf8, ZmqBeaconCodec.Reason.MALFORMED);
		byte[] oversized = Arrays.copyOf(good, ZmqBeaconCodec.MAX_SIZE + 1);
		assertReason(plain, oversized, ZmqBeaconCodec.Reason.OVERSIZED);
		assertReason(keyed, good, ZmqBeaconCodec.Reason.UNSIGNED);
		assertReason(keyed, signedWrong, ZmqBeaconCodec.Reason.BAD_SIGNATURE);
		byte[] tampered = keyed.encode(new ZmqBeacon(this.instance, false));
		tampered[10] ^= 1;
		assertReason(keyed, tampered, ZmqBeaconCodec.Reason.BAD_SIGNATURE);
	}

	@Test
	void randomBytesNeverThrowAnythingButRejection() {
		ZmqBeaconCodec codec = new ZmqBeaconCodec("k");
		Random random = new Random(42);
		byte[] good = codec.encode(new ZmqBeacon(this.instance, false));
		for (int i = 0; i < 20_000; i++) {
			byte[] packet = (i % 2 == 0) ? new byte[random.nextInt(1100)] : good.clone();
			if (i % 2 == 0) {
				random.nextBytes(packet);
				if (i % 4 == 0 && packet.length >= 5) {
					System.arraycopy(ZmqBeaconCodec.MAGIC, 0, packet, 0, 4);
					packet[4] = 1;
				}
			}
			else {
				packet[4 + random.nextInt(packet.length - 4)] = (byte) random.nextInt(256);
			}
			try {
				codec.decode(packet, packet.length);
			}
			catch (ZmqBeaconCodec.Rejection expected) {
				// fine
			}
		}
	}

	@Test
	void fieldsOutOfRangeCannotBeEncoded() {
		ZmqBeaconCodec codec = new ZmqBeaconCodec(null);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> codec.encode(new ZmqBeacon(new ZmqServiceInstance("", "tcp://h:1", "i", 1), false)));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> codec
			.encode(new ZmqBeacon(new ZmqServiceInstance("s", "tcp://h:1/" + "x".repeat(300), "i", 1), false)));
	}

	private static org.assertj.core.api.ThrowableAssert.ThrowingCallable decode(ZmqBeaconCodec codec, byte[] packet) {
		return () -> codec.decode(packet, packet.length);
	}

	private static void assertReason(ZmqBeaconCodec codec, byte[] packet, ZmqBeaconCodec.Reason reason) {
		ZmqBeaconCodec.Rejection rejection = catchThrowableOfType(ZmqBeaconCodec.Rejection.class,
				decode(codec, packet));
		assertThat(rejection).as("rejection of " + Arrays.toString(packet)).isNotNull();
		assertThat(rejection.getReason()).isEqualTo(reason);
	}

}
