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

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;

/**
 * The default {@link ZmqListenerErrorHandler}: logs the failure with the listener id and
 * socket, counts it, and lets the listener continue with the next message.
 *
 * @author zmq-spring-boot
 */
public class LoggingZmqListenerErrorHandler implements ZmqListenerErrorHandler {

	private static final Log logger = LogFactory.getLog(LoggingZmqListenerErrorHandler.class);

	private final AtomicLong errors = new AtomicLong();

	@Override
	public void handleError(Message<?> message, ZmqListenerExecutionFailedException exception) {
		long count = this.errors.incrementAndGet();
		logger.error(
				"Listener '" + exception.getListenerId() + "' on socket '" + exception.getSocketName()
						+ "' failed to process a message (" + count + " failures so far); continuing",
				exception.getCause());
	}

	/**
	 * @return the failures handled so far
	 */
	public long getErrorCount() {
		return this.errors.get();
	}

}
