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

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.zmqspring.security.ZmqCurveKeys;

/**
 * Encodes and decodes discovery beacons (the format is described in
 * {@code docs/discovery.md}):
 *
 * <pre>
 * magic      4 bytes  'Z' 'M' 'Q' 'D'
 * version    1 byte   1
 * flags      1 byte   bit 0: goodbye, bit 1: signed, bit 2: CURVE key follows
 * type       1 byte   socket type (ZeroMQ's number), 0xFF when unknown
 * service    1 byte length (1-255) + UTF-8
 * endpoint   1 byte length (1-255) + UTF-8
 * instance   1 byte length (1-255) + UTF-8
 * curve key  32 bytes, the CURVE server's public key, when flag bit 2 is set
 * hmac       32 bytes HMAC-SHA256 of all preceding bytes, when signed
 * </pre>
 *
 * Decoding is bounded: a packet longer than {@link #MAX_SIZE}, truncated, with trailing
 * bytes, foreign, of another version, unsigned or wrongly signed while a secret is set,
 * is rejected with a {@link Rejection} and never throws anything else. Instances are
 * thread-safe.
 *
 * @author zmq-spring-boot
 */
public final class ZmqBeaconCodec {

	/** The magic prefix of every beacon. */
	static final byte[] MAGIC = { 'Z', 'M', 'Q', 'D' };

	/** The only version this codec reads and writes. */
	public static final byte VERSION = 1;

	/** The largest beacon accepted. */
	public static final int MAX_SIZE = 1024;

	static final int FLAG_GOODBYE = 1;

	static final int FLAG_SIGNED = 2;

	static final int FLAG_CURVE = 4;

	private static final int CURVE_KEY_LENGTH = 32;

	private static final int HMAC_LENGTH = 32;

	private static final String HMAC = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * Create a codec.
	 * @param secret the shared secret that signs and verifies beacons, or {@code null}
	 * for unsigned beacons
	 */
	public ZmqBeaconCodec(String secret) {
		this.key = (secret != null && !secret.isEmpty())
				? new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC) : null;
	}

	/**
	 * Encode a beacon.
	 * @param beacon the beacon
	 * @return the packet
	 * @throws IllegalArgumentException when a field is empty or longer than 255 bytes
	 */
	public byte[] encode(ZmqBeacon beacon) {
		ZmqServiceInstance instance = beacon.instance();
		byte[] service = field("service", instance.service());
		byte[] endpoint = field("endpoint", instance.endpoint());
		byte[] id = field("instance id", instance.instanceId());
		byte[] curveKey = (instance.curveKey() != null) ? z85Decode(instance.curveKey()) : null;
		int length = MAGIC.length + 3 + 3 + service.length + endpoint.length + id.length
				+ ((curveKey != null) ? CURVE_KEY_LENGTH : 0) + ((this.key != null) ? HMAC_LENGTH : 0);
		ByteBuffer buffer = ByteBuffer.allocate(length);
		buffer.put(MAGIC).put(VERSION);
		int flags = (beacon.goodbye() ? FLAG_GOODBYE : 0) | ((this.key != null) ? FLAG_SIGNED : 0)
				| ((curveKey != null) ? FLAG_CURVE : 0);
		buffer.put((byte) flags);
		buffer.put((byte) ((instance.socketType() < 0 || instance.socketType() > 254) ? 0xFF : instance.socketType()));
		buffer.put((byte) service.length).put(service);
		buffer.put((byte) endpoint.length).put(endpoint);
		buffer.put((byte) id.length).put(id);
		if (curveKey != null) {
			buffer.put(curveKey);
		}
		if (this.key != null) {
			buffer.put(mac(buffer.array(), buffer.position()));
		}
		if (length > MAX_SIZE) {
			throw new IllegalArgumentException("beacon of " + length + " bytes exceeds " + MAX_SIZE);
		}
		return buffer.array();
	}

	private static byte[] z85Decode(String key) {
		String problem = ZmqCurveKeys.problem(key);
		if (problem != null) {
			throw new IllegalArgumentException("CURVE key " + problem);
		}
		return ZmqCurveKeys.decode(key);
	}

	/**
	 * @return whether this codec signs beacons (a shared secret is set), which is what
	 * makes a CURVE key carried in a beacon trustworthy
	 */
	public boolean isSigned() {
		return this.key != null;
	}

	private static byte[] field(String name, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		if (bytes.length == 0 || bytes.length > 255) {
			throw new IllegalArgumentException(name + " must be 1-255 UTF-8 bytes: '" + value + "'");
		}
		return bytes;
	}

	/**
	 * Decode a packet.
	 * @param packet the bytes received
	 * @param length how many bytes of {@code packet} were received
	 * @return the beacon
	 * @throws Rejection with the reason when the packet is not a valid beacon
	 */
	public ZmqBeacon decode(byte[] packet, int length) throws Rejection {
		if (length > MAX_SIZE) {
			throw new Rejection(Reason.OVERSIZED);
		}
		if (length < MAGIC.length || !Arrays.equals(packet, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			throw new Rejection(Reason.FOREIGN);
		}
		ByteBuffer buffer = ByteBuffer.wrap(packet, 0, length);
		buffer.position(MAGIC.length);
		if (!buffer.hasRemaining()) {
			throw new Rejection(Reason.TRUNCATED);
		}
		if (buffer.get() != VERSION) {
			throw new Rejection(Reason.UNSUPPORTED_VERSION);
		}
		if (buffer.remaining() < 2) {
			throw new Rejection(Reason.TRUNCATED);
		}
		int flags = buffer.get() & 0xFF;
		int type = buffer.get() & 0xFF;
		if ((flags & ~(FLAG_GOODBYE | FLAG_SIGNED | FLAG_CURVE)) != 0) {
			throw new Rejection(Reason.MALFORMED);
		}
		String service = readField(buffer);
		String endpoint = readField(buffer);
		String id = readField(buffer);
		String curveKey = null;
		if ((flags & FLAG_CURVE) != 0) {
			if (buffer.remaining() < CURVE_KEY_LENGTH) {
				throw new Rejection(Reason.TRUNCATED);
			}
			byte[] key = new byte[CURVE_KEY_LENGTH];
			buffer.get(key);
			curveKey = ZmqCurveKeys.encode(key);
		}
		boolean signed = (flags & FLAG_SIGNED) != 0;
		if (signed) {
			if (buffer.remaining() < HMAC_LENGTH) {
				throw new Rejection(Reason.TRUNCATED);
			}
			int signedLength = buffer.position();
			byte[] received = new byte[HMAC_LENGTH];
			buffer.get(received);
			if (this.key != null && !MessageDigest.isEqual(received, mac(packet, signedLength))) {
				throw new Rejection(Reason.BAD_SIGNATURE);
			}
		}
		else if (this.key != null) {
			throw new Rejection(Reason.UNSIGNED);
		}
		if (buffer.hasRemaining()) {
			throw new Rejection(Reason.MALFORMED);
		}
		return new ZmqBeacon(new ZmqServiceInstance(service, endpoint, id, (type == 0xFF) ? -1 : type, curveKey),
				(flags & FLAG_GOODBYE) != 0);
	}

	private static String readField(ByteBuffer buffer) throws Rejection {
		if (!buffer.hasRemaining()) {
			throw new Rejection(Reason.TRUNCATED);
		}
		int length = buffer.get() & 0xFF;
		if (length == 0) {
			throw new Rejection(Reason.MALFORMED);
		}
		if (buffer.remaining() < length) {
			throw new Rejection(Reason.TRUNCATED);
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer slice = buffer.slice(buffer.position(), length);
		buffer.position(buffer.position() + length);
		try {
			return decoder.decode(slice).toString();
		}
		catch (CharacterCodingException ex) {
			throw new Rejection(Reason.MALFORMED);
		}
	}

	private byte[] mac(byte[] data, int length) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			mac.update(data, 0, length);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

	/**
	 * Why a packet was not accepted as a beacon.
	 */
	public enum Reason {

		/** Not a beacon of this format: wrong or missing magic prefix. */
		FOREIGN,
		/** A beacon of a version this codec does not read. */
		UNSUPPORTED_VERSION,
		/** Ends before its fields do. */
		TRUNCATED,
		/** Longer than {@link ZmqBeaconCodec#MAX_SIZE}. */
		OVERSIZED,
		/** Unknown flags, empty fields, invalid UTF-8 or trailing bytes. */
		MALFORMED,
		/** Unsigned while a secret is configured. */
		UNSIGNED,
		/** Signed with another secret, or altered. */
		BAD_SIGNATURE

	}

	/**
	 * Thrown when a packet is rejected; cheap (no stack trace).
	 */
	public static final class Rejection extends Exception {

		private final Reason reason;

		Rejection(Reason reason) {
			super(reason.name(), null, false, false);
			this.reason = reason;
		}

		/**
		 * @return why the packet was rejected
		 */
		public Reason getReason() {
			return this.reason;
		}

	}

}
