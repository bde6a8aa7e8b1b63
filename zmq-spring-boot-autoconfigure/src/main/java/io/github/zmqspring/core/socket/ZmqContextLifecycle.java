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
import java.util.concurrent.atomic.AtomicReference;

import io.github.zmqspring.core.ZmqLifecyclePhases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

/**
 * Closes a managed {@link ZContext} after every socket of this library has closed (its
 * phase is the lowest of ours), and never hangs: JeroMQ's {@code close()} waits for every
 * socket's linger and blocks forever on a socket that was never closed, so it runs on a
 * helper thread and is abandoned, with a warning, once the shutdown timeout has passed.
 * <p>
 * It also watches JeroMQ's own threads of the context: a thread that dies (an I/O thread
 * or the reaper, for example of an {@code OutOfMemoryError}) leaves every socket it
 * serves dead, so the context is marked {@link #isFailed() failed} with the cause, the
 * death is logged at error and a {@link ZmqContextFailedEvent} is published.
 *
 * @author zmq-spring-boot
 */
public class ZmqContextLifecycle implements SmartLifecycle, ApplicationEventPublisherAware {

	private static final Log logger = LogFactory.getLog(ZmqContextLifecycle.class);

	private final ZContext context;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	private final AtomicReference<Failure> failure = new AtomicReference<>();

	private volatile ApplicationEventPublisher eventPublisher;

	/**
	 * Create a lifecycle for a context and watch its threads. Create it before the
	 * context's first socket: JeroMQ fixes its threads' exception handler when it starts
	 * them.
	 * @param context the context to close at shutdown
	 * @param shutdownTimeout the longest the close may take
	 */
	public ZmqContextLifecycle(ZContext context, Duration shutdownTimeout) {
		this.context = context;
		this.shutdownTimeout = shutdownTimeout;
		try {
			context.setUncaughtExceptionHandler(this::threadDied);
		}
		catch (IllegalStateException ex) {
			logger.warn("ZeroMQ context already has sockets: a death of one of its threads will be logged but "
					+ "not reported by ZmqContextLifecycle.isFailed()");
		}
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Record the death of one of the context's threads; called by JeroMQ on that thread.
	 * Public so that an application that creates the context's threads itself can report
	 * them.
	 * @param thread the thread that died
	 * @param ex what it died of
	 */
	public void threadDied(Thread thread, Throwable ex) {
		String name = thread.getName();
		boolean first = this.failure.compareAndSet(null, new Failure(name, ex));
		logger.error("ZeroMQ thread '" + name + "' ended with an error: the sockets it served neither send nor "
				+ "receive any more, and the context is marked failed" + (first ? "" : " (it had failed already)")
				+ ". Set zmq.context.exit-on-failure=true to exit the application instead, so that it is restarted",
				ex);
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			try {
				publisher.publishEvent(new ZmqContextFailedEvent(this, name, ex));
			}
			catch (RuntimeException | Error listenerFailure) {
				logger.error("A listener of ZmqContextFailedEvent failed", listenerFailure);
			}
		}
	}

	/**
	 * Return whether one of JeroMQ's threads of the context has died, leaving some or all
	 * of its sockets unable to send or receive.
	 * @return whether the context has failed
	 */
	public boolean isFailed() {
		return this.failure.get() != null;
	}

	/**
	 * Return what the first thread of the context that died died of.
	 * @return the cause, or {@code null} when the context has not failed
	 */
	public Throwable getFailure() {
		Failure current = this.failure.get();
		return (current != null) ? current.cause() : null;
	}

	/**
	 * Return the name of the first thread of the context that died.
	 * @return the thread's name, or {@code null} when the context has not failed
	 */
	public String getFailedThreadName() {
		Failure current = this.failure.get();
		return (current != null) ? current.threadName() : null;
	}

	/**
	 * @return the managed context
	 */
	public ZContext getContext() {
		return this.context;
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

	private record Failure(String threadName, Throwable cause) {
	}

}
