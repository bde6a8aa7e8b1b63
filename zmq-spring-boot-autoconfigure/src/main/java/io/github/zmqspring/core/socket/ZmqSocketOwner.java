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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqSendTimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * A socket that lives on a thread of its own (DESIGN rule 1) and that any number of
 * threads may send through at once: they hand messages over through a bounded queue and
 * the owning thread writes them to the socket. The queue's capacity is the socket's send
 * high-water mark (1000 by default), so a full socket pushes back on callers instead of
 * growing memory.
 * <p>
 * The owning thread also reads what the socket receives: subscription messages of a
 * publisher (counted by the {@link ZmqPeerTracker}) and, when an inbound handler is set,
 * everything else (replies to a DEALER, for example). It sleeps in a poll with no timeout
 * when idle and is woken by a pipe, so an idle socket costs no CPU and a send after a
 * long idle goes out at once.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketOwner {

	/** How long the owner waits for more messages after a burst before it parks. */
	private static final long SPIN_NANOS = 20_000;

	private static final Log logger = LogFactory.getLog(ZmqSocketOwner.class);

	private static final int DEFAULT_QUEUE_CAPACITY = 1000;

	/**
	 * How often a waiting caller makes the owning thread process the socket's commands.
	 */
	private static final Duration AWAIT_NUDGE = Duration.ofMillis(20);

	private static final Function<ZmqSocketHandle, Integer> NUDGE = (handle) -> handle.getSocket().getEvents();

	/** How often a closed start-up gate re-checks its peer count. */
	private static final long GATE_POLL_MILLIS = 5;

	private final ZmqSocketFactory factory;

	private final ZmqSocketSpec spec;

	private final BlockingQueue<Object> queue;

	// unbounded and apart from the messages: a callback (such as a connect from
	// discovery) must get through even when the queue is full of messages that wait for
	// that very peer
	private final ZmqSocketTasks tasks = new ZmqSocketTasks();

	private final AtomicBoolean parked = new AtomicBoolean();

	private final CompletableFuture<ZmqSocketHandle> ready = new CompletableFuture<>();

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final ZmqWakeupPipe wakeup;

	private volatile boolean running = true;

	private volatile Consumer<ZMsg> inboundHandler;

	private volatile Thread thread;

	/**
	 * Create an owner for one socket; nothing happens until {@link #start(Duration)}.
	 * @param factory the factory that creates the socket on the owning thread
	 * @param spec the socket's spec
	 */
	public ZmqSocketOwner(ZmqSocketFactory factory, ZmqSocketSpec spec) {
		this.factory = factory;
		this.spec = spec;
		Integer hwm = spec.getOptions().getSendHighWaterMark();
		this.queue = new ArrayBlockingQueue<>((hwm != null && hwm > 0) ? hwm : DEFAULT_QUEUE_CAPACITY);
		this.wakeup = new ZmqWakeupPipe("socket '" + spec.getName() + "'");
	}

	/**
	 * Set the handler of inbound messages (other than a publisher's subscriptions). Must
	 * be called before {@link #start(Duration)}; it runs on the owning thread.
	 * @param handler the handler
	 */
	public void setInboundHandler(Consumer<ZMsg> handler) {
		this.inboundHandler = handler;
	}

	/**
	 * Start the owning thread and wait until the socket has bound and connected.
	 * @param timeout the longest to wait
	 * @throws InvalidZmqSocketSpecException when the socket cannot be opened as declared
	 */
	public void start(Duration timeout) {
		Thread owner = new Thread(this::run, "zmq-socket-" + this.spec.getName());
		owner.setDaemon(true);
		this.thread = owner;
		owner.start();
		try {
			this.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new ZmqException("Cannot open socket '" + this.spec.getName() + "'", ex.getCause());
		}
		catch (TimeoutException ex) {
			stop(Duration.ofSeconds(1));
			throw new ZmqException("Socket '" + this.spec.getName() + "' did not open within " + timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqException("Interrupted while opening socket '" + this.spec.getName() + "'", ex);
		}
	}

	/**
	 * @return the socket's spec
	 */
	public ZmqSocketSpec getSpec() {
		return this.spec;
	}

	/**
	 * @return the endpoints the socket bound, with ephemeral ports resolved
	 */
	public List<String> getBoundEndpoints() {
		return this.ready.isDone() && !this.ready.isCompletedExceptionally() ? this.ready.join().getBoundEndpoints()
				: List.of();
	}

	/**
	 * @return the tracker of the socket's peers and subscriptions
	 */
	public ZmqPeerTracker getTracker() {
		return this.ready.join().getTracker();
	}

	/**
	 * Wait until at least {@code count} peers are connected. JeroMQ reports connections
	 * only when the owning thread touches the socket, so this nudges it while waiting.
	 * @param count the peers to wait for
	 * @param timeout the longest to wait
	 * @return whether the count was reached
	 * @throws InterruptedException if the calling thread is interrupted
	 */
	public boolean awaitPeers(int count, Duration timeout) throws InterruptedException {
		return awaitCount(count, timeout, true);
	}

	/**
	 * Wait until at least {@code count} subscriptions are active (PUB and XPUB).
	 * @param count the subscriptions to wait for
	 * @param timeout the longest to wait
	 * @return whether the count was reached
	 * @throws InterruptedException if the calling thread is interrupted
	 */
	public boolean awaitSubscriptions(int count, Duration timeout) throws InterruptedException {
		return awaitCount(count, timeout, false);
	}

	private boolean awaitCount(int count, Duration timeout, boolean peers) throws InterruptedException {
		ZmqPeerTracker tracker = getTracker();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = Math.max(0, deadline - System.nanoTime());
			Duration step = Duration.ofNanos(Math.min(AWAIT_NUDGE.toNanos(), left));
			if (peers ? tracker.awaitPeers(count, step) : tracker.awaitSubscriptions(count, step)) {
				return true;
			}
			if (System.nanoTime() - deadline >= 0 || !isRunning()) {
				return false;
			}
			execute(NUDGE);
		}
	}

	/**
	 * @return the messages written to the socket so far
	 */
	public long getSentCount() {
		return this.sent.get();
	}

	/**
	 * @return the messages waiting for room in the socket (queued by senders, not yet
	 * written)
	 */
	public int getPending() {
		return this.queue.size();
	}

	/**
	 * @return the messages the socket refused with an error (not counting full queues)
	 */
	public long getFailedCount() {
		return this.failed.get();
	}

	/**
	 * @return whether the owning thread is running
	 */
	public boolean isRunning() {
		return this.running && !this.terminated.isDone();
	}

	/**
	 * Queue a message, waiting up to {@code timeout} for room.
	 * @param frames the frames of one message
	 * @param timeout the longest to wait for room in the queue
	 * @return {@code false} when there was no room in time
	 * @throws InterruptedException if the calling thread is interrupted
	 */
	public boolean send(byte[][] frames, Duration timeout) throws InterruptedException {
		return offer(new Outbound(frames, null), timeout);
	}

	/**
	 * Queue a message if there is room now.
	 * @param frames the frames of one message
	 * @return {@code false} when the queue is full (the socket is at its high-water mark)
	 */
	public boolean trySend(byte[][] frames) {
		checkRunning();
		if (!this.queue.offer(new Outbound(frames, null))) {
			return false;
		}
		wake();
		return true;
	}

	/**
	 * Queue a message and learn when it has been written to the socket.
	 * @param frames the frames of one message
	 * @param timeout the longest to wait for room in the queue
	 * @return a future completed once the socket accepted the message, or failed
	 * @throws InterruptedException if the calling thread is interrupted
	 */
	public CompletableFuture<Void> sendAndConfirm(byte[][] frames, Duration timeout) throws InterruptedException {
		CompletableFuture<Void> done = new CompletableFuture<>();
		if (!offer(new Outbound(frames, done), timeout)) {
			done.completeExceptionally(new ZmqSendTimeoutException(this.spec.getName(), timeout));
		}
		return done;
	}

	/**
	 * Run a callback on the owning thread, with the socket. Callbacks run in call order,
	 * ahead of queued messages, and never wait for room: a full socket does not hold them
	 * back.
	 * @param <T> the result type
	 * @param callback the callback
	 * @return a future of the callback's result
	 */
	public <T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback) {
		checkRunning();
		CompletableFuture<T> result = this.tasks.add(callback);
		if (!this.running) {
			// the owning thread may have failed what was left before this task arrived
			failTasks();
		}
		wake();
		return result;
	}

	private boolean offer(Object command, Duration timeout) throws InterruptedException {
		checkRunning();
		if (!this.queue.offer(command, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			return false;
		}
		wake();
		return true;
	}

	private void checkRunning() {
		if (!this.running) {
			throw new ZmqException("Socket '" + this.spec.getName() + "' is closed");
		}
	}

	private void wake() {
		if (this.parked.get() && this.parked.compareAndSet(true, false)) {
			this.wakeup.signal();
		}
	}

	/**
	 * Stop the owning thread: queued messages are flushed for at most the socket's
	 * linger, then the socket is closed on its own thread.
	 * @param timeout the longest to wait for the thread to end
	 * @return whether the thread ended in time
	 */
	public boolean stop(Duration timeout) {
		this.running = false;
		this.wakeup.signal();
		try {
			this.terminated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return this.terminated.isDone();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void run() {
		ZmqSocketHandle handle;
		try {
			handle = this.factory.open(this.spec);
		}
		catch (RuntimeException ex) {
			this.running = false;
			this.ready.completeExceptionally(ex);
			this.terminated.complete(null);
			return;
		}
		Pollers pollers = null;
		try {
			pollers = new Pollers(handle, readsInbound());
			this.ready.complete(handle);
			loop(handle, pollers);
		}
		catch (RuntimeException | Error ex) {
			logger.error("Socket '" + this.spec.getName() + "' failed; its thread is ending", ex);
		}
		finally {
			this.running = false;
			failRemaining();
			if (pollers != null) {
				pollers.close();
			}
			this.factory.close(handle);
			this.wakeup.close();
			this.terminated.complete(null);
		}
	}

	private boolean readsInbound() {
		return this.spec.isPublisher() || (this.inboundHandler != null && this.spec.canReceive());
	}

	private void loop(ZmqSocketHandle handle, Pollers initial) {
		ZMQ.Socket socket = handle.getSocket();
		StartupGate gate = new StartupGate(handle);
		Pollers pollers = initial;
		Object pending = null;
		// how long the last park lasted: a stream of sends wakes the owner within
		// microseconds, and only then is a spin worth it (request/reply is slower)
		long lastPark = Long.MAX_VALUE;
		while (this.running) {
			this.tasks.runAll(handle);
			if (readsInbound() != pollers.reads) {
				// an inbound handler was set after start: watch the socket for input too
				pollers = pollers.rebuild(handle, readsInbound());
			}
			if (pollers.reads) {
				readAll(socket, handle.getTracker());
			}
			boolean blocked = false;
			long timeout = -1;
			boolean wrote = false;
			while (this.running) {
				this.tasks.runAll(handle);
				if (pending == null) {
					pending = this.queue.poll();
				}
				if (pending == null) {
					break;
				}
				if (!gate.isOpen()) {
					timeout = GATE_POLL_MILLIS;
					break;
				}
				if (!write(socket, (Outbound) pending)) {
					blocked = true;
					break;
				}
				pending = null;
				wrote = true;
			}
			if (!this.running) {
				break;
			}
			if (wrote && !blocked && timeout < 0 && lastPark < 2 * SPIN_NANOS && awaitMore()) {
				continue;
			}
			// parked while blocked too: a task (a connect to the peer the blocked message
			// waits for) must wake the thread
			this.parked.set(true);
			if (!this.tasks.isEmpty() || (pending == null && timeout < 0 && !this.queue.isEmpty())) {
				this.parked.set(false);
				continue;
			}
			long parkedAt = System.nanoTime();
			(blocked ? pollers.writable : pollers.idle).poll(timeout);
			lastPark = System.nanoTime() - parkedAt;
			this.parked.set(false);
			this.wakeup.drain();
		}
		flush(socket, pending, pollers.writable);
	}

	/**
	 * After a burst of sends, wait a few microseconds for the next message before
	 * parking: a park costs a poll, a pipe write by the next sender and a pipe read, more
	 * than a short spin when senders keep coming (measured in benchmarks/, scenario 1).
	 */
	private boolean awaitMore() {
		long deadline = System.nanoTime() + SPIN_NANOS;
		while (this.queue.isEmpty() && this.tasks.isEmpty()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.onSpinWait();
		}
		return true;
	}

	private void readAll(ZMQ.Socket socket, ZmqPeerTracker tracker) {
		Consumer<ZMsg> handler = this.inboundHandler;
		ZMsg msg;
		while ((msg = ZMsg.recvMsg(socket, ZMQ.DONTWAIT)) != null) {
			if (this.spec.isPublisher()) {
				tracker.onSubscriptionMessage(msg.getFirst().getData());
			}
			if (handler != null) {
				try {
					handler.accept(msg);
				}
				catch (RuntimeException ex) {
					logger.error("Inbound handler of socket '" + this.spec.getName() + "' failed", ex);
				}
			}
		}
	}

	/** Write one message without blocking; {@code false} when the socket is full. */
	private boolean write(ZMQ.Socket socket, Outbound message) {
		byte[][] frames = message.frames;
		try {
			for (int i = 0; i < frames.length; i++) {
				int flags = ZMQ.DONTWAIT | ((i < frames.length - 1) ? ZMQ.SNDMORE : 0);
				if (!socket.send(frames[i], flags)) {
					if (i == 0 && socket.errno() == ZMQ.Error.EAGAIN.getCode()) {
						return false;
					}
					throw new ZMQException("send refused", socket.errno());
				}
			}
			this.sent.incrementAndGet();
			if (message.done != null) {
				message.done.complete(null);
			}
		}
		catch (ZMQException ex) {
			this.failed.incrementAndGet();
			ZmqException failure = new ZmqException(
					"Socket '" + this.spec.getName() + "' refused a message: " + ex.getMessage(), ex);
			if (message.done != null) {
				message.done.completeExceptionally(failure);
			}
			else {
				logger.warn(failure.getMessage());
			}
		}
		return true;
	}

	/** On stop: write what is queued, for at most the socket's linger. */
	private void flush(ZMQ.Socket socket, Object pending, ZMQ.Poller writable) {
		Duration linger = this.spec.getOptions().getLinger();
		long deadline = System.nanoTime() + ((linger != null) ? linger : Duration.ofSeconds(1)).toNanos();
		Object next = (pending != null) ? pending : this.queue.poll();
		while (next != null && System.nanoTime() < deadline) {
			if (next instanceof Outbound outbound && !write(socket, outbound)) {
				writable.poll(10);
				continue;
			}
			next = this.queue.poll();
		}
		// put it back for failRemaining(); offer, since senders may have filled the queue
		if (next != null && !this.queue.offer(next) && next instanceof Outbound outbound && outbound.done != null) {
			outbound.done
				.completeExceptionally(new ZmqException("Socket '" + this.spec.getName() + "' closed before sending"));
		}
	}

	private void failRemaining() {
		failTasks();
		Object command;
		int dropped = 0;
		while ((command = this.queue.poll()) != null) {
			ZmqException closed = new ZmqException("Socket '" + this.spec.getName() + "' closed before sending");
			if (((Outbound) command).done != null) {
				((Outbound) command).done.completeExceptionally(closed);
			}
			dropped++;
		}
		if (dropped > 0) {
			logger.warn("Socket '" + this.spec.getName() + "' closed with " + dropped + " queued messages unsent");
		}
	}

	private void failTasks() {
		this.tasks.failAll(() -> new ZmqException("Socket '" + this.spec.getName() + "' is closed"));
	}

	private record Outbound(byte[][] frames, CompletableFuture<Void> done) {
	}

	/**
	 * The two pollers of the owning thread: one for idle waits (wake-up pipe, plus input
	 * when the socket's input is read) and one for waiting until a full socket can take
	 * more.
	 */
	private final class Pollers {

		private final ZMQ.Poller idle;

		private final ZMQ.Poller writable;

		private final boolean reads;

		Pollers(ZmqSocketHandle handle, boolean reads) {
			this.reads = reads;
			this.idle = ZmqSocketOwner.this.factory.getContext().createPoller(2);
			this.writable = ZmqSocketOwner.this.factory.getContext().createPoller(2);
			this.idle.register(ZmqSocketOwner.this.wakeup.source(), ZMQ.Poller.POLLIN);
			this.writable.register(ZmqSocketOwner.this.wakeup.source(), ZMQ.Poller.POLLIN);
			if (reads) {
				this.idle.register(handle.getSocket(), ZMQ.Poller.POLLIN);
			}
			this.writable.register(handle.getSocket(), ZMQ.Poller.POLLOUT | (reads ? ZMQ.Poller.POLLIN : 0));
		}

		Pollers rebuild(ZmqSocketHandle handle, boolean reads) {
			close();
			return new Pollers(handle, reads);
		}

		void close() {
			this.idle.close();
			this.writable.close();
		}

	}

	/**
	 * Holds back the first send until enough peers or subscribers are there (the
	 * slow-joiner problem), or until the spec's await timeout has passed.
	 */
	private final class StartupGate {

		private final ZmqPeerTracker tracker;

		private final ZMQ.Socket socket;

		private long deadline;

		private boolean open;

		StartupGate(ZmqSocketHandle handle) {
			this.tracker = handle.getTracker();
			this.socket = handle.getSocket();
			ZmqSocketSpec spec = ZmqSocketOwner.this.spec;
			this.open = spec.getAwaitPeers() == 0 && spec.getAwaitSubscribers() == 0;
		}

		boolean isOpen() {
			if (this.open) {
				return true;
			}
			ZmqSocketSpec spec = ZmqSocketOwner.this.spec;
			if (this.deadline == 0) {
				this.deadline = System.nanoTime() + spec.getAwaitTimeout().toNanos();
			}
			// JeroMQ runs the event hook only when the owning thread touches the socket
			this.socket.getEvents();
			boolean reached = this.tracker.getPeers() >= spec.getAwaitPeers()
					&& this.tracker.getSubscriptions() >= spec.getAwaitSubscribers();
			if (reached) {
				this.open = true;
			}
			else if (System.nanoTime() - this.deadline >= 0) {
				this.open = true;
				logger.warn(
						"Socket '" + spec.getName() + "' sends without the peers it awaited: " + this.tracker.getPeers()
								+ "/" + spec.getAwaitPeers() + " peers, " + this.tracker.getSubscriptions() + "/"
								+ spec.getAwaitSubscribers() + " subscriptions after " + spec.getAwaitTimeout());
			}
			return this.open;
		}

	}

}
