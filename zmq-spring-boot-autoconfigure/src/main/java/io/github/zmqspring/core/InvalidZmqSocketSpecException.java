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

package io.github.zmqspring.core;

/**
 * Thrown when a socket declaration (a property or an annotation attribute) is invalid or
 * cannot be realized, such as an endpoint that does not parse or a port already in use.
 * The message always names the property or attribute at fault.
 *
 * @author zmq-spring-boot
 */
public class InvalidZmqSocketSpecException extends ZmqException {

	private final String property;

	private final transient Object value;

	private final String reason;

	/**
	 * Create a new exception.
	 * @param property the full name of the property or attribute at fault
	 * @param value the offending value (may be {@code null})
	 * @param reason why it is invalid
	 */
	public InvalidZmqSocketSpecException(String property, Object value, String reason) {
		this(property, value, reason, null);
	}

	/**
	 * Create a new exception.
	 * @param property the full name of the property or attribute at fault
	 * @param value the offending value (may be {@code null})
	 * @param reason why it is invalid
	 * @param cause the cause, if any
	 */
	public InvalidZmqSocketSpecException(String property, Object value, String reason, Throwable cause) {
		super("Invalid " + property + ((value != null) ? " '" + value + "'" : "") + ": " + reason, cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	/**
	 * Return the full name of the property or attribute at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value.
	 * @return the value, or {@code null} when there is none (a missing setting)
	 */
	public Object getValue() {
		return this.value;
	}

	/**
	 * Return why the value is invalid, without the property and value.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
