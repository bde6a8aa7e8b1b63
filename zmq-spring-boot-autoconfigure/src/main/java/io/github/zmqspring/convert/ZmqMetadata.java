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

import java.util.Map;

/**
 * The optional metadata that travels with a payload (docs/wire-format.md): an error flag
 * and string headers such as {@code content-type}, {@code type-id},
 * {@code correlation-id} and {@code traceparent}, plus user headers.
 *
 * @param error whether the message is an error reply
 * @param headers the headers, in order
 * @author zmq-spring-boot
 */
public record ZmqMetadata(boolean error, Map<String, String> headers) {

	/** Header carrying the payload's MIME type, such as {@code application/json}. */
	public static final String CONTENT_TYPE = "content-type";

	/** Header carrying the payload's type id (honoured only for allow-listed types). */
	public static final String TYPE_ID = "type-id";

	/** Header carrying the id that matches a reply to its request. */
	public static final String CORRELATION_ID = "correlation-id";

	/** Header carrying W3C trace context. */
	public static final String TRACEPARENT = "traceparent";

	/**
	 * Create metadata, copying the headers.
	 * @param error whether the message is an error reply
	 * @param headers the headers
	 */
	public ZmqMetadata {
		headers = (headers != null) ? headers : Map.of();
	}

}
