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

import org.jspecify.annotations.Nullable;

/**
 * Told when a request of a {@link ZmqTemplate} completes, with its duration and outcome,
 * such as for the {@code zmq.requests} timer.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqRequestListener {

	/**
	 * Called once per request, when its reply arrived or it failed (on the thread that
	 * completed it: keep it short).
	 * @param socket the declared name of the socket
	 * @param durationNanos how long the request took, retries included
	 * @param failure why it failed ({@link ZmqRequestTimeoutException},
	 * {@link ZmqRemoteException}...), or {@code null} when it succeeded
	 */
	void requestCompleted(String socket, long durationNanos, @Nullable Throwable failure);

}
