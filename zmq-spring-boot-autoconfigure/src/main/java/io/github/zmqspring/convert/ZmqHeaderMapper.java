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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeType;

/**
 * Maps spring-messaging headers to and from the optional metadata frame
 * (docs/wire-format.md). Outbound, only what the sender put on a {@code Message<?>}
 * travels: every header but {@code id}, {@code timestamp} and the library's own
 * {@code zmq_} headers, with {@code contentType} written as {@code content-type}. Values
 * must be strings, numbers, booleans, UUIDs or MIME types; anything else is a clear
 * conversion error rather than a silent {@code toString()}. Inbound, every metadata
 * header becomes a message header, and {@code content-type} also becomes
 * {@code contentType}, the header that converters read.
 *
 * @author zmq-spring-boot
 */
public final class ZmqHeaderMapper {

	private static final String LIBRARY_PREFIX = "zmq_";

	private ZmqHeaderMapper() {
	}

	/**
	 * The metadata frame for the headers of an outbound message.
	 * @param headers the message's headers
	 * @param socket the socket the message goes out on, for error messages
	 * @return the encoded frame, or {@code null} when the message carries nothing to send
	 * (then the message stays plain frames)
	 * @throws MessageConversionException when a header cannot travel
	 */
	public static byte @Nullable [] metadataFrame(MessageHeaders headers, String socket) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, Object> header : headers.entrySet()) {
			String name = header.getKey();
			if (name.equals(MessageHeaders.ID) || name.equals(MessageHeaders.TIMESTAMP)
					|| name.startsWith(LIBRARY_PREFIX) || header.getValue() == null) {
				continue;
			}
			Object value = header.getValue();
			if (!(value instanceof CharSequence || value instanceof Number || value instanceof Boolean
					|| value instanceof UUID || value instanceof MimeType)) {
				throw new MessageConversionException("Header '" + name + "' of type " + value.getClass().getName()
						+ " cannot travel in the metadata frame of socket '" + socket
						+ "' (strings, numbers, booleans, UUIDs and MIME types can)");
			}
			metadata.put(name.equals(MessageHeaders.CONTENT_TYPE) ? ZmqMetadata.CONTENT_TYPE : name, value.toString());
		}
		if (metadata.isEmpty()) {
			return null;
		}
		try {
			return ZmqMetadataCodec.encode(new ZmqMetadata(false, metadata));
		}
		catch (ZmqMetadataException ex) {
			throw new MessageConversionException("The headers of a message for socket '" + socket
					+ "' do not fit the metadata frame: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The message headers of received metadata.
	 * @param metadata the decoded metadata
	 * @return the headers to add to the message
	 */
	public static Map<String, Object> toHeaders(ZmqMetadata metadata) {
		Map<String, Object> headers = new LinkedHashMap<>(metadata.headers());
		String contentType = metadata.headers().get(ZmqMetadata.CONTENT_TYPE);
		if (contentType != null) {
			headers.put(MessageHeaders.CONTENT_TYPE, contentType);
		}
		return headers;
	}

}
