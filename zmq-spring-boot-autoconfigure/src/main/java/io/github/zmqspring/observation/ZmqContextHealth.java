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
package io.github.zmqspring.observation;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether the ZeroMQ context has failed (an I/O thread died, the context was closed
 * under the application...): the {@code zmq} health component is DOWN while it has.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqContextHealth {

	/**
	 * @return why the context failed, or {@code null} while it is healthy
	 */
	@Nullable String getFailure();

	/**
	 * @return whether the context has failed
	 */
	default boolean isFailed() {
		return getFailure() != null;
	}

}
