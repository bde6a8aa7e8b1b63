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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.util.Assert;

/**
 * A {@link ZmqServiceRegistry} over several others, such as the beacon and Spring Cloud
 * registries: instances are the union of theirs, and listeners hear from all. An endpoint
 * found by two sources is two instances; {@link ZmqDiscoveryConnector} counts them per
 * endpoint, so it connects once and disconnects when the last one leaves.
 *
 * @author zmq-spring-boot
 */
public class ZmqCompositeServiceRegistry implements ZmqServiceRegistry {

	private final List<ZmqServiceRegistry> registries;

	/**
	 * Create a composite.
	 * @param registries the registries, in order
	 */
	public ZmqCompositeServiceRegistry(List<? extends ZmqServiceRegistry> registries) {
		Assert.notNull(registries, "'registries' must not be null");
		this.registries = List.copyOf(registries);
	}

	/**
	 * @return the registries this composite reads
	 */
	public List<ZmqServiceRegistry> getRegistries() {
		return this.registries;
	}

	@Override
	public List<ZmqServiceInstance> getInstances(String service) {
		List<ZmqServiceInstance> result = new ArrayList<>();
		this.registries.forEach((registry) -> result.addAll(registry.getInstances(service)));
		return result;
	}

	@Override
	public Set<String> getServices() {
		Set<String> result = new TreeSet<>();
		this.registries.forEach((registry) -> result.addAll(registry.getServices()));
		return result;
	}

	@Override
	public Subscription addListener(ZmqServiceInstanceListener listener) {
		List<Subscription> subscriptions = new ArrayList<>();
		this.registries.forEach((registry) -> subscriptions.add(registry.addListener(listener)));
		return () -> subscriptions.forEach(Subscription::close);
	}

}
