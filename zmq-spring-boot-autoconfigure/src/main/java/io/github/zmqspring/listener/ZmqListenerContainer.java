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
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.convert.ZmqPayloadConverter;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketHandle;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.core.socket.ZmqSocketTasks;
import io.github.zmqspring.core.socket.ZmqWakeupPipe;
import io.github.zmqspring.observation.ZmqListenerObservations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

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
 * On REP and ROUTER sockets the handler's return value is the reply, routed back by the
 * request's envelope. A REP listener is served by a ROUTER socket that speaks REP's
 * envelope (as libzmq's REP does inside), so replies may be produced by workers or by a
 * returned {@link CompletionStage} in any order while the socket keeps receiving; they
 * reach the socket through its own thread (DESIGN rule 1). A failure becomes an error
 * reply (docs/wire-format.md) so that the requester does not wait for its timeout.
 * <p>
 * Containers are created by a {@link ZmqListenerContainerFactory} and started and stopped
 * by the {@link ZmqListenerEndpointRegistry}; they are not beans.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerContainer {

	private static final Log logger = LogFactory.getLog(ZmqListenerContainer.class);

	private static final Object STOP = new Object();

	private static final Set<SocketType> REPLYING = Set.of(SocketType.REP, SocketType.ROUTER);

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

	private final AtomicLong repliesDropped = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final boolean replying;

	private final ZmqPayloadConverter payloadConverter;

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	private volatile Run current;

	private List<ZmqListenerSocketHook> socketHooks = List.of();

	private volatile @Nullable ZmqListenerObservations observations;

	private volatile @Nullable Throwable failure;

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
		this.replying = REPLYING.contains(endpoint.getSocketSpec().getType());
		MessageConverter converter = endpoint.getMessageConverter();
		this.payloadConverter = new ZmqPayloadConverter(
				(converter != null) ? converter : ZmqMessageConverters.defaultConverter());
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
	 * @return the type of the socket this container receives on, as declared
	 */
	public SocketType getSocketType() {
		return this.endpoint.getSocketSpec().getType();
	}

	/**
	 * @return the messages received and waiting for a worker (0 with a concurrency of 1)
	 */
	public int getBacklog() {
		Run run = this.current;
		return (run != null && run.queue != null) ? run.queue.size() : 0;
	}

	/**
	 * @return the tracker of the peers of the running socket, or {@code null} when the
	 * container is not running
	 */
	public @Nullable ZmqPeerTracker getTracker() {
		Run run = this.current;
		return (run != null && run.ready.isDone() && !run.ready.isCompletedExceptionally())
				? run.ready.join().getTracker() : null;
	}

	/**
	 * @return why the container's socket thread died while the container was meant to
	 * run, or {@code null} while it is healthy
	 */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	/**
	 * Set the observations wrapped around each message's processing.
	 * @param observations the observations, or {@code null} for none
	 */
	public void setObservations(@Nullable ZmqListenerObservations observations) {
		this.observations = observations;
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
	 * @return the replies of a REP or ROUTER listener that could not be delivered (the
	 * requester was gone or over its high-water mark, or the listener had stopped)
	 */
	public long getRepliesDropped() {
		return this.repliesDropped.get();
	}

	/**
	 * @return the messages whose frames could not be read (bad metadata, wrong frame
	 * count, no envelope), given to the error handler as raw frames
	 */
	public long getUnreadableCount() {
		return this.unreadable.get();
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
			this.failure = null;
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

	private void handleFailure(Message<?> message, Throwable failure) {
		this.errors.incrementAndGet();
		ZmqListenerExecutionFailedException wrapped = new ZmqListenerExecutionFailedException(getListenerId(),
				getSocketName(), failure);
		try {
			this.errorHandler.handleError(message, wrapped);
		}
		catch (RuntimeException handlerEx) {
			logger.error("Error handler of listener '" + getListenerId() + "' failed", handlerEx);
		}
	}

	private Message<byte[]> unreadable(ZMsg msg) {
		ZFrame last = msg.peekLast();
		return MessageBuilder.withPayload((last != null) ? last.getData() : new byte[0])
			.setHeader(ZmqHeaders.SOCKET, getSocketName())
			.setHeader(ZmqHeaders.LISTENER_ID, getListenerId())
			.setHeader(ZmqHeaders.FRAMES, msg.size())
			.setHeader(ZmqHeaders.RAW_MESSAGE, msg)
			.build();
	}

	/**
	 * One run of the container, from start to stop: the socket's thread, its wake-up
	 * pipe, and the workers when concurrency is above 1.
	 */
	private final class Run {

		private final ZmqSocketSpec spec = ZmqListenerContainer.this.endpoint.getSocketSpec();

		/** Names the listener in error messages; built once, not per message. */
		private final String description = "Listener '" + getListenerId() + "' on " + this.spec.getType() + " socket '"
				+ getSocketName() + "'";

		private final ZmqWakeupPipe wakeup;

		private final CompletableFuture<ZmqSocketHandle> ready = new CompletableFuture<>();

		private final CountDownLatch terminated = new CountDownLatch(1);

		private final BlockingQueue<Object> queue;

		private final List<Thread> workers = new ArrayList<>();

		private final ZmqSocketTasks tasks = new ZmqSocketTasks();

		private volatile boolean closed;

		private final CountDownLatch workersDone;

		private volatile boolean active = true;

		/** Replies produced off the socket's thread (workers, futures), sent by it. */
		private final Queue<ZMsg> replies = new ConcurrentLinkedQueue<>();

		/** Whether a wake-up for queued replies is on its way: one pipe write a batch. */
		private final AtomicBoolean replyWakeupPending = new AtomicBoolean();

		private volatile Thread socketThread;

		/** Only touched by the socket's thread. */
		private ZMQ.Socket socket;

		Run() {
			int concurrency = ZmqListenerContainer.this.endpoint.getConcurrency();
			this.queue = (concurrency > 1) ? new ArrayBlockingQueue<>(ZmqListenerContainer.this.queueCapacity) : null;
			this.workersDone = new CountDownLatch((concurrency > 1) ? concurrency : 0);
			this.wakeup = new ZmqWakeupPipe("listener '" + getListenerId() + "'");
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
			this.socketThread = owner;
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
				// REP is served by a ROUTER speaking REP's envelope, so that replies may
				// come from workers or futures, out of order, without blocking receive
				handle = ZmqListenerContainer.this.replying
						? ZmqListenerContainer.this.socketFactory.open(this.spec, SocketType.ROUTER)
						: ZmqListenerContainer.this.socketFactory.open(this.spec);
			}
			catch (RuntimeException ex) {
				this.ready.completeExceptionally(ex);
				this.wakeup.close();
				this.terminated.countDown();
				return;
			}
			ZMQ.Poller poller = ZmqListenerContainer.this.socketFactory.getContext().createPoller(2);
			try {
				poller.register(this.wakeup.source(), ZMQ.Poller.POLLIN);
				poller.register(handle.getSocket(), ZMQ.Poller.POLLIN);
				this.ready.complete(handle);
				this.socket = handle.getSocket();
				while (this.active) {
					this.tasks.runAll(handle);
					flushReplies();
					ZMsg msg;
					while (this.active && (msg = ZMsg.recvMsg(this.socket, ZMQ.DONTWAIT)) != null) {
						hand(msg);
					}
					if (!this.active) {
						break;
					}
					poller.poll(-1);
					this.wakeup.drain();
					this.replyWakeupPending.set(false);
				}
				flushReplies();
			}
			catch (RuntimeException | Error ex) {
				ZmqListenerContainer.this.failure = ex;
				logger.error("Listener '" + getListenerId() + "' on socket '" + this.spec.getName()
						+ "' failed; its thread is ending", ex);
			}
			finally {
				this.closed = true;
				failTasks();
				poller.close();
				ZmqListenerContainer.this.socketManager.registerBoundEndpoints(this.spec.getName(), List.of());
				ZmqListenerContainer.this.socketFactory.close(handle);
				this.wakeup.close();
				this.terminated.countDown();
			}
		}

		<T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback) {
			CompletableFuture<T> result = this.tasks.add(callback);
			if (this.closed) {
				// the socket's thread may have failed what was left before this arrived
				failTasks();
			}
			else {
				this.wakeup.signal();
			}
			return result;
		}

		private void failTasks() {
			this.tasks.failAll(
					() -> new ZmqException("Listener '" + getListenerId() + "' stopped before running a callback"));
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

		private void dispatch(ZMsg msg) {
			ZmqListenerContainer.this.received.incrementAndGet();
			ZMsg envelope = null;
			Message<byte[]> message;
			try {
				if (ZmqListenerContainer.this.replying) {
					envelope = ZmqReplyEnvelopes.split(msg, this.spec.getType() == SocketType.REP, this.description);
				}
				message = ZmqListenerContainer.this.adapter.toMessage(msg, envelope);
			}
			catch (RuntimeException ex) {
				// unreadable frames (bad metadata, wrong frame count, no envelope) go to
				// the
				// error handler like any conversion error, as raw frames
				ZmqListenerContainer.this.unreadable.incrementAndGet();
				handleFailure(unreadable(msg), ex);
				if (envelope != null) {
					sendReply(ZmqReplyEnvelopes.errorReply(envelope, ex));
				}
				return;
			}
			Object result;
			try {
				ZmqListenerObservations observations = ZmqListenerContainer.this.observations;
				result = (observations != null)
						? observations.observe(message, getListenerId(), getSocketName(), this.spec.getType().name(),
								() -> ZmqListenerContainer.this.adapter.invoke(message))
						: ZmqListenerContainer.this.adapter.invoke(message);
			}
			catch (Exception ex) {
				handleFailure(message, ex);
				if (envelope != null) {
					sendReply(ZmqReplyEnvelopes.errorReply(envelope, ex));
				}
				return;
			}
			if (envelope != null) {
				reply(envelope, result, message);
			}
			else if (result != null && logger.isDebugEnabled()) {
				logger.debug("Listener '" + getListenerId() + "' returned a result that a " + this.spec.getType()
						+ " socket cannot send; ignored");
			}
		}

		private void reply(ZMsg envelope, @Nullable Object result, Message<byte[]> request) {
			if (result instanceof CompletionStage<?> stage) {
				stage.whenComplete((value, failure) -> {
					if (failure != null) {
						Throwable cause = ZmqReplyEnvelopes.unwrap(failure);
						handleFailure(request, cause);
						sendReply(ZmqReplyEnvelopes.errorReply(envelope, cause));
					}
					else {
						reply(envelope, value, request);
					}
				});
				return;
			}
			byte[] frame;
			if (result == null) {
				if (this.spec.getType() == SocketType.ROUTER) {
					return; // a ROUTER handler may answer nothing; REP must answer
				}
				frame = new byte[0];
			}
			else {
				try {
					frame = ZmqListenerContainer.this.payloadConverter.toFrame(result, getSocketName(),
							ZmqListenerContainer.this.endpoint.getContentType());
				}
				catch (RuntimeException ex) {
					handleFailure(request, ex);
					sendReply(ZmqReplyEnvelopes.errorReply(envelope, ex));
					return;
				}
			}
			envelope.add(frame);
			sendReply(envelope);
		}

		/**
		 * Send on the socket's thread: at once when called there, else queued for it.
		 */
		private void sendReply(ZMsg reply) {
			if (Thread.currentThread() == this.socketThread) {
				write(reply);
				return;
			}
			if (!this.active) {
				ZmqListenerContainer.this.repliesDropped.incrementAndGet();
				logger.debug("Listener '" + getListenerId() + "' stopped before a reply was ready; dropped");
				return;
			}
			this.replies.add(reply);
			if (this.replyWakeupPending.compareAndSet(false, true)) {
				this.wakeup.signal();
			}
		}

		private void flushReplies() {
			ZMsg reply;
			while ((reply = this.replies.poll()) != null) {
				write(reply);
			}
		}

		/**
		 * Write a reply without blocking: ROUTER drops a reply to a peer that is gone or
		 * over its high-water mark (or, with router-mandatory, reports it), counted here.
		 */
		private void write(ZMsg reply) {
			try {
				int last = reply.size() - 1;
				int i = 0;
				for (ZFrame frame : reply) {
					int flags = ZMQ.DONTWAIT | ((i++ < last) ? ZMQ.SNDMORE : 0);
					if (!this.socket.send(frame.getData(), flags)) {
						throw new ZMQException("send would block", ZMQ.Error.EAGAIN.getCode());
					}
				}
			}
			catch (ZMQException ex) {
				ZmqListenerContainer.this.repliesDropped.incrementAndGet();
				logger.debug("Listener '" + getListenerId() + "' could not deliver a reply on socket '"
						+ getSocketName() + "': " + ex.getMessage());
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
			this.wakeup.signal();
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

	}

}
