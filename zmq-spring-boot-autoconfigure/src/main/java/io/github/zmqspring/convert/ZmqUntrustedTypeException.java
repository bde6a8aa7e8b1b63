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
 * Thrown when a {@code type-id} header names a type that may not be used: outside the
 * trusted packages, not a class name at all (an array, a descriptor, a blank), or not the
 * kind of type the receiver asked for. It is a conversion error, routed to the listener's
 * error handler; the named class is never loaded when its name is not trusted.
 *
 * @author zmq-spring-boot
 */
public class ZmqUntrustedTypeException extends MessageConversionException {

	/**
	 * Create a new exception.
	 * @param description what is wrong with the type id
	 */
	public ZmqUntrustedTypeException(String description) {
		super(description);
	}

	/**
	 * Create a new exception with a cause.
	 * @param description what is wrong with the type id
	 * @param cause the cause
	 */
	public ZmqUntrustedTypeException(String description, Throwable cause) {
		super(description, cause);
	}

}
