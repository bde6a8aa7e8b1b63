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

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZEvent;
import zmq.ZError;
import zmq.util.Errno;

import org.springframework.util.unit.DataSize;

/**
 * Counts and logs the peers a socket disconnected because they sent a message over its
 * {@code max-message-size}. JeroMQ drops such a connection itself (its decoder fails with
 * {@code EMSGSIZE} before allocating the frame); this class notices it in the socket's
 * {@code DISCONNECTED} event, which JeroMQ raises on the I/O thread right after the
 * decoder has set that thread's error number.
 * <p>
 * The warning names the socket, the limit and the peer's address, and is rate-limited (at
 * most one per {@link #LOG_INTERVAL_NANOS ten seconds} per socket, with the number
 * suppressed in between) so that a flood of hostile connections cannot flood the log.
 *
 * @author zmq-spring-boot
 */
public final class ZmqOversizeMonitor {

	/** The shortest interval between two warnings of one socket. */
	static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final Log logger = LogFactory.getLog(ZmqOversizeMonitor.class);

	// JeroMQ's error number is one per thread; any instance reads the calling thread's
	private static final Errno ERRNO = new Errno();

	private final String socketName;

	private final AtomicLong disconnects = new AtomicLong();

	private final AtomicLong suppressed = new AtomicLong();

	private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

	private volatile DataSize limit;

	/**
	 * Create a monitor for one socket.
	 * @param socketName the socket's name, for the log
	 */
	public ZmqOversizeMonitor(String socketName) {
		this.socketName = socketName;
	}

	/**
	 * Set the limit in force, for the log.
	 * @param limit the socket's maximum message size
	 */
	void setLimit(DataSize limit) {
		this.limit = limit;
	}

	/**
	 * Handle a {@code DISCONNECTED} event, on the JeroMQ thread that raised it.
	 * @param event the event
	 * @return whether the peer was disconnected for an oversized message
	 */
	boolean onDisconnected(ZEvent event) {
		if (ERRNO.get() != ZError.EMSGSIZE) {
			return false;
		}
		// consumed: a later disconnect on this I/O thread must not be mistaken for one
		ERRNO.set(0);
		long count = this.disconnects.incrementAndGet();
		long now = System.nanoTime();
		long next = this.nextLog.get();
		if (now - next >= 0 && this.nextLog.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
			long skipped = this.suppressed.getAndSet(0);
			if (logger.isWarnEnabled()) {
				logger.warn("ZeroMQ socket '" + this.socketName + "' disconnected peer " + peer(event)
						+ ": it sent a message over max-message-size "
						+ ((this.limit != null) ? this.limit.toBytes() + " bytes" : "") + " (" + count
						+ " such disconnects so far" + ((skipped > 0) ? ", " + skipped + " not logged" : "") + ")");
			}
		}
		else {
			this.suppressed.incrementAndGet();
		}
		return true;
	}

	private static String peer(ZEvent event) {
		Object value = event.getValue();
		if (value instanceof SocketChannel channel) {
			try {
				SocketAddress remote = channel.getRemoteAddress();
				if (remote != null) {
					return remote.toString();
				}
			}
			catch (IOException | RuntimeException ex) {
				// closed already: fall back to the endpoint
			}
		}
		return "on " + event.getAddress();
	}

	/**
	 * Return how many peers this socket disconnected because they sent a message over its
	 * {@code max-message-size}.
	 * @return the number of such disconnects since the socket opened
	 */
	public long getOversizeDisconnects() {
		return this.disconnects.get();
	}

}
