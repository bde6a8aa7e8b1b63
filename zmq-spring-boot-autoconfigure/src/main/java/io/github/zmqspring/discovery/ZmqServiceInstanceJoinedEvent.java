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
 * Published when an instance of a service becomes live.
 *
 * @author zmq-spring-boot
 */
public class ZmqServiceInstanceJoinedEvent extends ApplicationEvent {

	private final ZmqServiceInstance instance;

	/**
	 * Create an event.
	 * @param source the registry
	 * @param instance the instance that joined
	 */
	public ZmqServiceInstanceJoinedEvent(ZmqServiceRegistry source, ZmqServiceInstance instance) {
		super(source);
		this.instance = instance;
	}

	/**
	 * @return the instance that joined
	 */
	public ZmqServiceInstance getInstance() {
		return this.instance;
	}

}
