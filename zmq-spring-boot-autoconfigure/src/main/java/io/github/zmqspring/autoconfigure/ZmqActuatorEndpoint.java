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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.zmqspring.autoconfigure.ZmqOperationsView.ListenerView;
import io.github.zmqspring.autoconfigure.ZmqOperationsView.ServiceView;
import io.github.zmqspring.autoconfigure.ZmqOperationsView.SocketView;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code zmq} actuator endpoint ({@code /actuator/zmq}): the sockets (type,
 * endpoints, peers, subscriptions, pending sends), the listeners (running, received,
 * errors, backlog) and the discovered services (instances) of this node. Write operations
 * on {@code /actuator/zmq/listeners/{id}} start and stop a listener and subscribe or
 * unsubscribe a SUB listener's topics at run time:
 * <ul>
 * <li>{@code POST /actuator/zmq/listeners/{id}} with {@code {"action": "stop"}} (or
 * {@code start}, {@code subscribe}, {@code unsubscribe} with {@code "topic": "..."} or
 * {@code "topics": "a,b"});</li>
 * <li>or {@code POST /actuator/zmq/listeners/{id}/{action}}, with the topics in the
 * body.</li>
 * </ul>
 * Run-time subscriptions last until the listener restarts.
 *
 * @author zmq-spring-boot
 */
@Endpoint(id = "zmq")
public class ZmqActuatorEndpoint {

	private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(10);

	private final ZmqOperationsView view;

	// guarded by each set's own monitor
	private final Map<String, Set<String>> runtimeTopics = new ConcurrentHashMap<>();

	ZmqActuatorEndpoint(ZmqOperationsView view) {
		this.view = view;
	}

	/**
	 * Read everything.
	 * @return the sockets, listeners and services
	 */
	@ReadOperation
	public ZmqDescriptor zmq() {
		return new ZmqDescriptor(this.view.sockets(), this.view.listeners(this.runtimeTopics), this.view.services());
	}

	/**
	 * Read one socket, listener or service.
	 * @param kind {@code sockets}, {@code listeners} or {@code services}
	 * @param name its name or id
	 * @return it, or {@code null} (404) when there is none
	 */
	@ReadOperation
	public @Nullable Object item(@Selector String kind, @Selector String name) {
		return switch (kind) {
			case "sockets" -> this.view.sockets().get(name);
			case "listeners" -> {
				ZmqListenerContainer container = this.view.container(name);
				yield (container != null) ? this.view.listener(container, this.runtimeTopics.get(name)) : null;
			}
			case "services" -> this.view.services().get(name);
			default -> null;
		};
	}

	/**
	 * Start or stop a listener, or change a SUB listener's subscriptions.
	 * @param kind must be {@code listeners}
	 * @param id the listener's id
	 * @param action {@code start}, {@code stop}, {@code subscribe} or {@code unsubscribe}
	 * @param topic a topic to subscribe or unsubscribe
	 * @param topics topics to subscribe or unsubscribe, separated by commas
	 * @param running {@code true} to start, {@code false} to stop (instead of an action)
	 * @return the listener after the operation, or a 404 when there is none
	 */
	@WriteOperation
	public WebEndpointResponse<ListenerView> listener(@Selector String kind, @Selector String id,
			@Nullable String action, @Nullable String topic, @Nullable String topics, @Nullable String running) {
		String requested = action;
		if (requested == null && running != null) {
			// {"running": false} reads as naturally as {"action": "stop"}
			requested = Boolean.parseBoolean(running.strip()) ? "start" : "stop";
		}
		return response(perform(kind, id, requested, topic, topics));
	}

	/**
	 * Start or stop a listener, or change a SUB listener's subscriptions, with the action
	 * in the path.
	 * @param kind must be {@code listeners}
	 * @param id the listener's id
	 * @param action {@code start}, {@code stop}, {@code subscribe} or {@code unsubscribe}
	 * @param topic a topic to subscribe or unsubscribe
	 * @param topics topics to subscribe or unsubscribe, separated by commas
	 * @return the listener after the operation, or a 404 when there is none
	 */
	@WriteOperation
	public WebEndpointResponse<ListenerView> listenerAction(@Selector String kind, @Selector String id,
			@Selector String action, @Nullable String topic, @Nullable String topics) {
		return response(perform(kind, id, action, topic, topics));
	}

	private static WebEndpointResponse<ListenerView> response(@Nullable ListenerView listener) {
		return (listener != null) ? new WebEndpointResponse<>(listener)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private @Nullable ListenerView perform(String kind, String id, @Nullable String action, @Nullable String topic,
			@Nullable String topics) {
		if (!"listeners".equals(kind)) {
			return null;
		}
		ZmqListenerEndpointRegistry registry = this.view.listenerRegistry();
		ZmqListenerContainer container = this.view.container(id);
		if (registry == null || container == null) {
			return null;
		}
		if (action == null || action.isBlank()) {
			throw new InvalidEndpointRequestException("Missing 'action' (start, stop, subscribe or unsubscribe)",
					"Missing 'action'");
		}
		switch (action.toLowerCase(Locale.ROOT)) {
			case "start" -> {
				this.runtimeTopics.remove(id);
				registry.start(id);
			}
			case "stop" -> {
				registry.stop(id);
				this.runtimeTopics.remove(id);
			}
			case "subscribe" -> subscribe(container, topics(topic, topics), true);
			case "unsubscribe" -> subscribe(container, topics(topic, topics), false);
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "' for listener '" + id
					+ "': use start, stop, subscribe or unsubscribe", "Unknown action");
		}
		return this.view.listener(container, this.runtimeTopics.get(id));
	}

	private static List<String> topics(@Nullable String topic, @Nullable String topics) {
		List<String> all = new ArrayList<>();
		if (topic != null) {
			all.add(topic);
		}
		if (topics != null) {
			// actuator bodies are flat: a list travels as one comma-separated string
			for (String each : topics.split(",")) {
				all.add(each.strip());
			}
		}
		if (all.isEmpty()) {
			throw new InvalidEndpointRequestException("Missing 'topic' or 'topics'", "Missing 'topic'");
		}
		return all;
	}

	private void subscribe(ZmqListenerContainer container, List<String> topics, boolean subscribe) {
		SocketType type = container.getSocketType();
		if (type != SocketType.SUB && type != SocketType.XSUB) {
			throw new InvalidEndpointRequestException("Listener '" + container.getListenerId() + "' is on a " + type
					+ " socket; only SUB and XSUB listeners have topics", "Not a SUB listener");
		}
		if (!container.isRunning()) {
			throw new InvalidEndpointRequestException(
					"Listener '" + container.getListenerId() + "' is not running; start it first", "Not running");
		}
		try {
			container.execute((handle) -> {
				ZMQ.Socket socket = handle.getSocket();
				for (String topic : topics) {
					byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
					if (type == SocketType.SUB) {
						if (subscribe) {
							socket.subscribe(bytes);
						}
						else {
							socket.unsubscribe(bytes);
						}
					}
					else {
						byte[] frame = new byte[bytes.length + 1];
						frame[0] = (byte) (subscribe ? 1 : 0);
						System.arraycopy(bytes, 0, frame, 1, bytes.length);
						socket.send(frame);
					}
				}
				return null;
			}).get(CALLBACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new ZmqException("Listener '" + container.getListenerId() + "' could not change its topics",
					ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new ZmqException("Listener '" + container.getListenerId() + "' did not change its topics within "
					+ CALLBACK_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqException("Interrupted while changing the topics of '" + container.getListenerId() + "'", ex);
		}
		Set<String> current = this.runtimeTopics.computeIfAbsent(container.getListenerId(),
				(id) -> new LinkedHashSet<>(container.getEndpoint().getSocketSpec().getTopics()));
		synchronized (current) {
			if (subscribe) {
				current.addAll(topics);
			}
			else {
				topics.forEach(current::remove);
			}
		}
	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param sockets the sockets by name
	 * @param listeners the listeners by id
	 * @param services the discovered services by name
	 */
	public record ZmqDescriptor(Map<String, SocketView> sockets, Map<String, ListenerView> listeners,
			Map<String, ServiceView> services) {
	}

}
