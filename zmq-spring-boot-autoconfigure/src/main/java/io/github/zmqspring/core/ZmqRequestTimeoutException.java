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
 * Thrown when a request got no reply after every attempt (the first and its retries).
 *
 * @author zmq-spring-boot
 */
public class ZmqRequestTimeoutException extends ZmqException {

	/**
	 * Create a new exception.
	 * @param socket the socket's name
	 * @param attempts how many times the request was sent
	 * @param timeout the timeout of each attempt
	 */
	public ZmqRequestTimeoutException(String socket, int attempts, Duration timeout) {
		super("No reply on socket '" + socket + "' after " + attempts + " attempt(s) of " + timeout + " each");
	}

}
