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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.zmqspring.core.ZmqLifecyclePhases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link ZmqServiceRegistry} fed by a UDP beacon: it announces this application's
 * services every interval to a broadcast address, listens on the discovery port for the
 * beacons of others (and its own), expires instances not heard from within the
 * time-to-live and drops at once those that say goodbye. At stop it says goodbye for
 * everything it announced.
 * <p>
 * The receiving thread survives anything a packet can do: malformed, foreign, oversized
 * or wrongly signed packets are counted by reason ({@link #getRejectedCount()}) and
 * ignored.
 * <p>
 * Listeners and application events are told of changes one at a time, in the order the
 * changes happened, but outside the lock that guards the instances: a callback may read
 * the registry from any thread, and add or remove listeners from its own thread.
 *
 * @author zmq-spring-boot
 */
public class ZmqBeaconServiceRegistry implements ZmqServiceRegistry, SmartLifecycle {

	/**
	 * The phase of this lifecycle: after the declared sockets open (so their bound
	 * endpoints are known), before listener containers start; it stops, and says goodbye,
	 * before the sockets close.
	 */
	public static final int PHASE = ZmqLifecyclePhases.SOCKETS + 50;

	private static final Log logger = LogFactory.getLog(ZmqBeaconServiceRegistry.class);

	private final ZmqBeaconCodec codec;

	private final int port;

	private final InetSocketAddress broadcast;

	private final Duration interval;

	private final Duration ttl;

	private final String instanceId = UUID.randomUUID().toString();

	// guards the instances; never held while listeners or event publishers run
	private final Object lock = new Object();

	// held while listeners are told of a change, so that they hear of changes in the
	// order they happened and a new listener's replay cannot interleave with them;
	// reentrant, so a callback may add a listener on its own thread
	private final ReentrantLock delivery = new ReentrantLock();

	// service -> key -> entry
	private final Map<String, Map<String, Entry>> instances = new LinkedHashMap<>();

	private final List<ZmqServiceInstance> announcements = new CopyOnWriteArrayList<>();

	private final ZmqServiceInstanceListeners listeners = new ZmqServiceInstanceListeners(this, "beacon");

	private final Map<ZmqBeaconCodec.Reason, AtomicLong> rejected = new EnumMap<>(ZmqBeaconCodec.Reason.class);

	private final AtomicLong received = new AtomicLong();

	private volatile DatagramChannel channel;

	private volatile ScheduledExecutorService scheduler;

	private volatile Thread receiver;

	private volatile boolean running;

	private boolean autoStartup = true;

	/**
	 * Create a registry.
	 * @param port the discovery port every application listens on
	 * @param broadcastAddress where beacons are sent, such as {@code 127.255.255.255}
	 * @param interval how often services are announced
	 * @param ttl how long an instance stays live without being heard from
	 * @param secret the shared secret signing beacons, or {@code null}
	 */
	public ZmqBeaconServiceRegistry(int port, String broadcastAddress, Duration interval, Duration ttl, String secret) {
		if (port <= 0 || port > 65535) {
			throw new IllegalArgumentException("zmq.discovery.port must be 1-65535, not " + port);
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("zmq.discovery.interval must be positive, not " + interval);
		}
		if (ttl.compareTo(interval) <= 0) {
			throw new IllegalArgumentException(
					"zmq.discovery.ttl (" + ttl + ") must be longer than zmq.discovery.interval (" + interval + ")");
		}
		this.codec = new ZmqBeaconCodec(secret);
		this.port = port;
		this.broadcast = new InetSocketAddress(broadcastAddress, port);
		if (this.broadcast.isUnresolved()) {
			throw new IllegalArgumentException(
					"zmq.discovery.broadcast-address '" + broadcastAddress + "' does not resolve");
		}
		this.interval = interval;
		this.ttl = ttl;
		for (ZmqBeaconCodec.Reason reason : ZmqBeaconCodec.Reason.values()) {
			this.rejected.put(reason, new AtomicLong());
		}
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
	 * @return the id of this application instance in its beacons
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

	/**
	 * Announce a service instance of this application from now on (at once when running),
	 * until {@link #withdraw} or stop.
	 * @param service the service name
	 * @param endpoint the endpoint peers connect to
	 * @param socketType the socket's type number, or -1
	 * @return the announced instance
	 */
	public ZmqServiceInstance announce(String service, String endpoint, int socketType) {
		return announce(service, endpoint, socketType, null);
	}

	/**
	 * Announce a service instance of this application from now on (at once when running),
	 * until {@link #withdraw} or stop, with the CURVE public key of its socket.
	 * @param service the service name
	 * @param endpoint the endpoint peers connect to
	 * @param socketType the socket's type number, or -1
	 * @param curveKey the socket's CURVE public key (Z85) when it is a CURVE server, or
	 * {@code null}
	 * @return the announced instance
	 */
	public ZmqServiceInstance announce(String service, String endpoint, int socketType, String curveKey) {
		ZmqServiceInstance instance = new ZmqServiceInstance(service, endpoint, this.instanceId, socketType, curveKey);
		this.codec.encode(new ZmqBeacon(instance, false)); // fail fast on bad fields
		this.announcements.add(instance);
		if (this.running) {
			send(instance, false);
		}
		return instance;
	}

	/**
	 * Stop announcing an instance and say goodbye for it.
	 * @param instance an instance returned by {@link #announce}
	 */
	public void withdraw(ZmqServiceInstance instance) {
		if (this.announcements.remove(instance) && this.running) {
			send(instance, true);
		}
	}

	/**
	 * @return the instances this application announces
	 */
	public List<ZmqServiceInstance> getAnnouncements() {
		return List.copyOf(this.announcements);
	}

	@Override
	public List<ZmqServiceInstance> getInstances(String service) {
		synchronized (this.lock) {
			Map<String, Entry> entries = this.instances.get(service);
			if (entries == null) {
				return List.of();
			}
			List<ZmqServiceInstance> result = new ArrayList<>();
			entries.values().forEach((entry) -> result.add(entry.instance));
			return result;
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
				this.instances.values().forEach((entries) -> entries.values().forEach((e) -> live.add(e.instance)));
			}
			// no change is delivered meanwhile: the delivery lock is held
			return this.listeners.add(listener, live);
		}
		finally {
			this.delivery.unlock();
		}
	}

	/**
	 * @return how many packets were rejected, whatever the reason
	 */
	public long getRejectedCount() {
		return this.rejected.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/**
	 * Return how many packets were rejected for a reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long getRejectedCount(ZmqBeaconCodec.Reason reason) {
		return this.rejected.get(reason).get();
	}

	/**
	 * @return how many valid beacons were received
	 */
	public long getReceivedCount() {
		return this.received.get();
	}

	/**
	 * @return the discovery port
	 */
	public int getPort() {
		return this.port;
	}

	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.running) {
				return;
			}
			try {
				DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
				channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
					channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
				}
				channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
				channel.bind(new InetSocketAddress(this.port));
				this.channel = channel;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot open the discovery beacon on UDP port " + this.port, ex);
			}
			this.running = true;
			Thread thread = new Thread(this::receive, "zmq-discovery-receiver");
			thread.setDaemon(true);
			this.receiver = thread;
			thread.start();
			ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread t = new Thread(task, "zmq-discovery-announcer");
				t.setDaemon(true);
				return t;
			});
			long period = this.interval.toMillis();
			scheduler.scheduleAtFixedRate(this::announceAll, 0, period, TimeUnit.MILLISECONDS);
			scheduler.scheduleAtFixedRate(this::expire, period, Math.max(1, period / 2), TimeUnit.MILLISECONDS);
			this.scheduler = scheduler;
		}
	}

	@Override
	public void stop() {
		stop(true);
	}

	/**
	 * Stop, optionally without saying goodbye, as if the application had vanished.
	 * @param goodbye whether to say goodbye for the announced instances
	 */
	void stop(boolean goodbye) {
		ScheduledExecutorService scheduler;
		DatagramChannel channel;
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			scheduler = this.scheduler;
			channel = this.channel;
		}
		// no interrupt: it would close the channel under a sending thread
		scheduler.shutdown();
		try {
			scheduler.awaitTermination(this.interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (goodbye) {
			this.announcements.forEach((instance) -> send(instance, true));
		}
		this.delivery.lock();
		try {
			List<Entry> all = new ArrayList<>();
			synchronized (this.lock) {
				this.running = false;
				try {
					// wakes the receiver out of its blocking receive (no JeroMQ socket
					// here)
					channel.close();
				}
				catch (IOException ex) {
					logger.debug("Closing the discovery channel failed", ex);
				}
				this.instances.values().forEach((entries) -> all.addAll(entries.values()));
				this.instances.clear();
			}
			all.forEach((entry) -> this.listeners.left(entry.instance, ZmqServiceInstanceListener.LeaveReason.STOPPED));
		}
		finally {
			this.delivery.unlock();
		}
		Thread receiver = this.receiver;
		if (receiver != null) {
			try {
				receiver.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
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

	/**
	 * Set whether the beacon starts with the application context. A beacon that never
	 * starts sends and receives nothing; it still keeps this application's announcements,
	 * which other sources (such as a Spring Cloud registration) publish.
	 * @param autoStartup whether to start automatically (default {@code true})
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	private void announceAll() {
		this.announcements.forEach((instance) -> send(instance, false));
	}

	private void send(ZmqServiceInstance instance, boolean goodbye) {
		try {
			DatagramChannel channel = this.channel;
			if (channel != null && channel.isOpen()) {
				channel.send(ByteBuffer.wrap(this.codec.encode(new ZmqBeacon(instance, goodbye))), this.broadcast);
			}
		}
		catch (ClosedChannelException ex) {
			// stopping
		}
		catch (Exception ex) {
			logger.warn("Sending the discovery beacon for '" + instance.service() + "' to " + this.broadcast
					+ " failed: " + ex);
		}
	}

	private void receive() {
		// one byte more than the limit, so an oversized packet is seen as such
		ByteBuffer buffer = ByteBuffer.allocate(ZmqBeaconCodec.MAX_SIZE + 1);
		while (this.running) {
			try {
				buffer.clear();
				if (this.channel.receive(buffer) == null) {
					continue;
				}
				handle(buffer.array(), buffer.position());
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (Throwable ex) {
				if (!this.running) {
					return;
				}
				logger.warn("Discovery receiver ignored an error and goes on", ex);
			}
		}
	}

	/**
	 * Handle one received packet.
	 * @param packet the bytes
	 * @param length the number of bytes received
	 */
	void handle(byte[] packet, int length) {
		ZmqBeacon beacon;
		try {
			beacon = this.codec.decode(packet, length);
		}
		catch (ZmqBeaconCodec.Rejection ex) {
			this.rejected.get(ex.getReason()).incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored a discovery packet of " + length + " bytes: " + ex.getReason());
			}
			return;
		}
		this.received.incrementAndGet();
		ZmqServiceInstance instance = beacon.instance();
		Entry seen = findEntry(instance);
		if (seen != null && !beacon.goodbye()) {
			// the common case, a live instance heard again: no change to deliver
			seen.lastSeen = System.nanoTime();
			return;
		}
		this.delivery.lock();
		try {
			boolean changed;
			synchronized (this.lock) {
				if (!this.running) {
					return;
				}
				changed = beacon.goodbye() ? remove(instance) : add(instance);
			}
			if (changed && beacon.goodbye()) {
				this.listeners.left(instance, ZmqServiceInstanceListener.LeaveReason.GOODBYE);
			}
			else if (changed) {
				this.listeners.joined(instance);
			}
		}
		finally {
			this.delivery.unlock();
		}
	}

	private Entry findEntry(ZmqServiceInstance instance) {
		synchronized (this.lock) {
			Map<String, Entry> entries = this.instances.get(instance.service());
			return (entries != null) ? entries.get(instance.key()) : null;
		}
	}

	// under the lock: whether the instance is new
	private boolean add(ZmqServiceInstance instance) {
		Map<String, Entry> entries = this.instances.computeIfAbsent(instance.service(), (key) -> new LinkedHashMap<>());
		Entry entry = entries.get(instance.key());
		if (entry != null) {
			entry.lastSeen = System.nanoTime();
			return false;
		}
		entries.put(instance.key(), new Entry(instance, System.nanoTime()));
		return true;
	}

	// under the lock: whether the instance was live
	private boolean remove(ZmqServiceInstance instance) {
		Map<String, Entry> entries = this.instances.get(instance.service());
		if (entries == null || entries.remove(instance.key()) == null) {
			return false;
		}
		if (entries.isEmpty()) {
			this.instances.remove(instance.service());
		}
		return true;
	}

	private void expire() {
		long ttl = this.ttl.toNanos();
		this.delivery.lock();
		try {
			long now = System.nanoTime();
			List<ZmqServiceInstance> expired = new ArrayList<>();
			synchronized (this.lock) {
				this.instances.values().removeIf((entries) -> {
					entries.values().removeIf((entry) -> {
						if (now - entry.lastSeen > ttl) {
							expired.add(entry.instance);
							return true;
						}
						return false;
					});
					return entries.isEmpty();
				});
			}
			expired
				.forEach((instance) -> this.listeners.left(instance, ZmqServiceInstanceListener.LeaveReason.EXPIRED));
		}
		finally {
			this.delivery.unlock();
		}
	}

	private static final class Entry {

		private final ZmqServiceInstance instance;

		private volatile long lastSeen;

		Entry(ZmqServiceInstance instance, long lastSeen) {
			this.instance = instance;
			this.lastSeen = lastSeen;
		}

	}

}
