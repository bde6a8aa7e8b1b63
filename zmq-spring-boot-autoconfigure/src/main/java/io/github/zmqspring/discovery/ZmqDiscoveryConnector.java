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

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps targets connected to every live instance of a service: connects as instances join
 * and disconnects as they leave or expire. Declared sockets with a
 * {@code discovery://service} endpoint are attached by auto-configuration; listener
 * containers can attach their own sockets through {@link ZmqEndpointTarget}.
 *
 * @author zmq-spring-boot
 */
public class ZmqDiscoveryConnector {

	private static final Log logger = LogFactory.getLog(ZmqDiscoveryConnector.class);

	private final ZmqServiceRegistry registry;

	/**
	 * Create a connector.
	 * @param registry where live instances come from
	 */
	public ZmqDiscoveryConnector(ZmqServiceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Connect a target to every live instance of a service, now and as they come and go,
	 * until the returned subscription is closed (which disconnects it from all).
	 * @param service the service name
	 * @param target the target
	 * @return the attachment; close it to detach
	 */
	public ZmqServiceRegistry.Subscription attach(String service, ZmqEndpointTarget target) {
		Attachment attachment = new Attachment(service, target);
		ZmqServiceRegistry.Subscription subscription = this.registry.addListener(attachment);
		return () -> {
			subscription.close();
			attachment.detach();
		};
	}

	private static final class Attachment implements ZmqServiceInstanceListener {

		private final String service;

		private final ZmqEndpointTarget target;

		// endpoint -> the live instances there: one application that restarts on a fixed
		// port is a new instance at the same endpoint, and the old one expiring later
		// must
		// not disconnect the new one
		private final Map<String, Set<String>> connected = new LinkedHashMap<>();

		private boolean detached;

		Attachment(String service, ZmqEndpointTarget target) {
			this.service = service;
			this.target = target;
		}

		@Override
		public synchronized void joined(ZmqServiceInstance instance) {
			if (this.detached || !instance.service().equals(this.service)) {
				return;
			}
			Set<String> there = this.connected.computeIfAbsent(instance.endpoint(), (endpoint) -> new HashSet<>());
			if (there.add(instance.key()) && there.size() == 1) {
				logger.debug("Connecting " + this.target + " to " + instance);
				this.target.connect(instance.endpoint(), instance.curveKey());
			}
		}

		@Override
		public synchronized void left(ZmqServiceInstance instance, LeaveReason reason) {
			if (this.detached || !instance.service().equals(this.service)) {
				return;
			}
			Set<String> there = this.connected.get(instance.endpoint());
			if (there != null && there.remove(instance.key()) && there.isEmpty()) {
				this.connected.remove(instance.endpoint());
				logger.debug("Disconnecting " + this.target + " from " + instance + " (" + reason + ")");
				this.target.disconnect(instance.endpoint());
			}
		}

		synchronized void detach() {
			this.detached = true;
			for (String endpoint : this.connected.keySet()) {
				try {
					this.target.disconnect(endpoint);
				}
				catch (Exception ex) {
					logger.debug("Disconnecting " + this.target + " from " + endpoint + " failed", ex);
				}
			}
			this.connected.clear();
		}

	}

}
