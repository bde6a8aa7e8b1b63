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
package io.github.zmqspring.core.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqLifecyclePhases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The registry of declared sockets: one {@link ZmqSocketSpec} per name, the single source
 * of each socket's definition. At start-up it opens, each on a thread of its own, every
 * declared socket that no listener has claimed, so that binding errors fail the start-up
 * and the sockets are ready for the template. Listener containers claim the sockets they
 * receive on and open them on their own threads.
 * <p>
 * It also keeps the endpoints every socket actually bound (with ephemeral ports
 * resolved), whoever owns it.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketManager implements SmartLifecycle {

	/** The phase of this lifecycle: after the context starts, before listeners start. */
	public static final int PHASE = ZmqLifecyclePhases.SOCKETS;

	private static final Log logger = LogFactory.getLog(ZmqSocketManager.class);

	private final ZmqSocketFactory factory;

	private final Map<String, ZmqSocketSpec> specs = new LinkedHashMap<>();

	private final Map<String, String> claims = new ConcurrentHashMap<>();

	private final Map<String, ZmqSocketOwner> owners = new ConcurrentHashMap<>();

	private final Map<String, List<String>> boundEndpoints = new ConcurrentHashMap<>();

	private Duration startTimeout = Duration.ofSeconds(10);

	private Duration stopTimeout = Duration.ofSeconds(5);

	private volatile boolean running;

	/**
	 * Create a manager.
	 * @param factory the factory that creates sockets
	 * @param specs the declared sockets
	 */
	public ZmqSocketManager(ZmqSocketFactory factory, Collection<ZmqSocketSpec> specs) {
		this.factory = factory;
		for (ZmqSocketSpec spec : specs) {
			this.specs.put(spec.getName(), spec);
		}
	}

	/**
	 * Set how long each socket may take to open at start-up.
	 * @param startTimeout the timeout
	 */
	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	/**
	 * Set how long each socket may take to flush and close at shutdown.
	 * @param stopTimeout the timeout
	 */
	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * @return the socket factory
	 */
	public ZmqSocketFactory getFactory() {
		return this.factory;
	}

	/**
	 * @return the names of the declared sockets, in declaration order
	 */
	public List<String> getSocketNames() {
		return List.copyOf(this.specs.keySet());
	}

	/**
	 * Return the spec of a declared socket.
	 * @param name the socket's name
	 * @return the spec
	 * @throws ZmqException naming the socket when none is declared under that name
	 */
	public ZmqSocketSpec getSpec(String name) {
		ZmqSocketSpec spec = this.specs.get(name);
		if (spec == null) {
			throw new ZmqException("No socket named '" + name + "' is declared under zmq.sockets (declared: "
					+ this.specs.keySet() + ")");
		}
		return spec;
	}

	/**
	 * Claim a declared socket for a listener, which then owns it: the manager does not
	 * open it. Must be called before {@link #start()}.
	 * @param name the socket's name
	 * @param claimant who claims it (for messages), such as a listener id
	 * @return the socket's spec
	 */
	public ZmqSocketSpec claim(String name, String claimant) {
		ZmqSocketSpec spec = getSpec(name);
		String previous = this.claims.putIfAbsent(name, claimant);
		if (previous != null && !previous.equals(claimant)) {
			throw new ZmqException(
					"Socket '" + name + "' is already owned by " + previous + "; " + claimant + " cannot own it too");
		}
		return spec;
	}

	/**
	 * Return the owner of a declared socket that the template can use.
	 * @param name the socket's name
	 * @return the owner of the open socket
	 * @throws ZmqException naming the socket when it is not declared, is owned by a
	 * listener or is not open
	 */
	public ZmqSocketOwner getOwner(String name) {
		ZmqSocketOwner owner = this.owners.get(name);
		if (owner != null) {
			return owner;
		}
		getSpec(name);
		String claimant = this.claims.get(name);
		if (claimant != null) {
			throw new ZmqException("Socket '" + name + "' is owned by " + claimant
					+ "; declare a separate socket to send from other code");
		}
		throw new ZmqException("Socket '" + name + "' is not open (the application has not started or has stopped)");
	}

	/**
	 * Return the owner of a declared socket if the manager opened it.
	 * @param name the socket's name
	 * @return the owner, or {@code null} when the socket is not open or a listener owns
	 * it
	 */
	public @Nullable ZmqSocketOwner findOwner(String name) {
		return this.owners.get(name);
	}

	/**
	 * Record the endpoints a socket actually bound.
	 * @param name the socket's name
	 * @param endpoints the bound endpoints
	 */
	public void registerBoundEndpoints(String name, List<String> endpoints) {
		this.boundEndpoints.put(name, List.copyOf(endpoints));
	}

	/**
	 * Return the endpoints a socket actually bound, with ephemeral ports resolved.
	 * @param name the socket's name
	 * @return the endpoints, empty when it binds nothing or is not open
	 */
	public List<String> getBoundEndpoints(String name) {
		return this.boundEndpoints.getOrDefault(name, List.of());
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		List<ZmqSocketOwner> started = new ArrayList<>();
		try {
			for (ZmqSocketSpec spec : this.specs.values()) {
				if (this.claims.containsKey(spec.getName())) {
					continue;
				}
				ZmqSocketOwner owner = new ZmqSocketOwner(this.factory, spec);
				owner.start(this.startTimeout);
				started.add(owner);
				this.owners.put(spec.getName(), owner);
				registerBoundEndpoints(spec.getName(), owner.getBoundEndpoints());
			}
		}
		catch (RuntimeException ex) {
			started.forEach((owner) -> owner.stop(this.stopTimeout));
			this.owners.clear();
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<ZmqSocketOwner> toStop = new ArrayList<>(this.owners.values());
		this.owners.clear();
		// signal all first so they flush and close in parallel, then wait for each
		toStop.forEach((owner) -> new Thread(() -> owner.stop(this.stopTimeout)).start());
		long deadline = System.nanoTime() + this.stopTimeout.toNanos();
		for (ZmqSocketOwner owner : toStop) {
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			if (!owner.stop(left)) {
				logger.warn("Socket '" + owner.getSpec().getName() + "' did not close within " + this.stopTimeout);
			}
		}
		toStop.forEach((owner) -> this.boundEndpoints.remove(owner.getSpec().getName()));
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
