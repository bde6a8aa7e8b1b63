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
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;
import org.springframework.util.MimeType;

/**
 * Converts payloads to and from the payload frame with a spring-messaging
 * {@link MessageConverter}, the one conversion path shared by the template (sends,
 * requests and their replies) and the listeners (their replies). A {@code byte[]} passes
 * through unchanged, so raw frames never depend on the converter. Every failure is a
 * {@link MessageConversionException} naming the socket.
 *
 * @author zmq-spring-boot
 */
public final class ZmqPayloadConverter {

	private static final MessageHeaders NO_HINTS = new MessageHeaders(null);

	private final MessageConverter messageConverter;

	private final @Nullable ZmqJsonShortcut json;

	/** The hints of the last content type converted for (sockets mostly share one). */
	private volatile @Nullable ContentTypeHints lastHints;

	/**
	 * Create a payload converter.
	 * @param messageConverter the converter; its output payload must be a {@code byte[]}
	 * or a {@code String} (written as UTF-8)
	 */
	public ZmqPayloadConverter(MessageConverter messageConverter) {
		Assert.notNull(messageConverter, "messageConverter must not be null");
		this.messageConverter = messageConverter;
		this.json = ZmqJsonShortcut.find(messageConverter);
	}

	/**
	 * @return the underlying converter
	 */
	public MessageConverter getMessageConverter() {
		return this.messageConverter;
	}

	/**
	 * Convert a payload to a frame.
	 * @param payload the payload, or a {@link Message} whose headers are conversion hints
	 * @param socket the socket the frame goes out on, for error messages
	 * @return the frame
	 * @throws MessageConversionException when the payload is null or cannot be written
	 */
	public byte[] toFrame(@Nullable Object payload, String socket) {
		return toFrame(payload, socket, null);
	}

	/**
	 * Convert a payload to a frame, with a default content type that picks the converter
	 * when the payload is not a {@link Message} naming one.
	 * @param payload the payload, or a {@link Message} whose headers are conversion hints
	 * @param socket the socket the frame goes out on, for error messages
	 * @param defaultContentType the socket's or listener's content type, or {@code null}
	 * @return the frame
	 * @throws MessageConversionException when the payload is null or cannot be written
	 */
	public byte[] toFrame(@Nullable Object payload, String socket, @Nullable MimeType defaultContentType) {
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		Object body = payload;
		MessageHeaders headers = null;
		if (payload instanceof Message<?> message) {
			body = message.getPayload();
			headers = message.getHeaders();
		}
		if (body == null) {
			throw new MessageConversionException("Cannot send a null payload through socket '" + socket + "'");
		}
		if (body instanceof byte[] bytes) {
			return bytes;
		}
		Message<?> converted;
		try {
			byte[] json = (headers == null && this.json != null) ? this.json.write(body, defaultContentType) : null;
			if (json != null) {
				return json;
			}
			if (defaultContentType != null && (headers == null || !headers.containsKey(MessageHeaders.CONTENT_TYPE))) {
				headers = (headers != null) ? withContentType(headers, defaultContentType) : hints(defaultContentType);
			}
			converted = this.messageConverter.toMessage(body, headers);
		}
		catch (RuntimeException ex) {
			throw new MessageConversionException("Cannot convert a payload of type " + body.getClass().getName()
					+ " for socket '" + socket + "': " + ex.getMessage(), ex);
		}
		if (converted == null) {
			throw new MessageConversionException("No converter can write a payload of type " + body.getClass().getName()
					+ " for socket '" + socket + "'");
		}
		Object frame = converted.getPayload();
		if (frame instanceof byte[] bytes) {
			return bytes;
		}
		if (frame instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new MessageConversionException("The converter wrote a " + frame.getClass().getName() + " for socket '"
				+ socket + "'; a byte[] or String is needed");
	}

	private static MessageHeaders withContentType(MessageHeaders headers, MimeType contentType) {
		Map<String, Object> hints = new HashMap<>(headers);
		hints.put(MessageHeaders.CONTENT_TYPE, contentType);
		return new MessageHeaders(hints);
	}

	/**
	 * The conversion hints of a plain payload: only the content type. They are read,
	 * never sent, so one instance per content type serves every call (a
	 * {@code MessageHeaders} costs a map and a random id).
	 */
	private MessageHeaders hints(MimeType contentType) {
		ContentTypeHints last = this.lastHints;
		if (last == null || !last.contentType().equals(contentType)) {
			last = new ContentTypeHints(contentType,
					new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, contentType)));
			this.lastHints = last;
		}
		return last.headers();
	}

	private record ContentTypeHints(MimeType contentType, MessageHeaders headers) {
	}

	/**
	 * Convert a frame to the requested type.
	 * @param <T> the type
	 * @param frame the frame
	 * @param type the type, chosen by the caller (never by the frame: DESIGN rule 6)
	 * @param socket the socket the frame came in on, for error messages
	 * @return the converted payload
	 * @throws MessageConversionException when no converter can read the frame as the type
	 */
	public <T> T fromFrame(byte[] frame, Class<T> type, String socket) {
		return fromFrame(frame, type, socket, null);
	}

	/**
	 * Convert a frame to the requested type, read as the given content type.
	 * @param <T> the type
	 * @param frame the frame
	 * @param type the type, chosen by the caller (never by the frame: DESIGN rule 6)
	 * @param socket the socket the frame came in on, for error messages
	 * @param contentType the socket's content type, or {@code null}
	 * @return the converted payload
	 * @throws MessageConversionException when no converter can read the frame as the type
	 */
	@SuppressWarnings("unchecked")
	public <T> T fromFrame(byte[] frame, Class<T> type, String socket, @Nullable MimeType contentType) {
		if (type == byte[].class) {
			return (T) frame;
		}
		Message<byte[]> message = new GenericMessage<>(frame, (contentType != null) ? hints(contentType) : NO_HINTS);
		Object converted;
		try {
			converted = (this.json != null) ? this.json.read(message, type, null) : ZmqJsonShortcut.NOT_HANDLED;
			if (converted == ZmqJsonShortcut.NOT_HANDLED) {
				converted = this.messageConverter.fromMessage(message, type);
			}
		}
		catch (RuntimeException ex) {
			throw new MessageConversionException(
					"Cannot convert a frame from socket '" + socket + "' to " + type.getName() + ": " + ex.getMessage(),
					ex);
		}
		if (converted == null) {
			throw new MessageConversionException(
					"No converter can read a frame from socket '" + socket + "' as " + type.getName());
		}
		return (T) converted;
	}

}
