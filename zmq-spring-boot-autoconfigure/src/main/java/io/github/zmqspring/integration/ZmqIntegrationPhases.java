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
package io.github.zmqspring.integration;

import io.github.zmqspring.core.ZmqLifecyclePhases;

/**
 * The lifecycle phases of this library's Spring Integration components: after the
 * declared sockets and the listeners start (so outbound sockets are open when the first
 * message arrives), and stopped before them.
 *
 * @author zmq-spring-boot
 */
public final class ZmqIntegrationPhases {

	/** Channels between processes: receiving before the inbound components start. */
	public static final int CHANNELS = ZmqLifecyclePhases.LISTENERS + 25;

	/** Inbound channel adapters and gateways. */
	public static final int INBOUND = ZmqLifecyclePhases.LISTENERS + 50;

	private ZmqIntegrationPhases() {
	}

}
