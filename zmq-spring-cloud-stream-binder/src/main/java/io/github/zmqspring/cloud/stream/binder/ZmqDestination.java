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
package io.github.zmqspring.cloud.stream.binder;

import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;

/**
 * A binding's destination: a socket declared under {@code zmq.sockets}, or an endpoint
 * ({@code tcp://}, {@code inproc://}, {@code ipc://}, or {@code discovery://service}).
 *
 * @param name the destination as configured
 * @param kind what it names
 * @author zmq-spring-boot
 */
public record ZmqDestination(String name, Kind kind) implements ProducerDestination, ConsumerDestination {

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getNameForPartition(int partition) {
		return this.name;
	}

	/**
	 * @return the service name of a {@code discovery://} destination
	 */
	public String service() {
		return this.name.substring("discovery://".length());
	}

	/**
	 * What a destination names.
	 */
	public enum Kind {

		/** A socket declared under zmq.sockets. */
		SOCKET,
		/** A tcp, inproc or ipc endpoint. */
		ENDPOINT,
		/** A service found through discovery. */
		DISCOVERY

	}

}
