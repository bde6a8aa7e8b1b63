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

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Makes a registry see metadata that changed after this application registered. ZeroMQ
 * sockets bind (and learn their ephemeral ports) after Spring Cloud's auto-registration
 * has run, so {@link ZmqRegistrationMetadataContributor} writes the ports into the
 * {@link Registration}'s metadata and then asks this to publish them.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqRegistrationRepublisher {

	/**
	 * Publish a registration's changed metadata.
	 * @param registration the registration, whose metadata already holds the change
	 * @param zmqMetadata the ZeroMQ entries now published
	 * @param removedKeys the ZeroMQ keys no longer published
	 * @throws Exception when the registry cannot be told (logged, tried again at the next
	 * change)
	 */
	void republish(Registration registration, Map<String, String> zmqMetadata, Set<String> removedKeys)
			throws Exception;

	/**
	 * The republisher for most registries: Eureka's client is told through its
	 * {@code ApplicationInfoManager}, so the change reaches the server at the client's
	 * next instance replication
	 * ({@code eureka.client.instance-info-replication-interval-seconds}, 30 s by default)
	 * without touching the instance's status; any other registration is registered again
	 * through its {@link ServiceRegistry} (Consul and Zookeeper update the registered
	 * instance in place).
	 * @param serviceRegistry the service registry, or {@code null} when there is none
	 * @return the republisher
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static ZmqRegistrationRepublisher standard(ServiceRegistry<?> serviceRegistry) {
		return (registration, zmqMetadata, removedKeys) -> {
			Method accessor = findMethod(registration.getClass(), "getApplicationInfoManager");
			if (accessor != null) {
				// Eureka, reached by reflection so that this module needs no Eureka
				// classes
				Object manager = accessor.invoke(registration);
				Object info = manager.getClass().getMethod("getInfo").invoke(manager);
				Map<String, String> live = (Map<String, String>) info.getClass().getMethod("getMetadata").invoke(info);
				removedKeys.forEach(live::remove);
				// registers the entries and marks the instance dirty, which the client's
				// replicator sends
				manager.getClass().getMethod("registerAppMetadata", Map.class).invoke(manager, zmqMetadata);
				return;
			}
			if (serviceRegistry != null) {
				((ServiceRegistry) serviceRegistry).register(registration);
			}
		};
	}

	private static Method findMethod(Class<?> type, String name) {
		try {
			return type.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
