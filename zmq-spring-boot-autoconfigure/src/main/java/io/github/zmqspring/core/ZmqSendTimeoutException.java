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

import java.time.Duration;

/**
 * Thrown when a message could not be handed to a socket within the send timeout, because
 * the socket stayed at its high-water mark (its peers are slow or absent).
 *
 * @author zmq-spring-boot
 */
public class ZmqSendTimeoutException extends ZmqException {

	/**
	 * Create a new exception.
	 * @param socket the socket's name
	 * @param timeout the timeout that passed
	 */
	public ZmqSendTimeoutException(String socket, Duration timeout) {
		super("Socket '" + socket + "' could not accept a message within " + timeout
				+ " (high-water mark reached: peers slow or absent)");
	}

}
