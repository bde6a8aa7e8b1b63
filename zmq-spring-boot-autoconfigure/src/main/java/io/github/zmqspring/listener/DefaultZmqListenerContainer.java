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
package io.github.zmqspring.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqLifecyclePhases;
import io.github.zmqspring.core.socket.ZmqSocketHandle;
import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.observation.ZmqListenerObservations;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMsg;

/**
 * The default {@link ZmqListenerContainer}: the container's socket is a
 * {@link ZmqSocketOwner}, the socket loop that the template's sockets use too (DESIGN
 * rule 1). Its loop thread reads what arrives in batches and hands each message to the
 * {@link ZmqMessagingMessageListenerAdapter}, without holding the socket's lock, so an
 * idle listener costs no CPU, the first message after a long idle is delivered at once,
 * and {@link #stop()} never interrupts a thread that may be inside a socket call.
 * <p>
 * With a concurrency of 1 (the default) the loop thread invokes the handler itself, in
 * arrival order. With more, it feeds a bounded queue read by that many worker threads;
 * arrival order across workers is then lost, which matters for SUB and PAIR.
 * <p>
 * On REP and ROUTER sockets the handler's return value is the reply, routed back by the
 * request's envelope (see the adapter). A REP listener is served by a ROUTER socket that
 * speaks REP's envelope (as libzmq's REP does inside), so replies may be produced by
 * workers or by a returned {@link CompletionStage} in any order while the socket keeps
 * receiving; whoever produces a reply writes it under the socket's lock, without waiting.
 *
 * @author zmq-spring-boot
 */
public class DefaultZmqListenerContainer implements ZmqListenerContainer {

	private static final Log logger = LogFactory.getLog(DefaultZmqListenerContainer.class);

	private static final byte[][] STOP = new byte[0][];

	private final ZmqListenerEndpoint endpoint;

	private final ZmqSocketManager socketManager;

	private final ZmqMessagingMessageListenerAdapter adapter;

	private final Duration startTimeout;

	private final Duration stopTimeout;

	private final int queueCapacity;

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong repliesDropped = new AtomicLong();

	private final boolean replying;

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	private volatile Run current;

	private List<ZmqListenerSocketHook> socketHooks = List.of();

	// what the socket hooks of the current run asked to close at stop
	private final List<AutoCloseable> hookHandles = new ArrayList<>();

	/**
	 * Create a container; nothing happens until {@link #start()}.
	 * @param endpoint the listener
	 * @param socketManager the socket manager (its factory opens the socket; bound
	 * endpoints are registered with it)
	 * @param adapter the adapter that invokes the handler method and owns the reply (with
	 * its error handler set)
	 * @param startTimeout how long the socket may take to open
	 * @param stopTimeout how long {@link #stop()} waits for in-flight work and the socket
	 * to close
	 * @param queueCapacity the capacity of the queue feeding the workers when concurrency
	 * is above 1
	 */
	public DefaultZmqListenerContainer(ZmqListenerEndpoint endpoint, ZmqSocketManager socketManager,
			ZmqMessagingMessageListenerAdapter adapter, Duration startTimeout, Duration stopTimeout,
			int queueCapacity) {
		this.endpoint = endpoint;
		this.socketManager = socketManager;
		this.adapter = adapter;
		this.startTimeout = startTimeout;
		this.stopTimeout = stopTimeout;
		this.queueCapacity = queueCapacity;
		SocketType type = endpoint.getSocketSpec().getType();
		this.replying = type == SocketType.REP || type == SocketType.ROUTER;
	}

	@Override
	public String getListenerId() {
		return this.endpoint.getId();
	}

	@Override
	public ZmqListenerEndpoint getEndpoint() {
		return this.endpoint;
	}

	@Override
	public String getSocketName() {
		return this.endpoint.getSocketSpec().getName();
	}

	@Override
	public SocketType getSocketType() {
		return this.endpoint.getSocketSpec().getType();
	}

	@Override
	public long getReceivedCount() {
		return this.received.get();
	}

	@Override
	public long getErrorCount() {
		return this.adapter.getErrorCount();
	}

	@Override
	public long getRepliesDropped() {
		return this.repliesDropped.get();
	}

	@Override
	public long getUnreadableCount() {
		return this.adapter.getUnreadableCount();
	}

	@Override
	public int getBacklog() {
		Run run = this.current;
		return (run != null && run.queue != null) ? run.queue.size() : 0;
	}

	@Override
	public List<String> getBoundEndpoints() {
		Run run = this.current;
		return (run != null) ? run.owner.getBoundEndpoints() : List.of();
	}

	/**
	 * @return the socket loop of the current run, or {@code null} when not running (its
	 * counters and peer tracker are those of the listener's socket)
	 */
	public ZmqSocketOwner getSocket() {
		Run run = this.current;
		return (run != null) ? run.owner : null;
	}

	@Override
	public @Nullable ZmqPeerTracker getTracker() {
		Run run = this.current;
		return (run != null && run.owner.isRunning()) ? run.owner.getTracker() : null;
	}

	@Override
	public @Nullable Throwable getFailure() {
		Run run = this.current;
		return (run != null && this.running) ? run.owner.getFailure() : null;
	}

	@Override
	public void setObservations(@Nullable ZmqListenerObservations observations) {
		this.adapter.setObservations(observations);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.endpoint.isAutoStartup();
	}

	@Override
	public int getPhase() {
		return ZmqLifecyclePhases.LISTENERS;
	}

	/**
	 * Set the hooks told when this container's socket has opened (such as discovery).
	 * @param socketHooks the hooks, called in order at each start
	 */
	public void setSocketHooks(List<ZmqListenerSocketHook> socketHooks) {
		this.socketHooks = List.copyOf(socketHooks);
	}

	@Override
	public <T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback) {
		Run run = this.current;
		if (run == null) {
			return CompletableFuture
				.failedFuture(new ZmqException("Listener '" + getListenerId() + "' is not running"));
		}
		return run.owner.execute(callback);
	}

	/**
	 * Start the container and wait until its socket has bound and connected.
	 * @throws ZmqException (or its subclass naming the property at fault) when the socket
	 * cannot be opened, for example when the port is in use
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			Run run = new Run();
			run.start();
			this.current = run;
			this.running = true;
			openHooks();
		}
	}

	private void openHooks() {
		List<String> bound = this.socketManager.getBoundEndpoints(getSocketName());
		try {
			for (ZmqListenerSocketHook hook : this.socketHooks) {
				AutoCloseable handle = hook.socketOpened(this, bound);
				if (handle != null) {
					this.hookHandles.add(handle);
				}
			}
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	// before the socket closes, so that a goodbye goes out while it still serves
	private void closeHooks() {
		for (int i = this.hookHandles.size() - 1; i >= 0; i--) {
			try {
				this.hookHandles.get(i).close();
			}
			catch (Exception ex) {
				logger.warn("Listener '" + getListenerId() + "' could not close " + this.hookHandles.get(i), ex);
			}
		}
		this.hookHandles.clear();
	}

	/**
	 * Stop the container: the socket stops receiving, in-flight messages finish, queued
	 * ones are dropped (and counted in the log), and the socket closes. Waits at most the
	 * stop timeout.
	 */
	@Override
	public void stop() {
		stopWithin();
	}

	@Override
	public void stop(Runnable callback) {
		try {
			stopWithin();
		}
		finally {
			callback.run();
		}
	}

	/**
	 * Stop the container, as {@link #stop()}.
	 * @return whether everything ended within the stop timeout
	 */
	public boolean stopWithin() {
		synchronized (this.lifecycleMonitor) {
			closeHooks();
			Run run = this.current;
			this.running = false;
			this.current = null;
			if (run == null) {
				return true;
			}
			boolean done = run.stop(this.stopTimeout);
			if (!done) {
				logger
					.warn("Listener '" + getListenerId() + "' on socket '" + getSocketName() + "' did not stop within "
							+ this.stopTimeout + " (a handler is still busy); continuing shutdown");
			}
			return done;
		}
	}

	/**
	 * One run of the container, from start to stop: the socket loop and, when concurrency
	 * is above 1, the workers.
	 */
	private final class Run {

		private final ZmqSocketSpec spec = DefaultZmqListenerContainer.this.endpoint.getSocketSpec();

		private final ZmqSocketOwner owner;

		private final BlockingQueue<byte[][]> queue;

		private final List<Thread> workers = new ArrayList<>();

		private final CountDownLatch workersDone;

		private final ZmqMessagingMessageListenerAdapter.ReplySender replies = this::sendReply;

		private volatile boolean active = true;

		Run() {
			int concurrency = DefaultZmqListenerContainer.this.endpoint.getConcurrency();
			this.queue = (concurrency > 1) ? new ArrayBlockingQueue<>(DefaultZmqListenerContainer.this.queueCapacity)
					: null;
			this.workersDone = new CountDownLatch((concurrency > 1) ? concurrency : 0);
			// REP is served by a ROUTER speaking REP's envelope, so that replies may come
			// from workers or futures, out of order, without blocking receive
			SocketType actual = DefaultZmqListenerContainer.this.replying ? SocketType.ROUTER
					: (this.spec.getType() == SocketType.PUB) ? SocketType.XPUB : this.spec.getType();
			this.owner = new ZmqSocketOwner(DefaultZmqListenerContainer.this.socketManager.getFactory(), this.spec,
					actual);
			this.owner.setInboundFramesHandler(this::hand);
		}

		void start() {
			String id = getListenerId();
			if (this.queue != null) {
				for (int i = 0; i < DefaultZmqListenerContainer.this.endpoint.getConcurrency(); i++) {
					Thread worker = new Thread(this::work, "zmq-listener-" + id + "-" + i);
					worker.setDaemon(true);
					this.workers.add(worker);
					worker.start();
				}
			}
			try {
				this.owner.start(DefaultZmqListenerContainer.this.startTimeout);
			}
			catch (RuntimeException ex) {
				stopWorkers(Duration.ofSeconds(1));
				throw ex;
			}
			DefaultZmqListenerContainer.this.socketManager.registerBoundEndpoints(this.spec.getName(),
					this.owner.getBoundEndpoints());
		}

		/**
		 * On the loop thread, without the lock: invoke inline, or queue for the workers
		 * (waiting for room, unless stopping).
		 */
		private void hand(byte[][] msg) {
			if (!this.active) {
				return;
			}
			if (this.queue == null) {
				dispatch(msg);
				return;
			}
			try {
				// bounded wait so that a full queue never pins the loop thread past
				// stop()
				while (this.active && !this.queue.offer(msg, 50, TimeUnit.MILLISECONDS)) {
					// the workers are behind: the socket's own high-water mark pushes
					// back on peers
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void dispatch(byte[][] msg) {
			DefaultZmqListenerContainer.this.received.incrementAndGet();
			DefaultZmqListenerContainer.this.adapter.onMessage(msg, this.replies);
		}

		private boolean sendReply(ZMsg reply) {
			if (!this.active) {
				DefaultZmqListenerContainer.this.repliesDropped.incrementAndGet();
				logger.debug("Listener '" + getListenerId() + "' stopped before a reply was ready; dropped");
				return false;
			}
			if (!this.owner.tryWrite(ZmqSocketOwner.toFrames(reply))) {
				DefaultZmqListenerContainer.this.repliesDropped.incrementAndGet();
				logger.debug("Listener '" + getListenerId() + "' could not deliver a reply on socket '"
						+ getSocketName() + "'");
				return false;
			}
			return true;
		}

		private void work() {
			try {
				while (true) {
					byte[][] next = this.queue.take();
					if (next == STOP) {
						return;
					}
					dispatch(next);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.workersDone.countDown();
			}
		}

		boolean stop(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			this.active = false;
			boolean socketClosed = this.owner.stop(timeout);
			DefaultZmqListenerContainer.this.socketManager.registerBoundEndpoints(this.spec.getName(), List.of());
			boolean workersStopped = stopWorkers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			return socketClosed && workersStopped;
		}

		private boolean stopWorkers(Duration timeout) {
			if (this.queue == null) {
				return true;
			}
			List<byte[][]> dropped = new ArrayList<>();
			this.queue.drainTo(dropped);
			if (!dropped.isEmpty()) {
				logger.info("Listener '" + getListenerId() + "' stopped with " + dropped.size()
						+ " received messages not yet handled");
			}
			for (int i = 0; i < this.workers.size(); i++) {
				// room is there: the loop no longer adds and the queue was drained
				this.queue.offer(STOP);
			}
			try {
				return this.workersDone.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

	}

}
