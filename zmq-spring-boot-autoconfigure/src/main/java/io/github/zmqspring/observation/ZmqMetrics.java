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
package io.github.zmqspring.observation;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.github.zmqspring.core.ZmqRemoteException;
import io.github.zmqspring.core.ZmqRequestListener;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import io.github.zmqspring.core.ZmqRequester;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * The meters of ZeroMQ sockets and listeners, read from their counters when scraped:
 * <ul>
 * <li>{@code zmq.messages.sent} (tags {@code socket}, {@code type}),
 * {@code zmq.messages.received} (tags {@code listener}, {@code socket}; {@code listener}
 * is {@value #TEMPLATE} for messages taken by the template's {@code receive}),
 * {@code zmq.messages.dropped} (tags {@code socket}, {@code reason}) and
 * {@code zmq.listener.errors} (tags {@code listener}, {@code socket}): counters;</li>
 * <li>{@code zmq.socket.peers}, {@code zmq.socket.subscriptions},
 * {@code zmq.socket.pending} (tags {@code socket}, {@code type}) and
 * {@code zmq.listener.backlog} (tags {@code listener}, {@code socket}): gauges;</li>
 * <li>{@code zmq.requests} (tags {@code socket}, {@code outcome}: {@code success},
 * {@code remote-error}, {@code timeout}, {@code error}): a timer.</li>
 * </ul>
 * Sockets and listeners are looked up when bound and again when the application context
 * has refreshed, so listeners registered late are measured too.
 *
 * @author zmq-spring-boot
 */
public class ZmqMetrics implements MeterBinder, ZmqRequestListener, ApplicationListener<ContextRefreshedEvent> {

	/** Dropped: the socket was at its high-water mark. */
	public static final String REASON_HWM = "hwm";

	/** Dropped: larger than the socket's max-message-size. */
	public static final String REASON_OVERSIZE = "oversize";

	/** Dropped: a reply that could not be delivered to its requester. */
	public static final String REASON_UNDELIVERABLE_REPLY = "undeliverable reply";

	/** Dropped: a reply that arrived after its request gave up. */
	public static final String REASON_LATE_REPLY = "late reply";

	/** Dropped: frames that could not be read (bad metadata or envelope). */
	public static final String REASON_UNREADABLE = "unreadable";

	/**
	 * The {@code listener} tag of {@code zmq.messages.received} for messages received
	 * through the template's {@code receive} rather than by a listener.
	 */
	public static final String TEMPLATE = "template";

	private static final Set<SocketType> RECEIVABLE = Set.of(SocketType.PULL, SocketType.SUB, SocketType.PAIR,
			SocketType.DEALER);

	private final ZmqSocketManager socketManager;

	private final Supplier<Collection<ZmqListenerContainer>> containers;

	private final Supplier<@Nullable ZmqTemplate> template;

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create the meters.
	 * @param socketManager the declared sockets
	 * @param containers the listener containers, looked up at each refresh
	 * @param template the template whose requesters count late replies, if any
	 */
	public ZmqMetrics(ZmqSocketManager socketManager, Supplier<Collection<ZmqListenerContainer>> containers,
			Supplier<@Nullable ZmqTemplate> template) {
		this.socketManager = socketManager;
		this.containers = containers;
		this.template = template;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		refresh();
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		refresh();
	}

	/**
	 * Register the meters of sockets and listeners that have none yet.
	 */
	public void refresh() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		for (String name : this.socketManager.getSocketNames()) {
			ZmqSocketSpec spec = this.socketManager.getSpec(name);
			if (this.registered.add("socket:" + name)) {
				bindSocket(registry, spec);
			}
		}
		for (ZmqListenerContainer container : this.containers.get()) {
			if (this.registered.add("listener:" + container.getListenerId())) {
				bindListener(registry, container);
			}
		}
	}

	private void bindSocket(MeterRegistry registry, ZmqSocketSpec spec) {
		String name = spec.getName();
		Tags tags = Tags.of("socket", name, "type", spec.getType().name());
		FunctionCounter.builder("zmq.messages.sent", this, owned(name, ZmqSocketOwner::getSentCount))
			.description("Messages written to the socket")
			.baseUnit("messages")
			.tags(tags)
			.register(registry);
		if (RECEIVABLE.contains(spec.getType())) {
			FunctionCounter.builder("zmq.messages.received", this, owned(name, ZmqSocketOwner::getReceivedCount))
				.description("Messages received through the template")
				.baseUnit("messages")
				.tags(Tags.of("listener", TEMPLATE, "socket", name))
				.register(registry);
		}
		Gauge.builder("zmq.socket.pending", this, owned(name, ZmqSocketOwner::getPending))
			.description("Sends waiting for room in the socket")
			.baseUnit("messages")
			.tags(tags)
			.register(registry);
		Gauge.builder("zmq.socket.peers", this, (metrics) -> metrics.tracked(name, ZmqPeerTracker::getPeers))
			.description("Connected peers (completed handshakes)")
			.tags(tags)
			.register(registry);
		if (spec.isPublisher() || spec.getType() == SocketType.XPUB) {
			Gauge
				.builder("zmq.socket.subscriptions", this,
						(metrics) -> metrics.tracked(name, ZmqPeerTracker::getSubscriptions))
				.description("Active subscriptions of a publisher")
				.tags(tags)
				.register(registry);
		}
		FunctionCounter.builder("zmq.messages.dropped", this, owned(name, ZmqSocketOwner::getDroppedCount))
			.description("Messages dropped")
			.baseUnit("messages")
			.tags(Tags.of("socket", name, "reason", REASON_HWM))
			.register(registry);
		FunctionCounter
			.builder("zmq.messages.dropped", this,
					(metrics) -> metrics.tracked(name, ZmqPeerTracker::getOversizeDisconnects))
			.description("Messages dropped")
			.baseUnit("messages")
			.tags(Tags.of("socket", name, "reason", REASON_OVERSIZE))
			.register(registry);
		if (spec.getType() == SocketType.DEALER) {
			FunctionCounter
				.builder("zmq.messages.dropped", this,
						(metrics) -> metrics.requester(name, ZmqRequester::getLateReplies))
				.description("Messages dropped")
				.baseUnit("messages")
				.tags(Tags.of("socket", name, "reason", REASON_LATE_REPLY))
				.register(registry);
		}
	}

	private void bindListener(MeterRegistry registry, ZmqListenerContainer container) {
		String socket = container.getSocketName();
		Tags tags = Tags.of("listener", container.getListenerId(), "socket", socket);
		FunctionCounter.builder("zmq.messages.received", container, ZmqListenerContainer::getReceivedCount)
			.description("Messages received by the listener")
			.baseUnit("messages")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("zmq.listener.errors", container, ZmqListenerContainer::getErrorCount)
			.description("Messages whose processing failed")
			.tags(tags)
			.register(registry);
		Gauge.builder("zmq.listener.backlog", container, ZmqListenerContainer::getBacklog)
			.description("Received messages waiting for a worker")
			.baseUnit("messages")
			.tags(tags)
			.register(registry);
		if (this.registered.add("socket:" + socket)) {
			// an inline socket: its peers are the listener's
			Gauge.builder("zmq.socket.peers", container, (c) -> {
				ZmqPeerTracker tracker = c.getTracker();
				return (tracker != null) ? tracker.getPeers() : 0;
			})
				.description("Connected peers (completed handshakes)")
				.tags(Tags.of("socket", socket, "type", container.getSocketType().name()))
				.register(registry);
		}
		FunctionCounter.builder("zmq.messages.dropped", container, (c) -> {
			ZmqPeerTracker tracker = c.getTracker();
			return (tracker != null) ? tracker.getOversizeDisconnects() : 0;
		})
			.description("Messages dropped")
			.baseUnit("messages")
			.tags(Tags.of("socket", socket, "reason", REASON_OVERSIZE))
			.register(registry);
		FunctionCounter.builder("zmq.messages.dropped", container, ZmqListenerContainer::getUnreadableCount)
			.description("Messages dropped")
			.baseUnit("messages")
			.tags(Tags.of("socket", socket, "reason", REASON_UNREADABLE))
			.register(registry);
		if (container.getSocketType() == SocketType.REP || container.getSocketType() == SocketType.ROUTER) {
			FunctionCounter.builder("zmq.messages.dropped", container, ZmqListenerContainer::getRepliesDropped)
				.description("Messages dropped")
				.baseUnit("messages")
				.tags(Tags.of("socket", socket, "reason", REASON_UNDELIVERABLE_REPLY))
				.register(registry);
		}
	}

	private double tracked(String socket, ToDoubleFunction<ZmqPeerTracker> value) {
		ZmqSocketOwner owner = this.socketManager.findOwner(socket);
		if (owner != null && owner.isRunning()) {
			try {
				return value.applyAsDouble(owner.getTracker());
			}
			catch (RuntimeException ex) {
				return 0;
			}
		}
		for (ZmqListenerContainer container : this.containers.get()) {
			if (container.getSocketName().equals(socket)) {
				ZmqPeerTracker tracker = container.getTracker();
				return (tracker != null) ? value.applyAsDouble(tracker) : 0;
			}
		}
		return 0;
	}

	private ToDoubleFunction<ZmqMetrics> owned(String socket, ToDoubleFunction<ZmqSocketOwner> value) {
		return (metrics) -> {
			ZmqSocketOwner owner = metrics.socketManager.findOwner(socket);
			return (owner != null) ? value.applyAsDouble(owner) : 0;
		};
	}

	private double requester(String socket, ToDoubleFunction<ZmqRequester> value) {
		ZmqTemplate template = this.template.get();
		ZmqRequester requester = (template != null) ? template.getRequester(socket) : null;
		return (requester != null) ? value.applyAsDouble(requester) : 0;
	}

	@Override
	public void requestCompleted(String socket, long durationNanos, @Nullable Throwable failure) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Timer.builder("zmq.requests")
			.description("Requests through a template, by outcome")
			.tags("socket", socket, "outcome", outcome(failure))
			.register(registry)
			.record(durationNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * The {@code outcome} tag of a request.
	 * @param failure why it failed, or {@code null}
	 * @return {@code success}, {@code remote-error}, {@code timeout} or {@code error}
	 */
	public static String outcome(@Nullable Throwable failure) {
		if (failure == null) {
			return "success";
		}
		if (failure instanceof ZmqRemoteException) {
			return "remote-error";
		}
		if (failure instanceof ZmqRequestTimeoutException) {
			return "timeout";
		}
		return "error";
	}

}
