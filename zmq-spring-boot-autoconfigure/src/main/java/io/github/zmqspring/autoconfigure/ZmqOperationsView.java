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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.zmqspring.core.socket.ZmqEndpoint;
import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.discovery.ZmqServiceInstance;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What the health component and the actuator endpoint show: the sockets, the listeners
 * and the discovered services, with their numbers. Reads only public getters, from any
 * thread; never touches a socket.
 *
 * @author zmq-spring-boot
 */
public final class ZmqOperationsView {

	private final ZmqSocketManager socketManager;

	private final ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry;

	private final ObjectProvider<ZmqServiceRegistry> serviceRegistry;

	ZmqOperationsView(ZmqSocketManager socketManager, ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry,
			ObjectProvider<ZmqServiceRegistry> serviceRegistry) {
		this.socketManager = socketManager;
		this.listenerRegistry = listenerRegistry;
		this.serviceRegistry = serviceRegistry;
	}

	Collection<ZmqListenerContainer> containers() {
		ZmqListenerEndpointRegistry registry = this.listenerRegistry.getIfAvailable();
		return (registry != null) ? registry.getListenerContainers() : List.of();
	}

	@Nullable ZmqListenerContainer container(String id) {
		ZmqListenerEndpointRegistry registry = this.listenerRegistry.getIfAvailable();
		return (registry != null) ? registry.getListenerContainer(id) : null;
	}

	@Nullable ZmqListenerEndpointRegistry listenerRegistry() {
		return this.listenerRegistry.getIfAvailable();
	}

	/**
	 * @return every socket, declared ones first, then the inline sockets of listeners
	 */
	Map<String, SocketView> sockets() {
		Map<String, SocketView> sockets = new LinkedHashMap<>();
		Map<String, ZmqListenerContainer> bySocket = new LinkedHashMap<>();
		for (ZmqListenerContainer container : containers()) {
			bySocket.put(container.getSocketName(), container);
		}
		for (String name : this.socketManager.getSocketNames()) {
			sockets.put(name, socket(this.socketManager.getSpec(name), bySocket.get(name)));
		}
		for (Map.Entry<String, ZmqListenerContainer> entry : bySocket.entrySet()) {
			if (!sockets.containsKey(entry.getKey())) {
				sockets.put(entry.getKey(), socket(entry.getValue().getEndpoint().getSocketSpec(), entry.getValue()));
			}
		}
		return sockets;
	}

	private SocketView socket(ZmqSocketSpec spec, @Nullable ZmqListenerContainer container) {
		String name = spec.getName();
		ZmqSocketOwner owner = this.socketManager.findOwner(name);
		ZmqPeerTracker tracker = null;
		boolean open;
		if (owner != null) {
			open = owner.isRunning();
			if (open) {
				try {
					tracker = owner.getTracker();
				}
				catch (RuntimeException ex) {
					// closing meanwhile
				}
			}
		}
		else if (container != null) {
			open = container.isRunning();
			tracker = container.getTracker();
		}
		else {
			open = false;
		}
		return new SocketView(spec.getType().name(), (container != null) ? container.getListenerId() : null, open,
				spec.getBind().stream().map(ZmqEndpoint::toString).toList(), this.socketManager.getBoundEndpoints(name),
				spec.getConnect().stream().map(ZmqEndpoint::toString).toList(),
				(tracker != null) ? tracker.getPeers() : 0,
				(spec.isPublisher() && tracker != null) ? tracker.getSubscriptions() : null,
				(owner != null) ? owner.getPending() : null, (owner != null) ? owner.getSentCount() : null);
	}

	Map<String, ListenerView> listeners(Map<String, Set<String>> runtimeTopics) {
		Map<String, ListenerView> listeners = new TreeMap<>();
		for (ZmqListenerContainer container : containers()) {
			listeners.put(container.getListenerId(), listener(container, runtimeTopics.get(container.getListenerId())));
		}
		return listeners;
	}

	ListenerView listener(ZmqListenerContainer container, @Nullable Set<String> topics) {
		Throwable failure = container.getFailure();
		List<String> declared = container.getEndpoint().getSocketSpec().getTopics();
		return new ListenerView(container.getSocketName(), container.getSocketType().name(), container.isRunning(),
				failure != null, (failure != null) ? String.valueOf(failure) : null, container.getReceivedCount(),
				container.getErrorCount(), container.getBacklog(), container.getRepliesDropped(),
				(topics != null) ? copy(topics) : declared);
	}

	private static List<String> copy(Set<String> topics) {
		synchronized (topics) {
			return new ArrayList<>(topics);
		}
	}

	Map<String, ServiceView> services() {
		ZmqServiceRegistry registry = this.serviceRegistry.getIfAvailable();
		Map<String, ServiceView> services = new TreeMap<>();
		if (registry == null) {
			return services;
		}
		for (String service : registry.getServices()) {
			List<ZmqServiceInstance> instances = registry.getInstances(service);
			services.put(service,
					new ServiceView(instances.size(),
							instances.stream()
								.map((instance) -> new InstanceView(instance.endpoint(), instance.instanceId()))
								.toList()));
		}
		return services;
	}

	/**
	 * A socket.
	 *
	 * @param type the socket's type
	 * @param listener the id of the listener that owns it, if any
	 * @param open whether it is open
	 * @param bind the endpoints it is declared to bind
	 * @param bound the endpoints it bound, with ephemeral ports resolved
	 * @param connect the endpoints it is declared to connect to
	 * @param peers the connected peers
	 * @param subscriptions the active subscriptions of a publisher
	 * @param pending the sends waiting for room (template sockets)
	 * @param sent the messages sent (template sockets)
	 */
	public record SocketView(String type, @Nullable String listener, boolean open, List<String> bind,
			List<String> bound, List<String> connect, int peers, @Nullable Integer subscriptions,
			@Nullable Integer pending, @Nullable Long sent) {

		Map<String, Object> healthDetails() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("type", this.type);
			details.put("open", this.open);
			details.put("bound", this.bound);
			details.put("connect", this.connect);
			details.put("peers", this.peers);
			return details;
		}

	}

	/**
	 * A listener.
	 *
	 * @param socket the socket it receives on
	 * @param type the socket's type
	 * @param running whether it runs
	 * @param failed whether its socket thread died
	 * @param failure why it died
	 * @param received the messages received
	 * @param errors the messages whose processing failed
	 * @param backlog the messages waiting for a worker
	 * @param repliesDropped replies that could not be delivered
	 * @param topics the current subscriptions of a SUB listener
	 */
	public record ListenerView(String socket, String type, boolean running, boolean failed, @Nullable String failure,
			long received, long errors, int backlog, long repliesDropped, List<String> topics) {

		Map<String, Object> healthDetails() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("socket", this.socket);
			details.put("running", this.running);
			details.put("received", this.received);
			details.put("errors", this.errors);
			if (this.failed) {
				details.put("failure", this.failure);
			}
			return details;
		}

	}

	/**
	 * A discovered service.
	 *
	 * @param instanceCount how many live instances it has
	 * @param instances the instances
	 */
	public record ServiceView(int instanceCount, List<InstanceView> instances) {
	}

	/**
	 * An instance of a discovered service.
	 *
	 * @param endpoint its endpoint
	 * @param instanceId its id
	 */
	public record InstanceView(String endpoint, String instanceId) {
	}

}
