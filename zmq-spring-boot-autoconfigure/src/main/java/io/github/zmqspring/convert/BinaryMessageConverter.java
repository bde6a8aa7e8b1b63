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

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeType;

/**
 * Passes {@code byte[]} and {@link ByteBuffer} payloads through unchanged, whatever the
 * message's content type: a frame is bytes, so a caller who asks for bytes gets exactly
 * what was on the wire, and bytes handed to the template (for example already encoded
 * CBOR or JSON) are sent as they are.
 * <p>
 * Unlike spring-messaging's {@code ByteArrayMessageConverter}, a content type other than
 * {@code application/octet-stream} does not turn it away: otherwise bytes labelled
 * {@code application/json} would fall through to the JSON converter and be written as a
 * base64 JSON string. Written without a content type, a message is labelled
 * {@code application/octet-stream}.
 *
 * @author zmq-spring-boot
 */
public class BinaryMessageConverter extends AbstractMessageConverter {

	/**
	 * Create a converter labelling what it writes {@code application/octet-stream}.
	 */
	public BinaryMessageConverter() {
		super(new MimeType("application", "octet-stream"));
	}

	@Override
	protected boolean supports(Class<?> clazz) {
		return byte[].class == clazz || ByteBuffer.class.isAssignableFrom(clazz);
	}

	// bytes are bytes whatever their label: see the class comment
	@Override
	protected boolean supportsMimeType(@Nullable MessageHeaders headers) {
		return true;
	}

	@Override
	protected @Nullable Object convertFromInternal(Message<?> message, Class<?> targetClass,
			@Nullable Object conversionHint) {
		Object payload = message.getPayload();
		if (targetClass == byte[].class) {
			if (payload instanceof byte[]) {
				return payload;
			}
			return (payload instanceof ByteBuffer buffer) ? toBytes(buffer) : null;
		}
		if (payload instanceof byte[] bytes) {
			return ByteBuffer.wrap(bytes);
		}
		return (payload instanceof ByteBuffer buffer) ? buffer.duplicate() : null;
	}

	@Override
	protected @Nullable Object convertToInternal(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		if (payload instanceof byte[]) {
			return payload;
		}
		return (payload instanceof ByteBuffer buffer) ? toBytes(buffer) : null;
	}

	// a copy of the remaining bytes that leaves the caller's buffer position untouched,
	// so the same buffer can be sent again
	private static byte[] toBytes(ByteBuffer buffer) {
		ByteBuffer view = buffer.duplicate();
		byte[] bytes = new byte[view.remaining()];
		view.get(bytes);
		return bytes;
	}

}
