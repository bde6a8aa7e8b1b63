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

import java.util.Set;
import java.util.function.Supplier;

import io.github.zmqspring.core.socket.ZmqEndpoint;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;
import org.springframework.cloud.stream.provisioning.ProvisioningException;
import org.springframework.cloud.stream.provisioning.ProvisioningProvider;
import org.springframework.util.StringUtils;

/**
 * Checks a binding's destination and settings against what ZeroMQ can do, and resolves
 * the destination: there is no broker to provision, so nothing is created here. Errors
 * name the binding property at fault.
 *
 * @author zmq-spring-boot
 */
public class ZmqProvisioningProvider implements
		ProvisioningProvider<ExtendedConsumerProperties<ZmqConsumerProperties>, ExtendedProducerProperties<ZmqProducerProperties>> {

	private final Supplier<Set<String>> declaredSockets;

	/**
	 * Create a provider.
	 * @param declaredSockets the names of the sockets declared under zmq.sockets
	 */
	public ZmqProvisioningProvider(Supplier<Set<String>> declaredSockets) {
		this.declaredSockets = declaredSockets;
	}

	@Override
	public ProducerDestination provisionProducerDestination(String name,
			ExtendedProducerProperties<ZmqProducerProperties> properties) throws ProvisioningException {
		String binding = properties.getBindingName();
		if (properties.isPartitioned() || properties.getPartitionCount() > 1) {
			throw new ProvisioningException(prefix(binding) + ".producer.partition-count: the zmq binder has no "
					+ "partitions (ZeroMQ keeps no partitioned log); bind one destination per partition instead");
		}
		return resolve(name, binding);
	}

	@Override
	public ConsumerDestination provisionConsumerDestination(String name, String group,
			ExtendedConsumerProperties<ZmqConsumerProperties> properties) throws ProvisioningException {
		String binding = properties.getBindingName();
		if (properties.isPartitioned()) {
			throw new ProvisioningException(prefix(binding) + ".consumer.partitioned: the zmq binder has no "
					+ "partitions (ZeroMQ keeps no partitioned log)");
		}
		return resolve(name, binding);
	}

	private ZmqDestination resolve(String name, String binding) {
		if (!StringUtils.hasText(name)) {
			throw new ProvisioningException(prefix(binding) + ".destination must name a socket declared under "
					+ "zmq.sockets or an endpoint such as tcp://127.0.0.1:5555 or discovery://service");
		}
		String destination = name.trim();
		if (destination.contains("://")) {
			ZmqEndpoint endpoint;
			try {
				endpoint = ZmqEndpoint.parse(destination);
			}
			catch (RuntimeException ex) {
				throw new ProvisioningException(
						prefix(binding) + ".destination '" + destination + "' is not an endpoint: " + ex.getMessage(),
						ex);
			}
			return new ZmqDestination(destination,
					endpoint.isDiscovery() ? ZmqDestination.Kind.DISCOVERY : ZmqDestination.Kind.ENDPOINT);
		}
		if (!this.declaredSockets.get().contains(destination)) {
			throw new ProvisioningException(prefix(binding) + ".destination '" + destination
					+ "' is neither a socket declared under zmq.sockets " + this.declaredSockets.get()
					+ " nor an endpoint (tcp://, inproc://, ipc:// or discovery://)");
		}
		return new ZmqDestination(destination, ZmqDestination.Kind.SOCKET);
	}

	static String prefix(String binding) {
		return "spring.cloud.stream.bindings." + ((binding != null) ? binding : "<binding>");
	}

}
