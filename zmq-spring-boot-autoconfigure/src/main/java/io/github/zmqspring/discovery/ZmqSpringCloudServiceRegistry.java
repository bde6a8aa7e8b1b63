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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * A {@link ZmqServiceRegistry} fed by Spring Cloud's {@link DiscoveryClient}s (Eureka,
 * Consul, Kubernetes, the static instances of {@code SimpleDiscoveryClient}): the ZeroMQ
 * services of every registered instance, read from its metadata
 * ({@link ZmqCloudMetadata}). The registries are read again on each
 * {@link HeartbeatEvent} (which a client publishes when its view changes) and at an
 * interval; instances that appear are {@code joined}, those that disappear {@code left}
 * (as {@link ZmqServiceInstanceListener.LeaveReason#GOODBYE}).
 * <p>
 * A registry that cannot be read (down, unreachable, a client error) keeps its last known
 * instances until it answers again: a registry outage does not disconnect anything. Each
 * failure is logged and counted ({@link #getRefreshFailureCount()}), as is each instance
 * whose metadata is malformed ({@link #getRejectedCount()}), which is skipped.
 *
 * @author zmq-spring-boot
 */
public class ZmqSpringCloudServiceRegistry
		implements ZmqServiceRegistry, SmartLifecycle, ApplicationListener<HeartbeatEvent> {

	/** The phase: with the beacon, before listener containers start. */
	public static final int PHASE = ZmqBeaconServiceRegistry.PHASE;

	private static final Log logger = LogFactory.getLog(ZmqSpringCloudServiceRegistry.class);

	private final List<DiscoveryClient> clients;

	private final Duration refreshInterval;

	// guards the instances; never held while listeners run
	private final Object lock = new Object();

	// held while a refresh computes and delivers changes, so listeners hear of them in
	// order and a new listener's replay cannot interleave with them
	private final ReentrantLock delivery = new ReentrantLock();

	// service -> key -> instance
	private final Map<String, Map<String, ZmqServiceInstance>> instances = new LinkedHashMap<>();

	// the last good view of each client, kept while it fails
	private final Map<Integer, List<ZmqServiceInstance>> views = new HashMap<>();

	private final ZmqServiceInstanceListeners listeners = new ZmqServiceInstanceListeners(this, "Spring Cloud");

	private final AtomicBoolean refreshPending = new AtomicBoolean();

	private final AtomicLong refreshes = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean running;

	/**
	 * Create a registry.
	 * @param clients the discovery clients to read (not a composite of them, which would
	 * read each twice)
	 * @param refreshInterval how often they are read besides on heartbeats
	 */
	public ZmqSpringCloudServiceRegistry(List<DiscoveryClient> clients, Duration refreshInterval) {
		Assert.notNull(clients, "'clients' must not be null");
		if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException(
					"zmq.discovery.refresh-interval must be positive, not " + refreshInterval);
		}
		this.clients = List.copyOf(clients);
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Set the publisher of {@link ZmqServiceInstanceJoinedEvent} and
	 * {@link ZmqServiceInstanceLeftEvent}.
	 * @param eventPublisher the publisher, or {@code null} for none
	 */
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.listeners.setEventPublisher(eventPublisher);
	}

	/**
	 * @return the discovery clients this registry reads
	 */
	public List<DiscoveryClient> getClients() {
		return this.clients;
	}

	@Override
	public List<ZmqServiceInstance> getInstances(String service) {
		synchronized (this.lock) {
			Map<String, ZmqServiceInstance> entries = this.instances.get(service);
			return (entries != null) ? new ArrayList<>(entries.values()) : List.of();
		}
	}

	@Override
	public Set<String> getServices() {
		synchronized (this.lock) {
			return new TreeSet<>(this.instances.keySet());
		}
	}

	@Override
	public Subscription addListener(ZmqServiceInstanceListener listener) {
		this.delivery.lock();
		try {
			List<ZmqServiceInstance> live = new ArrayList<>();
			synchronized (this.lock) {
				this.instances.values().forEach((entries) -> live.addAll(entries.values()));
			}
			return this.listeners.add(listener, live);
		}
		finally {
			this.delivery.unlock();
		}
	}

	/**
	 * @return how many times the registries were read
	 */
	public long getRefreshCount() {
		return this.refreshes.get();
	}

	/**
	 * @return how many reads of a discovery client failed
	 */
	public long getRefreshFailureCount() {
		return this.failures.get();
	}

	/**
	 * @return how many registry instances were skipped for malformed metadata
	 */
	public long getRejectedCount() {
		return this.rejected.get();
	}

	/**
	 * Read a {@link HeartbeatEvent}'s news: refresh soon, on the registry's thread.
	 * @param event the event
	 */
	@Override
	public void onApplicationEvent(HeartbeatEvent event) {
		refreshSoon();
	}

	/**
	 * Ask for a refresh on the registry's thread; requests that arrive while one is
	 * pending are merged into it.
	 */
	public void refreshSoon() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (!this.running || scheduler == null || !this.refreshPending.compareAndSet(false, true)) {
			return;
		}
		try {
			scheduler.execute(this::scheduledRefresh);
		}
		catch (RejectedExecutionException ex) {
			this.refreshPending.set(false); // stopping
		}
	}

	private void scheduledRefresh() {
		this.refreshPending.set(false);
		try {
			refresh();
		}
		catch (Throwable ex) {
			// never let the periodic task die
			logger.warn("Refreshing ZeroMQ services from Spring Cloud registries failed", ex);
		}
	}

	/**
	 * Read every discovery client now, on the calling thread, and tell listeners of the
	 * instances that joined and left.
	 */
	public void refresh() {
		this.delivery.lock();
		try {
			if (!this.running) {
				return;
			}
			this.refreshes.incrementAndGet();
			Map<String, Map<String, ZmqServiceInstance>> next = new LinkedHashMap<>();
			for (int i = 0; i < this.clients.size(); i++) {
				DiscoveryClient client = this.clients.get(i);
				List<ZmqServiceInstance> view;
				try {
					view = read(client);
					this.views.put(i, view);
				}
				catch (RuntimeException ex) {
					this.failures.incrementAndGet();
					logger.warn("Reading ZeroMQ services from discovery client '" + describe(client)
							+ "' failed; keeping its last known instances: " + ex);
					view = this.views.getOrDefault(i, List.of());
				}
				for (ZmqServiceInstance instance : view) {
					next.computeIfAbsent(instance.service(), (key) -> new LinkedHashMap<>())
						.putIfAbsent(instance.key(), instance);
				}
			}
			List<ZmqServiceInstance> joined = new ArrayList<>();
			List<ZmqServiceInstance> left = new ArrayList<>();
			synchronized (this.lock) {
				next.forEach((service, entries) -> {
					Map<String, ZmqServiceInstance> current = this.instances.getOrDefault(service, Map.of());
					entries.forEach((key, instance) -> {
						if (!current.containsKey(key)) {
							joined.add(instance);
						}
					});
				});
				this.instances.forEach((service, entries) -> {
					Map<String, ZmqServiceInstance> coming = next.getOrDefault(service, Map.of());
					entries.forEach((key, instance) -> {
						if (!coming.containsKey(key)) {
							left.add(instance);
						}
					});
				});
				this.instances.clear();
				this.instances.putAll(next);
			}
			// joins first: a replacement connects before the one it replaces disconnects
			joined.forEach(this.listeners::joined);
			left.forEach((instance) -> this.listeners.left(instance, ZmqServiceInstanceListener.LeaveReason.GOODBYE));
		}
		finally {
			this.delivery.unlock();
		}
	}

	private List<ZmqServiceInstance> read(DiscoveryClient client) {
		List<ZmqServiceInstance> view = new ArrayList<>();
		List<String> services = client.getServices();
		if (services == null) {
			return view;
		}
		for (String serviceId : services) {
			List<ServiceInstance> registered = client.getInstances(serviceId);
			if (registered == null) {
				continue;
			}
			for (ServiceInstance instance : registered) {
				try {
					view.addAll(ZmqCloudMetadata.fromServiceInstance(instance));
				}
				catch (RuntimeException ex) {
					this.rejected.incrementAndGet();
					logger.warn("Ignored an instance of '" + serviceId + "' from discovery client '" + describe(client)
							+ "': " + ex.getMessage());
				}
			}
		}
		return view;
	}

	private static String describe(DiscoveryClient client) {
		try {
			return client.description();
		}
		catch (RuntimeException ex) {
			return client.getClass().getName();
		}
	}

	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.running) {
				return;
			}
			this.running = true;
			ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "zmq-discovery-cloud");
				thread.setDaemon(true);
				return thread;
			});
			this.scheduler = scheduler;
			// the first read runs at once, but not on the starting thread: a registry
			// that
			// is slow to answer must not hold up start-up
			long period = this.refreshInterval.toMillis();
			scheduler.scheduleWithFixedDelay(this::scheduledRefresh, 0, Math.max(1, period), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler;
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			scheduler = this.scheduler;
		}
		scheduler.shutdown();
		this.delivery.lock();
		try {
			List<ZmqServiceInstance> all = new ArrayList<>();
			synchronized (this.lock) {
				this.running = false;
				this.instances.values().forEach((entries) -> all.addAll(entries.values()));
				this.instances.clear();
				this.views.clear();
			}
			all.forEach((instance) -> this.listeners.left(instance, ZmqServiceInstanceListener.LeaveReason.STOPPED));
		}
		finally {
			this.delivery.unlock();
		}
		try {
			// a read in progress ends at the client's own timeout; not waited for beyond
			// this
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
