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

import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle phases of this library's components. Higher phases stop first, so
 * listeners stop before the sockets they feed, and sockets close before the context.
 *
 * @author zmq-spring-boot
 */
public final class ZmqLifecyclePhases {

	/** The managed context: started first, closed last. */
	public static final int CONTEXT = SmartLifecycle.DEFAULT_PHASE - 300;

	/** Declared sockets owned by the socket manager. */
	public static final int SOCKETS = SmartLifecycle.DEFAULT_PHASE - 200;

	/** Listener containers. */
	public static final int LISTENERS = SmartLifecycle.DEFAULT_PHASE - 100;

	private ZmqLifecyclePhases() {
	}

}
