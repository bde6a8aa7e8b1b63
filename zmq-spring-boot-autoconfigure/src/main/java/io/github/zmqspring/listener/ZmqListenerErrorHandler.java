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

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * Handles a failure of a listener to process a received message: the handler method
 * threw, the payload could not be converted, or it failed validation. The listener keeps
 * running after the error handler returns; an exception thrown by the error handler is
 * logged and dropped.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqListenerErrorHandler {

	/**
	 * Handle a failure.
	 * @param message the message that failed, as built from the received frames
	 * @param exception the failure, naming the listener and its socket
	 */
	void handleError(Message<?> message, ZmqListenerExecutionFailedException exception);

	/**
	 * Handle a failure and, on a REP or ROUTER listener, choose the reply (as in
	 * spring-kafka's {@code KafkaListenerErrorHandler}): a non-null result is converted
	 * and sent as an ordinary reply instead of an error reply. By default calls
	 * {@link #handleError} and returns {@code null}, so an error reply goes back.
	 * @param message the message that failed, as built from the received frames
	 * @param exception the failure, naming the listener and its socket
	 * @return the reply to send, or {@code null} for an error reply
	 */
	default @Nullable Object handleErrorAndReply(Message<?> message, ZmqListenerExecutionFailedException exception) {
		handleError(message, exception);
		return null;
	}

}
