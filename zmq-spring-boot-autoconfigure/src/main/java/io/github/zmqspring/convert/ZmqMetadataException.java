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

import org.springframework.messaging.converter.MessageConversionException;

/**
 * Thrown when a metadata frame is malformed: truncated, of an unknown version, with too
 * many headers, trailing bytes or invalid UTF-8. It is a conversion error, routed to the
 * listener's error handler.
 *
 * @author zmq-spring-boot
 */
public class ZmqMetadataException extends MessageConversionException {

	/**
	 * Create a new exception.
	 * @param description what is wrong with the frame
	 */
	public ZmqMetadataException(String description) {
		super("Invalid ZeroMQ metadata frame: " + description);
	}

}
