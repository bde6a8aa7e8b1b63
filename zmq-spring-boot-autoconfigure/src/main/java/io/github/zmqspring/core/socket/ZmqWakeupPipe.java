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
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;

import io.github.zmqspring.core.ZmqException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wakes a thread that sleeps in a ZeroMQ poll without touching its socket and without
 * {@code Thread.interrupt()} (JeroMQ is not interrupt-safe, DESIGN rule 1): the owner
 * registers {@link #source()} with its poller, other threads {@link #signal()}, and the
 * owner {@link #drain() drains} after waking.
 *
 * @author zmq-spring-boot
 */
public final class ZmqWakeupPipe {

	private static final Log logger = LogFactory.getLog(ZmqWakeupPipe.class);

	private final String owner;

	private final Pipe pipe;

	/** Reused by {@link #drain()}, which only the owner's thread calls. */
	private final ByteBuffer drainBuffer = ByteBuffer.allocateDirect(64);

	/**
	 * Open a pipe.
	 * @param owner what the pipe wakes, for messages (for example {@code socket 'jobs'})
	 * @throws ZmqException when the pipe cannot be opened
	 */
	public ZmqWakeupPipe(String owner) {
		this.owner = owner;
		try {
			this.pipe = Pipe.open();
			this.pipe.source().configureBlocking(false);
		}
		catch (IOException ex) {
			throw new ZmqException("Cannot open the wake-up pipe of " + owner, ex);
		}
	}

	/**
	 * @return the end to register with a poller for {@code POLLIN}
	 */
	public SelectableChannel source() {
		return this.pipe.source();
	}

	/**
	 * Wake the owner; a no-op once the pipe is closed (the owner has ended).
	 */
	public void signal() {
		try {
			this.pipe.sink().write(ByteBuffer.wrap(new byte[] { 1 }));
		}
		catch (IOException ex) {
			logger.trace("Wake-up of " + this.owner + " after it ended", ex);
		}
	}

	/**
	 * Consume the pending wake-ups; called by the owner, the one thread that waits on the
	 * pipe, after its poll found the pipe readable.
	 */
	public void drain() {
		try {
			ByteBuffer buffer = this.drainBuffer;
			buffer.clear();
			while (this.pipe.source().read(buffer) > 0) {
				buffer.clear();
			}
		}
		catch (IOException ex) {
			logger.debug("Wake-up pipe of " + this.owner + " failed", ex);
		}
	}

	/**
	 * Close both ends.
	 */
	public void close() {
		try {
			this.pipe.sink().close();
			this.pipe.source().close();
		}
		catch (IOException ex) {
			logger.debug("Closing the wake-up pipe of " + this.owner + " failed", ex);
		}
	}

}
