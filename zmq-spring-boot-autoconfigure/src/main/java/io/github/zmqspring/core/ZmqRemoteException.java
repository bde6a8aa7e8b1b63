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

import io.github.zmqspring.convert.ZmqMetadata;

/**
 * A handler on the server side failed: the reply carried the error flag. Carries the
 * remote exception's type (header {@code error-type}) and message (the payload).
 *
 * @author zmq-spring-boot
 */
public class ZmqRemoteException extends ZmqException {

	/** Metadata header carrying the remote exception's class name. */
	public static final String ERROR_TYPE = "error-type";

	private final String remoteType;

	private final String remoteMessage;

	/**
	 * Create a new exception.
	 * @param socket the socket the request went out on
	 * @param remoteType the remote exception's class name
	 * @param remoteMessage the remote exception's message
	 */
	public ZmqRemoteException(String socket, String remoteType, String remoteMessage) {
		super("Remote handler failed for a request on '" + socket + "': " + remoteType + ": " + remoteMessage);
		this.remoteType = remoteType;
		this.remoteMessage = remoteMessage;
	}

	static ZmqRemoteException from(String socket, ZmqMetadata metadata, String message) {
		return new ZmqRemoteException(socket, metadata.headers().getOrDefault(ERROR_TYPE, "unknown"), message);
	}

	/**
	 * @return the remote exception's class name
	 */
	public String getRemoteType() {
		return this.remoteType;
	}

	/**
	 * @return the remote exception's message
	 */
	public String getRemoteMessage() {
		return this.remoteMessage;
	}

}
