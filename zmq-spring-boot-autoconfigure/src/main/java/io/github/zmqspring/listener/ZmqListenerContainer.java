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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqSocketFactory;
import io.github.zmqspring.core.ZmqSocketHandle;
import io.github.zmqspring.core.ZmqSocketManager;
import io.github.zmqspring.core.ZmqSocketSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.messaging.Message;

/**
 * Receives on one socket and hands each message to a listener. The socket lives on the
 * container's own thread for its whole life (DESIGN rule 1): that thread opens it, binds
 * and connects, polls it together with a wake-up pipe (so an idle listener costs no CPU,
 * the first message after a long idle is delivered at once, and {@link #stop()} never
 * interrupts the socket's thread), drains what arrived and closes it.
 * <p>
 * With a concurrency of 1 (the default) the socket's thread invokes the handler itself,
 * in arrival order. With more, that thread feeds a bounded queue read by that many worker
 * threads; arrival order across workers is then lost, which matters for SUB and PAIR.
 * <p>
 * Containers are created by a {@link ZmqListenerContainerFactory} and started and stopped
 * by the {@link ZmqListenerEndpointRegistry}; they are not beans.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainer {

	private static final Log logger = LogFactory.getLog(ZmqListenerContainer.class);

	private static final Object STOP = new Object();

	private final ZmqListenerEndpoint endpoint;

	private final ZmqSocketFactory socketFactory;

	private final ZmqSocketManager socketManager;

	private final ZmqMessagingMessageListenerAdapter adapter;

	private final ZmqListenerErrorHandler errorHandler;

	private final Duration startTimeout;

	private final Duration stopTimeout;

	private final int queueCapacity;

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

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
	 * @param adapter the adapter that invokes the handler method
	 * @param errorHandler the error handler
	 * @param startTimeout how long the socket may take to open
	 * @param stopTimeout how long {@link #stop()} waits for in-flight work and the socket
	 * to close
	 * @param queueCapacity the capacity of the queue feeding the workers when concurrency
	 * is above 1
	 */
	public ZmqListenerContainer(ZmqListenerEndpoint endpoint, ZmqSocketManager socketManager,
			ZmqMessagingMessageListenerAdapter adapter, ZmqListenerErrorHandler errorHandler, Duration startTimeout,
			Duration stopTimeout, int queueCapacity) {
		this.endpoint = endpoint;
		this.socketManager = socketManager;
		this.socketFactory = socketManager.getFactory();
		this.adapter = adapter;
		this.errorHandler = errorHandler;
		this.startTimeout = startTimeout;
		this.stopTimeout = stopTimeout;
		this.queueCapacity = queueCapacity;
	}

	/**
	 * @return the listener's id
	 */
	public String getListenerId() {
		return this.endpoint.getId();
	}

	/**
	 * @return the endpoint this container runs
	 */
	public ZmqListenerEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * @return the name of the socket this container receives on
	 */
	public String getSocketName() {
		return this.endpoint.getSocketSpec().getName();
	}

	/**
	 * @return the messages received so far
	 */
	public long getReceivedCount() {
		return this.received.get();
	}

	/**
	 * @return the messages whose processing failed so far
	 */
	public long getErrorCount() {
		return this.errors.get();
	}

	/**
	 * @return whether the container is running
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Set the hooks told when this container's socket has opened (such as discovery).
	 * @param socketHooks the hooks, called in order at each start
	 */
	public void setSocketHooks(List<ZmqListenerSocketHook> socketHooks) {
		this.socketHooks = List.copyOf(socketHooks);
	}

	/**
	 * Run a callback with the socket on the socket's own thread (DESIGN rule 1), for
	 * example to connect it to an endpoint found at run time. Callbacks run in call
	 * order, between messages; they must be short, since no message is received
	 * meanwhile.
	 * @param <T> the result type
	 * @param callback the callback
	 * @return a future of the callback's result, failed when the container is not running
	 * or stops first
	 */
	public <T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback) {
		Run run = this.current;
		if (run == null) {
			return CompletableFuture
				.failedFuture(new ZmqException("Listener '" + getListenerId() + "' is not running"));
		}
		return run.execute(callback);
	}

	/**
	 * Start the container and wait until its socket has bound and connected.
	 * @throws ZmqException (or its subclass naming the property at fault) when the socket
	 * cannot be opened, for example when the port is in use
	 */
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
	 * ones are dropped (and counted in the log), and the socket closes on its own thread.
	 * Waits at most the stop timeout.
	 * @return whether everything ended within the stop timeout
	 */
	public boolean stop() {
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

	private void dispatch(ZMsg msg) {
		this.received.incrementAndGet();
		Message<byte[]> message;
		try {
			message = this.adapter.toMessage(msg);
		}
		catch (RuntimeException ex) {
			this.errors.incrementAndGet();
			logger.error(
					"Listener '" + getListenerId() + "' could not read a message from socket '" + getSocketName() + "'",
					ex);
			return;
		}
		try {
			Object result = this.adapter.invoke(message);
			handleResult(result, message);
		}
		catch (Exception ex) {
			this.errors.incrementAndGet();
			ZmqListenerExecutionFailedException failure = new ZmqListenerExecutionFailedException(getListenerId(),
					getSocketName(), ex);
			try {
				this.errorHandler.handleError(message, failure);
			}
			catch (RuntimeException handlerEx) {
				logger.error("Error handler of listener '" + getListenerId() + "' failed", handlerEx);
			}
		}
	}

	/**
	 * Handle the result of the handler method. Receive-only sockets have nowhere to send
	 * it, so it is ignored; REP and ROUTER containers send it back as the reply.
	 * @param result the handler's result, {@code null} for {@code void}
	 * @param request the message that produced it
	 */
	protected void handleResult(Object result, Message<byte[]> request) {
		if (result != null && logger.isDebugEnabled()) {
			logger.debug("Listener '" + getListenerId() + "' returned a result that a "
					+ this.endpoint.getSocketSpec().getType() + " socket cannot send; ignored");
		}
	}

	/**
	 * One run of the container, from start to stop: the socket's thread, its wake-up
	 * pipe, and the workers when concurrency is above 1.
	 */
	private final class Run {

		private final ZmqSocketSpec spec = ZmqListenerContainer.this.endpoint.getSocketSpec();

		private final Pipe wakeup;

		private final CompletableFuture<ZmqSocketHandle> ready = new CompletableFuture<>();

		private final CountDownLatch terminated = new CountDownLatch(1);

		private final BlockingQueue<Object> queue;

		private final List<Thread> workers = new ArrayList<>();

		private final Queue<SocketTask<?>> tasks = new ConcurrentLinkedQueue<>();

		private volatile boolean closed;

		private final CountDownLatch workersDone;

		private volatile boolean active = true;

		Run() {
			int concurrency = ZmqListenerContainer.this.endpoint.getConcurrency();
			this.queue = (concurrency > 1) ? new ArrayBlockingQueue<>(ZmqListenerContainer.this.queueCapacity) : null;
			this.workersDone = new CountDownLatch((concurrency > 1) ? concurrency : 0);
			try {
				this.wakeup = Pipe.open();
				this.wakeup.source().configureBlocking(false);
			}
			catch (IOException ex) {
				throw new ZmqException("Cannot open the wake-up pipe of listener '" + getListenerId() + "'", ex);
			}
		}

		void start() {
			String id = getListenerId();
			if (this.queue != null) {
				for (int i = 0; i < ZmqListenerContainer.this.endpoint.getConcurrency(); i++) {
					Thread worker = new Thread(this::work, "zmq-listener-" + id + "-" + i);
					worker.setDaemon(true);
					this.workers.add(worker);
					worker.start();
				}
			}
			Thread owner = new Thread(this::receive, "zmq-listener-" + id);
			owner.setDaemon(true);
			owner.start();
			try {
				ZmqListenerContainer.this.socketManager.registerBoundEndpoints(this.spec.getName(),
						this.ready.get(ZmqListenerContainer.this.startTimeout.toMillis(), TimeUnit.MILLISECONDS)
							.getBoundEndpoints());
			}
			catch (ExecutionException ex) {
				stopWorkers(Duration.ofSeconds(1));
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new ZmqException("Listener '" + id + "' cannot open socket '" + this.spec.getName() + "'",
						ex.getCause());
			}
			catch (TimeoutException ex) {
				stop(Duration.ofSeconds(1));
				throw new ZmqException("Listener '" + id + "' socket '" + this.spec.getName() + "' did not open within "
						+ ZmqListenerContainer.this.startTimeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stop(Duration.ofSeconds(1));
				throw new ZmqException("Interrupted while starting listener '" + id + "'", ex);
			}
		}

		private void receive() {
			ZmqSocketHandle handle;
			try {
				handle = ZmqListenerContainer.this.socketFactory.open(this.spec);
			}
			catch (RuntimeException ex) {
				this.ready.completeExceptionally(ex);
				closePipe();
				this.terminated.countDown();
				return;
			}
			ZMQ.Poller poller = ZmqListenerContainer.this.socketFactory.getContext().createPoller(2);
			try {
				poller.register(this.wakeup.source(), ZMQ.Poller.POLLIN);
				poller.register(handle.getSocket(), ZMQ.Poller.POLLIN);
				this.ready.complete(handle);
				ZMQ.Socket socket = handle.getSocket();
				while (this.active) {
					runTasks(handle);
					ZMsg msg;
					while (this.active && (msg = ZMsg.recvMsg(socket, ZMQ.DONTWAIT)) != null) {
						hand(msg);
					}
					if (!this.active) {
						break;
					}
					poller.poll(-1);
					drainWakeup();
				}
			}
			catch (RuntimeException | Error ex) {
				logger.error("Listener '" + getListenerId() + "' on socket '" + this.spec.getName()
						+ "' failed; its thread is ending", ex);
			}
			finally {
				this.closed = true;
				failTasks();
				poller.close();
				ZmqListenerContainer.this.socketManager.registerBoundEndpoints(this.spec.getName(), List.of());
				ZmqListenerContainer.this.socketFactory.close(handle);
				closePipe();
				this.terminated.countDown();
			}
		}

		<T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback) {
			SocketTask<T> task = new SocketTask<>(callback);
			this.tasks.add(task);
			if (this.closed) {
				// the socket's thread may have failed what was left before this arrived
				failTasks();
			}
			else {
				signal();
			}
			return task.result;
		}

		private void runTasks(ZmqSocketHandle handle) {
			SocketTask<?> task;
			while ((task = this.tasks.poll()) != null) {
				task.run(handle);
			}
		}

		private void failTasks() {
			SocketTask<?> task;
			while ((task = this.tasks.poll()) != null) {
				task.result.completeExceptionally(
						new ZmqException("Listener '" + getListenerId() + "' stopped before running a callback"));
			}
		}

		/**
		 * Invoke inline, or queue for the workers (waiting for room, unless stopping).
		 */
		private void hand(ZMsg msg) {
			if (this.queue == null) {
				dispatch(msg);
				return;
			}
			try {
				// bounded wait so that a full queue never pins the socket thread past
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

		private void work() {
			try {
				while (true) {
					Object next = this.queue.take();
					if (next == STOP) {
						return;
					}
					dispatch((ZMsg) next);
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
			signal();
			boolean socketClosed = await(this.terminated, deadline);
			boolean workersStopped = stopWorkers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			return socketClosed && workersStopped;
		}

		private boolean stopWorkers(Duration timeout) {
			if (this.queue == null) {
				return true;
			}
			List<Object> dropped = new ArrayList<>();
			this.queue.drainTo(dropped);
			if (!dropped.isEmpty()) {
				logger.info("Listener '" + getListenerId() + "' stopped with " + dropped.size()
						+ " received messages not yet handled");
			}
			for (int i = 0; i < this.workers.size(); i++) {
				// room is there: the socket thread no longer adds and the queue was
				// drained
				this.queue.offer(STOP);
			}
			return await(this.workersDone, System.nanoTime() + timeout.toNanos());
		}

		private boolean await(CountDownLatch latch, long deadline) {
			try {
				return latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private void signal() {
			try {
				this.wakeup.sink().write(ByteBuffer.wrap(new byte[] { 1 }));
			}
			catch (IOException ex) {
				// closed: the socket thread has already ended
			}
		}

		private void drainWakeup() {
			try {
				ByteBuffer buffer = ByteBuffer.allocate(16);
				while (this.wakeup.source().read(buffer) > 0) {
					buffer.clear();
				}
			}
			catch (IOException ex) {
				logger.debug("Wake-up pipe of listener '" + getListenerId() + "' failed", ex);
			}
		}

		private void closePipe() {
			try {
				this.wakeup.sink().close();
				this.wakeup.source().close();
			}
			catch (IOException ex) {
				logger.debug("Closing the wake-up pipe failed", ex);
			}
		}

	}

	/** A callback waiting for the socket's thread. */
	private static final class SocketTask<T> {

		private final Function<ZmqSocketHandle, T> callback;

		private final CompletableFuture<T> result = new CompletableFuture<>();

		SocketTask(Function<ZmqSocketHandle, T> callback) {
			this.callback = callback;
		}

		void run(ZmqSocketHandle handle) {
			try {
				this.result.complete(this.callback.apply(handle));
			}
			catch (RuntimeException ex) {
				this.result.completeExceptionally(ex);
			}
		}

	}

}
