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

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.zmqspring.core.ZmqLifecyclePhases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZContext;

import org.springframework.context.SmartLifecycle;

/**
 * Closes a managed {@link ZContext} after every socket of this library has closed (its
 * phase is the lowest of ours), and never hangs: JeroMQ's {@code close()} waits for every
 * socket's linger and blocks forever on a socket that was never closed, so it runs on a
 * helper thread and is abandoned, with a warning, once the shutdown timeout has passed.
 *
 * @author zmq-spring-boot
 */
public class ZmqContextLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ZmqContextLifecycle.class);

	private final ZContext context;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	/**
	 * Create a lifecycle for a context.
	 * @param context the context to close at shutdown
	 * @param shutdownTimeout the longest the close may take
	 */
	public ZmqContextLifecycle(ZContext context, Duration shutdownTimeout) {
		this.context = context;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		close(this.context, this.shutdownTimeout);
	}

	/**
	 * Close a context, waiting at most {@code timeout}.
	 * @param context the context
	 * @param timeout the longest to wait
	 * @return whether the context closed in time
	 */
	public static boolean close(ZContext context, Duration timeout) {
		if (context.isClosed()) {
			return true;
		}
		CompletableFuture<Void> closed = new CompletableFuture<>();
		Thread closer = new Thread(() -> {
			try {
				context.close();
				closed.complete(null);
			}
			catch (RuntimeException ex) {
				closed.completeExceptionally(ex);
			}
		}, "zmq-context-close");
		closer.setDaemon(true);
		closer.start();
		try {
			closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			logger.warn("ZeroMQ context did not close within " + timeout
					+ "; a socket was left open (sockets must be closed by their owning thread)");
		}
		catch (ExecutionException ex) {
			logger.warn("ZeroMQ context failed to close", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	/**
	 * Route the exceptions of JeroMQ's own threads (I/O threads, the reaper) to this
	 * library's log instead of standard error. An exception caused by a closed channel is
	 * JeroMQ's shutdown race (an I/O thread acknowledging a socket whose mailbox is
	 * already closed; zeromq/jeromq#332): logged at debug, since nothing is lost.
	 * Anything else is a warning, and a thread that dies is an error.
	 * @param context the context
	 */
	public static void logThreadExceptions(ZContext context) {
		context.setNotificationExceptionHandler((thread, ex) -> {
			if (causedByClosedChannel(ex)) {
				logger.debug("ZeroMQ thread '" + thread.getName() + "' hit a closed channel while closing", ex);
			}
			else {
				logger.warn("ZeroMQ thread '" + thread.getName() + "' reported an error", ex);
			}
		});
		context.setUncaughtExceptionHandler(
				(thread, ex) -> logger.error("ZeroMQ thread '" + thread.getName() + "' ended with an error", ex));
	}

	private static boolean causedByClosedChannel(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof ClosedChannelException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return ZmqLifecyclePhases.CONTEXT;
	}

}
