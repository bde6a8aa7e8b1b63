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

import org.springframework.context.ApplicationEvent;

/**
 * Published when an instance of a service leaves: goodbye, expiry or registry stop.
 *
 * @author zmq-spring-boot
 */
public class ZmqServiceInstanceLeftEvent extends ApplicationEvent {

	private final ZmqServiceInstance instance;

	private final ZmqServiceInstanceListener.LeaveReason reason;

	/**
	 * Create an event.
	 * @param source the registry
	 * @param instance the instance that left
	 * @param reason why it left
	 */
	public ZmqServiceInstanceLeftEvent(ZmqServiceRegistry source, ZmqServiceInstance instance,
			ZmqServiceInstanceListener.LeaveReason reason) {
		super(source);
		this.instance = instance;
		this.reason = reason;
	}

	/**
	 * @return the instance that left
	 */
	public ZmqServiceInstance getInstance() {
		return this.instance;
	}

	/**
	 * @return why it left
	 */
	public ZmqServiceInstanceListener.LeaveReason getReason() {
		return this.reason;
	}

}
