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
package io.github.zmqspring.discovery;

/**
 * Told when an instance of a service joins or leaves a {@link ZmqServiceRegistry}.
 * Callbacks run on the registry's thread, one at a time and in order, and must return
 * quickly. They run outside the lock that guards the instances, so they may read the
 * registry from any thread.
 *
 * @author zmq-spring-boot
 */
public interface ZmqServiceInstanceListener {

	/**
	 * An instance became live.
	 * @param instance the instance
	 */
	void joined(ZmqServiceInstance instance);

	/**
	 * An instance left.
	 * @param instance the instance
	 * @param reason why it left
	 */
	void left(ZmqServiceInstance instance, LeaveReason reason);

	/**
	 * Why an instance left.
	 */
	enum LeaveReason {

		/** It said goodbye. */
		GOODBYE,
		/** It was not heard from within the time-to-live. */
		EXPIRED,
		/** The registry stopped. */
		STOPPED

	}

}
