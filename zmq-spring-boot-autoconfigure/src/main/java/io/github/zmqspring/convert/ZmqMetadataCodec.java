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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the optional metadata frame of docs/wire-format.md, version 1:
 *
 * <pre>
 * FF 5A 4D 51   signature "\xFFZMQ" (0xFF never starts UTF-8 text or JSON)
 * 01            version
 * ff            flags: bit 0 = error reply, other bits 0
 * nn nn         header count, unsigned 16-bit big-endian, at most 64
 * then per header:
 *   kk          key length, 1..255, then the key in UTF-8
 *   vv vv       value length, unsigned 16-bit big-endian, then the value in UTF-8
 * </pre>
 *
 * Decoding is strict and bounded: a frame is never larger than {@link #MAX_FRAME_SIZE},
 * no allocation exceeds what the frame holds, and any truncation, trailing byte, unknown
 * version, excess header count or invalid UTF-8 is a {@link ZmqMetadataException}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqMetadataCodec {

	/** The first four bytes of every metadata frame. */
	public static final byte[] SIGNATURE = { (byte) 0xFF, 'Z', 'M', 'Q' };

	/** The version this codec writes and reads. */
	public static final int VERSION = 1;

	/** The most headers one frame may carry. */
	public static final int MAX_HEADERS = 64;

	/** The largest metadata frame, in bytes. */
	public static final int MAX_FRAME_SIZE = 65_536;

	/** Flag bit: the message is an error reply. */
	public static final int FLAG_ERROR = 1;

	private static final int FIXED_SIZE = SIGNATURE.length + 4;

	private ZmqMetadataCodec() {
	}

	/**
	 * Whether a frame starts with the metadata signature (of any version).
	 * @param frame the frame
	 * @return whether it claims to be a metadata frame
	 */
	public static boolean isMetadataFrame(byte[] frame) {
		if (frame == null || frame.length < SIGNATURE.length) {
			return false;
		}
		for (int i = 0; i < SIGNATURE.length; i++) {
			if (frame[i] != SIGNATURE[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Encode metadata.
	 * @param metadata the metadata
	 * @return the frame
	 * @throws ZmqMetadataException when a limit is exceeded
	 */
	public static byte[] encode(ZmqMetadata metadata) {
		Map<String, String> headers = metadata.headers();
		if (headers.size() > MAX_HEADERS) {
			throw new ZmqMetadataException("at most " + MAX_HEADERS + " headers, not " + headers.size());
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		out.writeBytes(SIGNATURE);
		out.write(VERSION);
		out.write(metadata.error() ? FLAG_ERROR : 0);
		writeShort(out, headers.size());
		for (Map.Entry<String, String> header : headers.entrySet()) {
			byte[] key = header.getKey().getBytes(StandardCharsets.UTF_8);
			byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
			if (key.length == 0 || key.length > 255) {
				throw new ZmqMetadataException("header key '" + header.getKey() + "' must be 1 to 255 bytes");
			}
			if (value.length > 0xFFFF) {
				throw new ZmqMetadataException("header '" + header.getKey() + "' is longer than 65535 bytes");
			}
			out.write(key.length);
			out.writeBytes(key);
			writeShort(out, value.length);
			out.writeBytes(value);
		}
		if (out.size() > MAX_FRAME_SIZE) {
			throw new ZmqMetadataException("metadata frame of " + out.size() + " bytes exceeds " + MAX_FRAME_SIZE);
		}
		return out.toByteArray();
	}

	/**
	 * Decode a metadata frame.
	 * @param frame the frame, starting with the signature
	 * @return the metadata
	 * @throws ZmqMetadataException when the frame is not valid version-1 metadata
	 */
	public static ZmqMetadata decode(byte[] frame) {
		if (!isMetadataFrame(frame)) {
			throw new ZmqMetadataException("not a metadata frame (no \\xFFZMQ signature)");
		}
		if (frame.length > MAX_FRAME_SIZE) {
			throw new ZmqMetadataException("metadata frame of " + frame.length + " bytes exceeds " + MAX_FRAME_SIZE);
		}
		if (frame.length < FIXED_SIZE) {
			throw new ZmqMetadataException("truncated metadata frame: " + frame.length + " bytes");
		}
		ByteBuffer in = ByteBuffer.wrap(frame);
		in.position(SIGNATURE.length);
		int version = in.get() & 0xFF;
		if (version != VERSION) {
			throw new ZmqMetadataException("unsupported metadata version " + version + " (this reader knows 1)");
		}
		int flags = in.get() & 0xFF;
		if ((flags & ~FLAG_ERROR) != 0) {
			throw new ZmqMetadataException("unknown metadata flags 0x" + Integer.toHexString(flags));
		}
		int count = in.getShort() & 0xFFFF;
		if (count > MAX_HEADERS) {
			throw new ZmqMetadataException("metadata declares " + count + " headers; at most " + MAX_HEADERS);
		}
		Map<String, String> headers = new LinkedHashMap<>(Math.max(4, count * 2));
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		for (int i = 0; i < count; i++) {
			int keyLength = readLength(in, 1, i);
			if (keyLength == 0) {
				throw new ZmqMetadataException("header " + i + " has an empty key");
			}
			String key = readString(in, keyLength, utf8, i);
			int valueLength = readLength(in, 2, i);
			String value = readString(in, valueLength, utf8, i);
			if (headers.put(key, value) != null) {
				throw new ZmqMetadataException("header '" + key + "' appears twice");
			}
		}
		if (in.hasRemaining()) {
			throw new ZmqMetadataException(in.remaining() + " trailing bytes after " + count + " headers");
		}
		return new ZmqMetadata((flags & FLAG_ERROR) != 0, Collections.unmodifiableMap(headers));
	}

	private static int readLength(ByteBuffer in, int bytes, int header) {
		if (in.remaining() < bytes) {
			throw new ZmqMetadataException("truncated metadata frame in header " + header);
		}
		return (bytes == 1) ? (in.get() & 0xFF) : (in.getShort() & 0xFFFF);
	}

	private static String readString(ByteBuffer in, int length, CharsetDecoder utf8, int header) {
		if (in.remaining() < length) {
			throw new ZmqMetadataException("truncated metadata frame in header " + header + ": needs " + length
					+ " bytes, " + in.remaining() + " left");
		}
		ByteBuffer slice = in.slice(in.position(), length);
		in.position(in.position() + length);
		try {
			CharBuffer chars = utf8.reset().decode(slice);
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ZmqMetadataException("header " + header + " is not valid UTF-8");
		}
	}

	private static void writeShort(ByteArrayOutputStream out, int value) {
		out.write((value >>> 8) & 0xFF);
		out.write(value & 0xFF);
	}

}
