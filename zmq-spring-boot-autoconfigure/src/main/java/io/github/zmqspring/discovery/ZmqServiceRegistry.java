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

import java.util.List;
import java.util.Set;

/**
 * The live instances of services, by service name. The beacon is one source
 * ({@link ZmqBeaconServiceRegistry}); another, such as a Spring Cloud
 * {@code DiscoveryClient}, can implement this interface too.
 *
 * @author zmq-spring-boot
 */
public interface ZmqServiceRegistry {

	/**
	 * Return the live instances of a service.
	 * @param service the service name
	 * @return the instances, empty when none is known
	 */
	List<ZmqServiceInstance> getInstances(String service);

	/**
	 * @return the names of the services that have at least one live instance
	 */
	Set<String> getServices();

	/**
	 * Subscribe to instances joining and leaving. The listener is first told, on the
	 * calling thread, of every instance already live, so nothing is missed between
	 * reading and subscribing.
	 * @param listener the listener
	 * @return a handle that unsubscribes when closed
	 */
	Subscription addListener(ZmqServiceInstanceListener listener);

	/**
	 * A subscription to a registry; closing it unsubscribes.
	 */
	@FunctionalInterface
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
