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

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.listener.ZmqListenerContainer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Samples the backlog of every declared socket ({@link ZmqSocketOwner#getPending()}) and
 * every listener ({@link ZmqListenerContainer#getBacklog()}) at a fixed interval, and
 * tells the {@link ZmqBacklogListener}s (and publishes a {@link ZmqBacklogEvent}) when
 * one has stayed above the threshold for the period, again after each further period
 * while it stays there, and once when it comes back under it. Runs on one daemon thread.
 *
 * @author zmq-spring-boot
 */
public class ZmqBacklogMonitor implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ZmqBacklogMonitor.class);

	private final ZmqSocketManager socketManager;

	private final Supplier<Collection<ZmqListenerContainer>> containers;

	private final int threshold;

	private final Duration period;

	private final Duration interval;

	private final Map<String, State> states = new ConcurrentHashMap<>();

	private List<ZmqBacklogListener> listeners = List.of();

	private @Nullable ApplicationEventPublisher eventPublisher;

	private volatile @Nullable ScheduledExecutorService sampler;

	/**
	 * Create a monitor.
	 * @param socketManager the declared sockets
	 * @param containers the listener containers, looked up at each sample
	 * @param threshold the backlog above which a socket or listener is behind
	 * @param period how long it must stay behind before it is reported
	 * @param interval how often backlogs are sampled
	 */
	public ZmqBacklogMonitor(ZmqSocketManager socketManager, Supplier<Collection<ZmqListenerContainer>> containers,
			int threshold, Duration period, Duration interval) {
		Assert.isTrue(threshold >= 0, "threshold must not be negative");
		Assert.isTrue(!period.isNegative(), "period must not be negative");
		Assert.isTrue(!interval.isNegative() && !interval.isZero(), "interval must be positive");
		this.socketManager = socketManager;
		this.containers = containers;
		this.threshold = threshold;
		this.period = period;
		this.interval = interval;
	}

	/**
	 * Set the listeners to call.
	 * @param listeners the listeners
	 */
	public void setListeners(List<ZmqBacklogListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Set where {@link ZmqBacklogEvent}s are published.
	 * @param eventPublisher the publisher
	 */
	public void setEventPublisher(@Nullable ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void start() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "zmq-backlog-monitor");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(1, this.interval.toMillis());
		executor.scheduleWithFixedDelay(this::sampleSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.sampler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.sampler;
		this.sampler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.states.clear();
	}

	@Override
	public boolean isRunning() {
		return this.sampler != null;
	}

	private void sampleSafely() {
		try {
			sample(System.nanoTime());
		}
		catch (RuntimeException ex) {
			logger.warn("Backlog sampling failed", ex);
		}
	}

	/**
	 * Take one sample of every backlog.
	 * @param now the time of the sample ({@link System#nanoTime()})
	 */
	void sample(long now) {
		for (String name : this.socketManager.getSocketNames()) {
			ZmqSocketOwner owner = this.socketManager.findOwner(name);
			if (owner != null) {
				observe(ZmqBacklogEvent.Kind.SOCKET, name, owner.getPending(), now);
			}
		}
		for (ZmqListenerContainer container : this.containers.get()) {
			observe(ZmqBacklogEvent.Kind.LISTENER, container.getListenerId(), container.getBacklog(), now);
		}
	}

	private void observe(ZmqBacklogEvent.Kind kind, String name, int backlog, long now) {
		String key = kind + ":" + name;
		State state = this.states.computeIfAbsent(key, (k) -> new State());
		if (backlog > this.threshold) {
			if (state.since == null) {
				state.since = now;
				state.lastReport = now;
			}
			if (now - state.lastReport >= this.period.toNanos()) {
				state.lastReport = now;
				state.reported = true;
				fire(new ZmqBacklogEvent(this, kind, name, backlog, this.threshold, Duration.ofNanos(now - state.since),
						true));
			}
		}
		else if (state.since != null) {
			boolean reported = state.reported;
			state.since = null;
			state.reported = false;
			if (reported) {
				fire(new ZmqBacklogEvent(this, kind, name, backlog, this.threshold, Duration.ZERO, false));
			}
		}
	}

	private void fire(ZmqBacklogEvent event) {
		if (event.isExceeded()) {
			logger.info("Backlog of " + event.getKind().name().toLowerCase() + " '" + event.getName() + "' is "
					+ event.getBacklog() + ", above " + this.threshold + " for " + event.getDuration());
		}
		for (ZmqBacklogListener listener : this.listeners) {
			try {
				if (event.isExceeded()) {
					listener.backlogExceeded(event);
				}
				else {
					listener.backlogCleared(event);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Backlog listener " + listener + " failed", ex);
			}
		}
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			publisher.publishEvent(event);
		}
	}

	private static final class State {

		private @Nullable Long since;

		private long lastReport;

		private boolean reported;

	}

}
