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
package io.github.zmqspring.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqLifecyclePhases;

import org.springframework.context.SmartLifecycle;

/**
 * Holds the listener containers, one per endpoint id, and starts and stops them with the
 * application (phase {@link ZmqLifecyclePhases#LISTENERS}: after the declared sockets
 * open, and stopped before them). Containers are not beans; look them up here by id to
 * stop or start one at run time.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerEndpointRegistry implements SmartLifecycle {

	private final Map<String, ZmqListenerContainer> containers = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create a container for an endpoint and register it.
	 * @param endpoint the endpoint
	 * @param factory the factory that creates the container
	 * @return the container; started at once when the registry is already running and the
	 * endpoint starts automatically
	 * @throws ZmqException when a listener with the same id is registered
	 */
	public ZmqListenerContainer registerListenerContainer(ZmqListenerEndpoint endpoint,
			ZmqListenerContainerFactory factory) {
		ZmqListenerContainer container;
		synchronized (this.containers) {
			if (this.containers.containsKey(endpoint.getId())) {
				throw new ZmqException("A @ZmqListener with id '" + endpoint.getId() + "' is already registered");
			}
			container = factory.createContainer(endpoint);
			this.containers.put(endpoint.getId(), container);
		}
		if (this.running && endpoint.isAutoStartup()) {
			container.start();
		}
		return container;
	}

	/**
	 * Return a listener's container.
	 * @param id the listener's id
	 * @return the container, or {@code null} when there is none with that id
	 */
	public ZmqListenerContainer getListenerContainer(String id) {
		synchronized (this.containers) {
			return this.containers.get(id);
		}
	}

	/**
	 * @return the ids of the registered listeners, in registration order
	 */
	public Set<String> getListenerContainerIds() {
		synchronized (this.containers) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.containers.keySet()));
		}
	}

	/**
	 * @return the registered containers
	 */
	public List<ZmqListenerContainer> getListenerContainers() {
		synchronized (this.containers) {
			return List.copyOf(this.containers.values());
		}
	}

	/**
	 * Start one listener.
	 * @param id the listener's id
	 */
	public void start(String id) {
		required(id).start();
	}

	/**
	 * Stop one listener, waiting at most its stop timeout.
	 * @param id the listener's id
	 */
	public void stop(String id) {
		required(id).stop();
	}

	private ZmqListenerContainer required(String id) {
		ZmqListenerContainer container = getListenerContainer(id);
		if (container == null) {
			throw new ZmqException(
					"No @ZmqListener with id '" + id + "' (registered: " + getListenerContainerIds() + ")");
		}
		return container;
	}

	@Override
	public void start() {
		List<ZmqListenerContainer> started = new ArrayList<>();
		try {
			for (ZmqListenerContainer container : getListenerContainers()) {
				if (container.getEndpoint().isAutoStartup()) {
					container.start();
					started.add(container);
				}
			}
		}
		catch (RuntimeException ex) {
			started.forEach(ZmqListenerContainer::stop);
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		// stop in parallel so shutdown takes the longest stop timeout, not their sum
		List<CompletableFuture<Void>> stops = new ArrayList<>();
		for (ZmqListenerContainer container : getListenerContainers()) {
			CompletableFuture<Void> done = new CompletableFuture<>();
			Thread stopper = new Thread(() -> {
				try {
					container.stop();
				}
				finally {
					done.complete(null);
				}
			}, "zmq-listener-stop-" + container.getListenerId());
			stopper.setDaemon(true);
			stopper.start();
			stops.add(done);
		}
		CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return ZmqLifecyclePhases.LISTENERS;
	}

}
