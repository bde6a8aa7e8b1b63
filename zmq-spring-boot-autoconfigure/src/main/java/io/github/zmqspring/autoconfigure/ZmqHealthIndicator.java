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
package io.github.zmqspring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.zmqspring.observation.ZmqContextHealth;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code zmq} health component: DOWN when the ZeroMQ context has failed or a listener
 * container died; details per socket (type, bound endpoints, peers), per listener
 * (running, received, errors) and per discovered service (instance count).
 *
 * @author zmq-spring-boot
 */
public class ZmqHealthIndicator extends AbstractHealthIndicator {

	private final ZmqOperationsView view;

	private final ObjectProvider<ZmqContextHealth> contextHealth;

	ZmqHealthIndicator(ZmqOperationsView view, ObjectProvider<ZmqContextHealth> contextHealth) {
		super("ZeroMQ health check failed");
		this.view = view;
		this.contextHealth = contextHealth;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<String> problems = new java.util.ArrayList<>();
		for (ZmqContextHealth health : this.contextHealth.orderedStream().toList()) {
			String failure = health.getFailure();
			if (failure != null) {
				problems.add("context failed: " + failure);
			}
		}
		Map<String, Object> sockets = new LinkedHashMap<>();
		this.view.sockets().forEach((name, socket) -> sockets.put(name, socket.healthDetails()));
		Map<String, Object> listeners = new LinkedHashMap<>();
		this.view.listeners(Map.of()).forEach((id, listener) -> {
			listeners.put(id, listener.healthDetails());
			if (listener.failed()) {
				problems.add("listener '" + id + "' died: " + listener.failure());
			}
		});
		Map<String, Object> services = new LinkedHashMap<>();
		this.view.services()
			.forEach((name, service) -> services.put(name, Map.of("instances", service.instanceCount())));
		if (problems.isEmpty()) {
			builder.up();
		}
		else {
			builder.down().withDetail("problems", problems);
		}
		builder.withDetail("sockets", sockets).withDetail("listeners", listeners).withDetail("services", services);
	}

}
