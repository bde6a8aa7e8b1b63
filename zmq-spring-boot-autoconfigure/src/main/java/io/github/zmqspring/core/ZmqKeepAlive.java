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
package io.github.zmqspring.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the JVM alive while something of this library serves, as spring-kafka's listener
 * container threads do: every thread of JeroMQ and of this library is a daemon, so
 * without it an application whose only work is {@code @ZmqListener}s would end as soon as
 * it has started.
 * <p>
 * Each server (a listener container, a proxy) {@link #acquire acquires} it while it runs
 * and closes the returned handle when it stops. While at least one handle is open, one
 * non-daemon thread ({@value #THREAD_NAME}) waits; it ends as soon as the last handle is
 * closed. It holds no lock and no socket, so it never delays shutdown: SIGTERM and
 * {@code System.exit} run the shutdown hooks (which stop the servers) whatever it does.
 *
 * @author zmq-spring-boot
 */
public final class ZmqKeepAlive {

	/** The name of the non-daemon thread. */
	public static final String THREAD_NAME = "zmq-keep-alive";

	private final Object monitor = new Object();

	private final Map<Object, String> holders = new LinkedHashMap<>();

	private Thread thread;

	/**
	 * Keep the JVM alive until the returned handle is closed.
	 * @param holder who holds it, for {@link #getHolders()}, such as
	 * {@code listener 'orders'}
	 * @return the handle; closing it more than once has no further effect
	 */
	public AutoCloseable acquire(String holder) {
		Object key = new Object();
		synchronized (this.monitor) {
			this.holders.put(key, holder);
			if (this.thread == null) {
				Thread keeper = new Thread(this::await, THREAD_NAME);
				keeper.setDaemon(false);
				this.thread = keeper;
				keeper.start();
			}
		}
		return () -> release(key);
	}

	private void release(Object key) {
		synchronized (this.monitor) {
			if (this.holders.remove(key) != null && this.holders.isEmpty()) {
				this.monitor.notifyAll();
			}
		}
	}

	private void await() {
		synchronized (this.monitor) {
			while (!this.holders.isEmpty()) {
				try {
					this.monitor.wait();
				}
				catch (InterruptedException ex) {
					// only the last release ends this thread: that is its whole purpose
				}
			}
			this.thread = null;
		}
	}

	/**
	 * @return who keeps the JVM alive now, in the order they acquired it
	 */
	public List<String> getHolders() {
		synchronized (this.monitor) {
			return new ArrayList<>(this.holders.values());
		}
	}

	/**
	 * @return whether the non-daemon thread is running
	 */
	public boolean isKeepingAlive() {
		synchronized (this.monitor) {
			return this.thread != null;
		}
	}

}
