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
package io.github.zmqspring.listener;

import io.github.zmqspring.core.ZmqException;

/**
 * A listener failed to process a message; names the listener and its socket, with the
 * original failure as the cause.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerExecutionFailedException extends ZmqException {

	private final String listenerId;

	private final String socketName;

	/**
	 * Create an exception.
	 * @param listenerId the listener's id
	 * @param socketName the name of the listener's socket
	 * @param cause the failure
	 */
	public ZmqListenerExecutionFailedException(String listenerId, String socketName, Throwable cause) {
		super("Listener '" + listenerId + "' on socket '" + socketName + "' failed: " + cause, cause);
		this.listenerId = listenerId;
		this.socketName = socketName;
	}

	/**
	 * @return the listener's id
	 */
	public String getListenerId() {
		return this.listenerId;
	}

	/**
	 * @return the name of the listener's socket
	 */
	public String getSocketName() {
		return this.socketName;
	}

}
