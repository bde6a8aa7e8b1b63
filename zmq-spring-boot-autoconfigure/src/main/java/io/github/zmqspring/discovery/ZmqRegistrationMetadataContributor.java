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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.zmqspring.core.ZmqLifecyclePhases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes this application's announced ZeroMQ services in its Spring Cloud
 * registration's metadata ({@link ZmqCloudMetadata}): the tcp port per service name.
 * <p>
 * The entries known when the application registers are added on
 * {@link InstancePreRegisteredEvent}. Sockets that bind later (listener containers start
 * after Spring Cloud's auto-registration, and ephemeral ports are known only then) are
 * published once they are up, and again whenever the announcements change (checked at the
 * refresh interval), through a {@link ZmqRegistrationRepublisher}.
 *
 * @author zmq-spring-boot
 */
public class ZmqRegistrationMetadataContributor implements SmartLifecycle, ApplicationListener<ApplicationEvent> {

	/** The phase: after listener containers start, so their ports are known. */
	public static final int PHASE = ZmqLifecyclePhases.LISTENERS + 50;

	private static final Log logger = LogFactory.getLog(ZmqRegistrationMetadataContributor.class);

	private final ZmqBeaconServiceRegistry announcements;

	private final Supplier<Registration> registration;

	private final ZmqRegistrationRepublisher republisher;

	private final Duration interval;

	private final AtomicLong failures = new AtomicLong();

	private Map<String, String> published = Map.of();

	private boolean registered;

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean running;

	/**
	 * Create a contributor.
	 * @param announcements where this application's announced instances are kept
	 * @param registration this application's registration (may supply {@code null} when
	 * it has none)
	 * @param republisher how changes reach the registry after registration
	 * @param interval how often announcements are checked for changes
	 */
	public ZmqRegistrationMetadataContributor(ZmqBeaconServiceRegistry announcements,
			Supplier<Registration> registration, ZmqRegistrationRepublisher republisher, Duration interval) {
		this.announcements = announcements;
		this.registration = registration;
		this.republisher = republisher;
		this.interval = interval;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof InstancePreRegisteredEvent preRegistered) {
			synchronized (this) {
				// registration follows at once with these entries: nothing to republish
				apply(preRegistered.getRegistration(), current());
			}
		}
		else if (event instanceof InstanceRegisteredEvent<?>) {
			synchronized (this) {
				this.registered = true;
			}
			if (this.running) {
				sync();
			}
		}
	}

	/**
	 * @return the ZeroMQ entries last written into the registration
	 */
	public synchronized Map<String, String> getPublished() {
		return this.published;
	}

	/**
	 * @return how many times telling the registry failed
	 */
	public long getFailureCount() {
		return this.failures.get();
	}

	/**
	 * Compare the announcements with what the registration publishes, and publish any
	 * change.
	 */
	public synchronized void sync() {
		Registration registration = this.registration.get();
		if (registration == null) {
			return;
		}
		Map<String, String> metadata = current();
		if (metadata.equals(this.published)) {
			return;
		}
		Set<String> removed = apply(registration, metadata);
		if (!this.registered) {
			return; // the registration, when it comes, carries the entries
		}
		try {
			this.republisher.republish(registration, metadata, removed);
			logger.info("Published ZeroMQ services in the registration of '" + registration.getServiceId() + "': "
					+ metadata);
		}
		catch (Exception ex) {
			this.failures.incrementAndGet();
			this.published = Map.of(); // tried again at the next check
			logger.warn("Publishing ZeroMQ services in the registration of '" + registration.getServiceId()
					+ "' failed: " + ex);
		}
	}

	private Map<String, String> current() {
		return ZmqCloudMetadata.toMetadata(this.announcements.getAnnouncements());
	}

	// writes the entries, removes the stale ones; returns the removed keys
	private Set<String> apply(Registration registration, Map<String, String> metadata) {
		Map<String, String> target = registration.getMetadata();
		Set<String> removed = new HashSet<>(this.published.keySet());
		removed.removeAll(metadata.keySet());
		if (target != null) {
			removed.forEach(target::remove);
			target.putAll(metadata);
		}
		this.published = new LinkedHashMap<>(metadata);
		return removed;
	}

	@Override
	public void start() {
		synchronized (this) {
			if (this.running) {
				return;
			}
			this.running = true;
		}
		sync();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "zmq-discovery-registration");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, this.interval.toMillis());
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				sync();
			}
			catch (Throwable ex) {
				logger.warn("Checking the ZeroMQ services to publish failed", ex);
			}
		}, period, period, TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.scheduler = null;
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
