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
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqSendTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZFrame;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * The socket loop: the one class that decides which thread touches a socket, and when
 * (DESIGN rule 1). It opens a socket with its options on a thread of its own, runs that
 * thread's wait / read loop, and closes the socket; the template's sockets, the listener
 * containers and discovery's connects are all built on it.
 * <p>
 * Every use of the socket happens under the socket's {@link ReentrantLock}, by whichever
 * thread needs it, and nobody waits while holding it:
 * <ul>
 * <li>a sending thread writes to the socket itself ({@code DONTWAIT}), with no hand-off;
 * when the socket is at its high-water mark it waits for room <em>outside</em> the lock
 * and tries again (on a socket that only sends, waiting senders take turns: one waits on
 * the descriptor and writes, the others queue behind it); {@link #trySend(byte[][])}
 * never waits;</li>
 * <li>the loop thread waits on the socket's file descriptor and a wake-up pipe in an NIO
 * {@link Selector} without the lock, and takes it to read what arrived (handed to the
 * inbound handler after the lock is released) and to process the socket's commands;</li>
 * <li>{@link #execute(Function)} runs a short callback with the socket under the lock on
 * the calling thread (discovery's connects, for example).</li>
 * </ul>
 * The descriptor is edge-triggered: an operation by another thread may consume its signal
 * while input is pending, so after a locked operation on a socket whose input is read,
 * {@code ZMQ_EVENTS} is checked and the loop woken when input waits (after a send, only
 * when the send read signal bytes: see {@code ZmqCommandSignal.bytesRead()}). JeroMQ is
 * not interrupt-safe, so no thread is ever interrupted.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketOwner implements ZmqSocketAccess {

	private static final Log logger = LogFactory.getLog(ZmqSocketOwner.class);

	/** How many messages the loop reads under the lock before letting senders in. */
	private static final int READ_BATCH = 256;

	/** The longest a waiting sender or receiver sleeps before it looks again itself. */
	private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/** How long the loop sleeps after the second fruitless wake-up in a row. */
	private static final long FRUITLESS_WAKE_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

	/** How often the loop looks at the socket while someone waits on it. */
	private static final long WATCH_MILLIS = 5;

	/**
	 * How often the loop of a socket that only sends checks whether sends have stopped,
	 * while it leaves the socket's descriptor to the senders.
	 */
	private static final long IDLE_CHECK_MILLIS = 100;

	private final ZmqSocketFactory factory;

	private final ZmqSocketSpec spec;

	private final SocketType actualType;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled (notifyAll) when the socket may have room or input for a waiter. */
	private final Object changed = new Object();

	private final CompletableFuture<ZmqSocketHandle> ready = new CompletableFuture<>();

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	private volatile @Nullable Throwable failure;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicInteger receivers = new AtomicInteger();

	private final AtomicBoolean parked = new AtomicBoolean();

	private final Queue<AsyncSend> asyncSends = new ConcurrentLinkedQueue<>();

	private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();

	private final ZmqWakeupPipe wakeup;

	/**
	 * Whether the loop watches the socket's descriptor in its next select (always on a
	 * socket whose input is read): a sender that starts waiting for the loop's signal
	 * wakes the loop when it does not.
	 */
	private volatile boolean descriptorWatched = true;

	/** The socket's descriptor, set once the socket is open. */
	private volatile @Nullable SelectableChannel descriptor;

	/**
	 * Selectors on the socket's descriptor for the sender whose turn it is (see
	 * {@link #sendInTurn}, {@link #awaitDescriptor}), reused; closed with the socket.
	 */
	private final Queue<Selector> roomSelectors = new ConcurrentLinkedQueue<>();

	/**
	 * The turn of senders of a socket that only sends and found it full: the holder waits
	 * on the descriptor and writes; the others queue here ({@link #sendInTurn}).
	 */
	private final ReentrantLock turn = new ReentrantLock();

	/** Senders of a socket that only sends waiting for room (without the loop). */
	private final AtomicInteger roomWaiters = new AtomicInteger();

	/**
	 * Held by the caller that reads the socket's input in place of the loop
	 * ({@link #readWhile}): one at a time.
	 */
	private final ReentrantLock readerTurn = new ReentrantLock();

	/**
	 * Whether a caller reads the socket's input in place of the loop
	 * ({@link #readWhile}); the loop then leaves the descriptor to it.
	 */
	private volatile boolean callerReads;

	/** The selector the reading caller waits in, woken when the loop delivered input. */
	private volatile @Nullable Selector readerSelector;

	/** The reading caller's batch; guarded by {@link #readerTurn}. */
	private final List<byte[][]> readerBatch = new ArrayList<>();

	/** Set by a thread that saw input pending after its own locked operation. */
	private volatile boolean inputPending;

	private volatile boolean running = true;

	private volatile boolean gateOpen;

	private long gateDeadline;

	/** Set under the lock once the socket is closed; guarded by the lock. */
	private boolean closed;

	/** Takes the frames of each inbound message. */
	private volatile @Nullable Consumer<byte[][]> inboundHandler;

	/**
	 * The socket's command signal (see ZmqCommandSignal), set and read under the lock by
	 * whoever woke on the descriptor: the loop, or a sender waiting for room.
	 */
	private ZmqCommandSignal signal = ZmqCommandSignal.none();

	/** The open socket; only touched under the lock. */
	private ZmqSocketHandle handle;

	/**
	 * Create a loop for one socket; nothing happens until {@link #start(Duration)}.
	 * @param factory the factory that creates the socket on the loop thread
	 * @param spec the socket's spec
	 */
	public ZmqSocketOwner(ZmqSocketFactory factory, ZmqSocketSpec spec) {
		this(factory, spec, (spec.getType() == SocketType.PUB) ? SocketType.XPUB : spec.getType());
	}

	/**
	 * Create a loop for one socket opened as a type that speaks the same wire protocol as
	 * the spec's type (see {@link ZmqSocketFactory#open(ZmqSocketSpec, SocketType)}).
	 * @param factory the factory that creates the socket on the loop thread
	 * @param spec the socket's spec
	 * @param actualType the type to open
	 */
	public ZmqSocketOwner(ZmqSocketFactory factory, ZmqSocketSpec spec, SocketType actualType) {
		this.factory = factory;
		this.spec = spec;
		this.actualType = actualType;
		this.gateOpen = spec.getAwaitPeers() == 0 && spec.getAwaitSubscribers() == 0;
		this.wakeup = new ZmqWakeupPipe("socket '" + spec.getName() + "'");
	}

	/**
	 * Set the handler of inbound messages (other than a publisher's subscriptions). It
	 * runs on the loop thread, without the socket's lock, in arrival order. Set it before
	 * {@link #start(Duration)}.
	 * @param handler the handler
	 * @see #setInboundFramesHandler(Consumer)
	 */
	public void setInboundHandler(Consumer<ZMsg> handler) {
		setInboundFramesHandler((frames) -> handler.accept(toMsg(frames)));
	}

	/**
	 * Set the handler of inbound messages as their frames, without a {@link ZMsg} per
	 * message (otherwise as {@link #setInboundHandler(Consumer)}).
	 * @param handler the handler, given each message's frames in order
	 */
	public void setInboundFramesHandler(Consumer<byte[][]> handler) {
		this.inboundHandler = handler;
		// input that arrived before the handler may already have signalled the loop,
		// which then parked without reading it: wake it to read (the loop checks
		// inputPending after it parks, so this wake-up cannot be lost)
		this.inputPending = true;
		wake();
	}

	/**
	 * @param frames the frames of a message
	 * @return them as a {@link ZMsg}
	 */
	public static ZMsg toMsg(byte[][] frames) {
		ZMsg msg = new ZMsg();
		for (byte[] frame : frames) {
			msg.add(frame);
		}
		return msg;
	}

	/**
	 * @param msg a message
	 * @return its frames' data, in order (the inverse of {@link #toMsg(byte[][])})
	 */
	public static byte[][] toFrames(ZMsg msg) {
		byte[][] frames = new byte[msg.size()][];
		int i = 0;
		for (ZFrame frame : msg) {
			frames[i++] = frame.getData();
		}
		return frames;
	}

	/**
	 * Add a callback run once the socket has closed (for example to fail requests that
	 * wait for replies).
	 * @param listener the callback
	 */
	public void addCloseListener(Runnable listener) {
		this.closeListeners.add(listener);
		if (this.terminated.isDone()) {
			listener.run();
		}
	}

	/**
	 * Start the loop thread and wait until the socket has bound and connected.
	 * @param timeout the longest to wait
	 * @throws InvalidZmqSocketSpecException when the socket cannot be opened as declared
	 */
	public void start(Duration timeout) {
		open();
		awaitOpen(timeout);
	}

	/**
	 * Start the loop thread, which opens the socket, without waiting; then call
	 * {@link #awaitOpen(Duration)}. Lets many sockets open in parallel.
	 */
	public void open() {
		Thread loop = new Thread(this::run, "zmq-socket-" + this.spec.getName());
		loop.setDaemon(true);
		loop.start();
	}

	/**
	 * Wait until the socket started by {@link #open()} has bound and connected.
	 * @param timeout the longest to wait
	 * @throws InvalidZmqSocketSpecException when the socket cannot be opened as declared
	 */
	public void awaitOpen(Duration timeout) {
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
	 * @return why the socket's loop ended while it was meant to run, or {@code null}
	 */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	/**
	 * @return the tracker of the socket's peers and subscriptions
	 */
	public ZmqPeerTracker getTracker() {
		return this.ready.join().getTracker();
	}

	/**
	 * Wait until at least {@code count} peers are connected. JeroMQ reports connections
	 * only when a thread touches the socket, so this touches it while waiting.
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
			touch();
			long left = Math.max(0, deadline - System.nanoTime());
			Duration step = Duration.ofNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(20), left));
			if (peers ? tracker.awaitPeers(count, step) : tracker.awaitSubscriptions(count, step)) {
				return true;
			}
			if (System.nanoTime() - deadline >= 0 || !isRunning()) {
				return false;
			}
		}
	}

	/** Process the socket's commands (runs JeroMQ's event hooks) under the lock. */
	private void touch() {
		this.lock.lock();
		try {
			if (!this.closed && this.handle != null) {
				afterLocked(this.handle.getSocket());
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @return the messages written to the socket so far
	 */
	public long getSentCount() {
		return this.sent.get();
	}

	/**
	 * @return the messages taken from the socket through {@link #receive(Duration)} so
	 * far
	 */
	public long getReceivedCount() {
		return this.received.get();
	}

	/**
	 * @return the messages the socket refused with an error (not counting full sockets)
	 */
	public long getFailedCount() {
		return this.failed.get();
	}

	/**
	 * @return the messages refused by {@link #trySend(byte[][])} (and replies not
	 * written) because the socket was at its high-water mark
	 */
	public long getDroppedCount() {
		return this.dropped.get();
	}

	/**
	 * @return the senders waiting for room right now (including asynchronous sends)
	 */
	public int getPending() {
		return this.pending.get() + this.roomWaiters.get() + this.asyncSends.size();
	}

	/**
	 * @return whether the loop is running
	 */
	@Override
	public boolean isRunning() {
		return this.running && !this.terminated.isDone();
	}

	/**
	 * Write a message, waiting up to {@code timeout} for room when the socket is at its
	 * high-water mark. While a start-up gate waits for its peers (see
	 * {@link ZmqSocketSpec#getAwaitPeers()}), the message is held back and written, in
	 * order, once the gate opens.
	 * @param frames the frames of one message
	 * @param timeout the longest to wait for room
	 * @return {@code false} when there was no room in time
	 * @throws InterruptedException if the calling thread is interrupted while waiting
	 * @throws ZmqException when the socket is closed or refuses the message
	 */
	public boolean send(byte[][] frames, Duration timeout) throws InterruptedException {
		// the common case first: room at once, and no clock read
		if (this.gateOpen && this.asyncSends.isEmpty() && write(frames)) {
			return true;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		if (!this.gateOpen && !checkGate()) {
			return hold(frames, deadline, timeout, true) != null;
		}
		boolean waiting = false;
		boolean waitingOnDescriptor = false;
		int fruitless = 0;
		try {
			while (true) {
				if (this.asyncSends.isEmpty() && write(frames)) {
					return true;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				if (!waiting && waitsOnDescriptor()) {
					// a socket that only sends: wait on its descriptor here, as a
					// blocking JeroMQ send does, and leave the loop out of it
					if (!waitingOnDescriptor) {
						waitingOnDescriptor = true;
						this.roomWaiters.incrementAndGet();
					}
					Turn outcome = sendInTurn(frames, Math.min(left, RETRY_NANOS));
					if (outcome == Turn.SENT) {
						return true;
					}
					if (outcome == Turn.WOKEN) {
						fruitless = 0;
					}
					else if (outcome == Turn.FRUITLESS) {
						pauseAfterFruitlessWake(++fruitless);
					}
					checkRunning();
					continue;
				}
				if (!waiting) {
					if (waitingOnDescriptor) {
						// asynchronous sends or a receive came meanwhile: counted once
						waitingOnDescriptor = false;
						this.roomWaiters.decrementAndGet();
					}
					// the loop watches the descriptor, which the socket's peer signals
					// when it has read enough to make room, and signals waiters then
					// (pending); it is woken only if it left the descriptor alone.
					// Room made before the count was raised is found by trying once
					// more first.
					waiting = true;
					this.pending.incrementAndGet();
					if (!this.descriptorWatched) {
						wake();
					}
					continue;
				}
				awaitChange(Math.min(left, RETRY_NANOS));
				checkRunning();
			}
		}
		finally {
			if (waiting) {
				this.pending.decrementAndGet();
			}
			if (waitingOnDescriptor) {
				this.roomWaiters.decrementAndGet();
			}
		}
	}

	/**
	 * Whether a sender waiting for room waits on the socket's descriptor itself: only on
	 * a socket whose input nobody reads (nothing else then needs the descriptor's
	 * signals) and with no asynchronous sends queued (the loop writes those, in order).
	 */
	private boolean waitsOnDescriptor() {
		return this.descriptor != null && !readsInbound() && this.receivers.get() == 0 && this.asyncSends.isEmpty();
	}

	/**
	 * Wait for room on a socket that only sends, and write in turn: senders that found it
	 * full queue on {@link #turn}, as they would behind the lock of a blocking JeroMQ
	 * send; the holder tries once more, waits on the descriptor
	 * ({@link #awaitDescriptor}) and writes before it lets the next one in. So room wakes
	 * one queued sender at a time, each of which writes at once, rather than every sender
	 * together to contend for the socket's lock (scenario 8 of the benchmarks).
	 * @param frames the message
	 * @param nanos the longest to wait, in the queue and on the descriptor
	 * @return what came of it
	 */
	private Turn sendInTurn(byte[][] frames, long nanos) throws InterruptedException {
		long deadline = System.nanoTime() + nanos;
		if (!this.turn.tryLock(nanos, TimeUnit.NANOSECONDS)) {
			return Turn.TIMED_OUT;
		}
		try {
			// room may have come while this sender queued
			if (this.asyncSends.isEmpty() && write(frames)) {
				return Turn.SENT;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0 || !waitsOnDescriptor()) {
				// the caller looks again (a receiver or asynchronous sends came
				// meanwhile)
				return Turn.WOKEN;
			}
			boolean woken = awaitDescriptor(left);
			// a selector returns at once for an interrupted thread, which must not reach
			// JeroMQ (DESIGN rule 1)
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			if (!woken) {
				return Turn.FRUITLESS;
			}
			return (this.asyncSends.isEmpty() && write(frames)) ? Turn.SENT : Turn.WOKEN;
		}
		finally {
			this.turn.unlock();
		}
	}

	/** What came of a turn ({@link #sendInTurn}). */
	private enum Turn {

		/** The message was written. */
		SENT,

		/** Woken by the descriptor, or the situation changed; no message written. */
		WOKEN,

		/**
		 * The descriptor woke the sender before its peer's command was counted, or the
		 * wait timed out (see {@link #pauseAfterFruitlessWake}).
		 */
		FRUITLESS,

		/** The wait in the queue timed out. */
		TIMED_OUT

	}

	/**
	 * Wait, without the lock, until the socket's descriptor signals (its peer has made
	 * room, or any other command arrived) or {@code nanos} pass. JeroMQ's blocking send
	 * waits the same way on the same descriptor. The descriptor stays readable until a
	 * locked operation processes the socket's commands, which the sender's next attempt
	 * does.
	 * @return whether the descriptor was readable with nothing stopping the next attempt
	 * (false after a time-out, or when it was readable before the peer's command was
	 * counted: see {@link #pauseAfterFruitlessWake})
	 */
	private boolean awaitDescriptor(long nanos) {
		Selector selector = null;
		try {
			selector = takeSelector();
			if (selector == null) {
				return false;
			}
			int ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
			selector.selectedKeys().clear();
			// an interrupted thread must not reach JeroMQ, whose signal pipe closes
			// under an interrupt (DESIGN rule 1): the caller throws first
			return ready > 0 && !Thread.currentThread().isInterrupted() && canWrite();
		}
		catch (IOException | ClosedSelectorException | CancelledKeyException ex) {
			// the socket closed meanwhile: the caller's next check says so
			return false;
		}
		finally {
			if (selector != null) {
				releaseSelector(selector);
			}
		}
	}

	private boolean canWrite() {
		this.lock.lock();
		try {
			if (this.closed || this.handle == null) {
				return false;
			}
			// the descriptor woke this sender (ZmqCommandSignal)
			int events = this.signal.eventsAfterWake(this.handle.getSocket(), ZMQ.Poller.POLLOUT);
			return (events & ZMQ.Poller.POLLOUT) != 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A selector on the socket's descriptor for a thread that waits on it outside the
	 * loop, from the pool; give it back with {@link #releaseSelector}.
	 * @return the selector, or {@code null} before the socket is open
	 */
	private @Nullable Selector takeSelector() throws IOException {
		Selector selector = this.roomSelectors.poll();
		if (selector == null) {
			SelectableChannel channel = this.descriptor;
			if (channel == null) {
				return null;
			}
			selector = Selector.open();
			try {
				channel.register(selector, SelectionKey.OP_READ);
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(selector);
				throw ex;
			}
		}
		return selector;
	}

	private void releaseSelector(Selector selector) {
		this.roomSelectors.add(selector);
		// closed after the socket closed: the loop's own clean-up may have run already
		if (!this.running && this.roomSelectors.remove(selector)) {
			closeQuietly(selector);
		}
	}

	private void closeQuietly(Selector selector) {
		try {
			selector.close();
		}
		catch (IOException ex) {
			logger.debug("Closing a selector of socket '" + this.spec.getName() + "' failed", ex);
		}
	}

	/**
	 * Hold a message back while the start-up gate waits for its peers (DESIGN rule 7), in
	 * a queue as long as the send high-water mark; the loop writes it once the gate
	 * opens. Waits for room in that queue when {@code wait} is set.
	 * @return the future of the held message, or {@code null} when there was no room
	 */
	private @Nullable CompletableFuture<Void> hold(byte[][] frames, long deadline, Duration timeout, boolean wait)
			throws InterruptedException {
		Integer hwm = this.spec.getOptions().getSendHighWaterMark();
		int capacity = (hwm != null && hwm > 0) ? hwm : 1000;
		boolean waiting = false;
		try {
			while (this.asyncSends.size() >= capacity) {
				long left = deadline - System.nanoTime();
				if (!wait || left <= 0) {
					return null;
				}
				if (!waiting) {
					waiting = true;
					this.pending.incrementAndGet();
				}
				awaitChange(Math.min(left, RETRY_NANOS));
				checkRunning();
			}
		}
		finally {
			if (waiting) {
				this.pending.decrementAndGet();
			}
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		// the gate opens within its await timeout; the message then has its own timeout
		long gate = this.spec.getAwaitTimeout().toNanos();
		this.asyncSends.add(new AsyncSend(frames, deadline + gate, timeout, done));
		wake();
		if (!this.running) {
			failAsyncSends();
		}
		done.whenComplete((ok, ex) -> {
			if (ex != null && !(ex instanceof ZmqSendTimeoutException)) {
				logger.warn("A message held back for the peers of socket '" + this.spec.getName() + "' was not sent: "
						+ ex.getMessage());
			}
		});
		return done;
	}

	/**
	 * Write a message if the socket has room now; never waits.
	 * @param frames the frames of one message
	 * @return {@code false} when the socket is at its high-water mark (while a start-up
	 * gate waits for its peers: when as many messages as the high-water mark are held
	 * back)
	 * @throws ZmqException when the socket is closed or refuses the message
	 */
	public boolean trySend(byte[][] frames) {
		if (!this.gateOpen && !checkGate()) {
			try {
				if (hold(frames, System.nanoTime(), Duration.ZERO, false) != null) {
					return true;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.dropped.incrementAndGet();
			return false;
		}
		if (this.asyncSends.isEmpty() && write(frames)) {
			return true;
		}
		this.dropped.incrementAndGet();
		return false;
	}

	/**
	 * Write a message and learn when the socket took it, without waiting: when the socket
	 * is at its high-water mark the message waits (in order) until the loop finds room,
	 * for at most {@code timeout}.
	 * @param frames the frames of one message
	 * @param timeout the longest the message may wait for room
	 * @return a future completed once the socket took the message, or failed (with
	 * {@link ZmqSendTimeoutException} when there was no room in time)
	 */
	public CompletableFuture<Void> sendAsync(byte[][] frames, Duration timeout) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		try {
			if (this.gateOpen && this.asyncSends.isEmpty() && write(frames)) {
				done.complete(null);
				return done;
			}
		}
		catch (RuntimeException ex) {
			done.completeExceptionally(ex);
			return done;
		}
		this.asyncSends.add(new AsyncSend(frames, System.nanoTime() + timeout.toNanos(), timeout, done));
		wake();
		if (!this.running) {
			failAsyncSends();
		}
		return done;
	}

	/**
	 * Write a message and learn when it has been written to the socket.
	 * @param frames the frames of one message
	 * @param timeout the longest to wait for room
	 * @return a future completed once the socket accepted the message, or failed
	 * @throws InterruptedException if the calling thread is interrupted
	 * @deprecated use {@link #sendAsync(byte[][], Duration)}, which does not wait
	 */
	@Deprecated
	public CompletableFuture<Void> sendAndConfirm(byte[][] frames, Duration timeout) throws InterruptedException {
		CompletableFuture<Void> done = new CompletableFuture<>();
		try {
			if (send(frames, timeout)) {
				done.complete(null);
			}
			else {
				done.completeExceptionally(new ZmqSendTimeoutException(this.spec.getName(), timeout));
			}
		}
		catch (RuntimeException ex) {
			done.completeExceptionally(ex);
		}
		return done;
	}

	/**
	 * Receive one message, waiting up to {@code timeout}, on a socket whose input no
	 * handler reads.
	 * @param timeout the longest to wait
	 * @return the message, or {@code null} when none arrived in time
	 * @throws ZmqException when the socket is closed or its input is read by a handler
	 */
	public @Nullable ZMsg receive(Duration timeout) {
		if (readsInbound()) {
			throw new ZmqException("Socket '" + this.spec.getName() + "' is read by a handler; it cannot be received"
					+ " from directly");
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean waiting = false;
		try {
			while (true) {
				ZMsg msg;
				boolean interrupted = clearInterrupt();
				this.lock.lock();
				try {
					ZMQ.Socket socket = openSocket();
					msg = ZMsg.recvMsg(socket, ZMQ.DONTWAIT);
					afterLocked(socket);
				}
				finally {
					this.lock.unlock();
					restoreInterrupt(interrupted);
				}
				if (msg != null) {
					this.received.incrementAndGet();
					return msg;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return null;
				}
				if (!waiting) {
					waiting = true;
					this.receivers.incrementAndGet();
					wake();
				}
				try {
					awaitChange(Math.min(left, RETRY_NANOS));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new ZmqException("Interrupted while receiving on socket '" + this.spec.getName() + "'", ex);
				}
				checkRunning();
			}
		}
		finally {
			if (waiting) {
				this.receivers.decrementAndGet();
			}
		}
	}

	/**
	 * Read the socket's input on the calling thread, in place of the loop, for as long as
	 * {@code waiting} holds: the caller waits on the socket's descriptor itself, reads
	 * what arrived under the lock and hands it to the inbound handler, as a blocking
	 * JeroMQ {@code recv} wakes its own caller. A request that waits for its reply this
	 * way saves the loop's wake-up and the hand-off from the loop to the caller on every
	 * round trip (row 4 of the benchmarks).
	 * <p>
	 * One caller reads at a time; the loop leaves the descriptor to it while nobody else
	 * waits on the socket. The handler then runs on the caller's thread, and may run
	 * concurrently with the loop's delivery of input it read before: use this only with a
	 * handler that does not need arrival order (such as replies matched by correlation
	 * id). After it returns, call {@link #expectInput()} if other input is still
	 * expected.
	 * @param waiting whether the caller still waits; checked after each batch it read,
	 * and at least every few milliseconds
	 * @param timeout the longest to read
	 * @return {@code false} when the caller did not read: another caller reads, the
	 * socket has no inbound handler or is closed, or the calling thread is interrupted
	 * (whose selector would return at once, and which must not reach JeroMQ); the caller
	 * then waits as it otherwise would, for the loop or the other caller to deliver
	 */
	public boolean readWhile(BooleanSupplier waiting, Duration timeout) {
		if (!readsInbound() || !this.running || Thread.currentThread().isInterrupted() || !this.readerTurn.tryLock()) {
			return false;
		}
		Selector selector = null;
		try {
			selector = takeSelector();
			if (selector == null) {
				return false;
			}
			this.readerSelector = selector;
			this.callerReads = true;
			if (this.descriptorWatched) {
				// the loop leaves the descriptor to this caller from its next pass on
				this.inputPending = true;
				wake();
			}
			readInPlaceOfLoop(waiting, selector, System.nanoTime() + timeout.toNanos());
			return true;
		}
		catch (IOException | ClosedSelectorException | CancelledKeyException ex) {
			// the socket closed meanwhile: its close listeners end what waits
			return true;
		}
		finally {
			this.callerReads = false;
			this.readerSelector = null;
			this.readerBatch.clear();
			if (selector != null) {
				releaseSelector(selector);
			}
			this.readerTurn.unlock();
		}
	}

	private void readInPlaceOfLoop(BooleanSupplier waiting, Selector selector, long deadline) throws IOException {
		List<byte[][]> batch = this.readerBatch;
		boolean woke = false;
		int fruitless = 0;
		while (this.running) {
			int events;
			ZmqPeerTracker tracker;
			this.lock.lock();
			try {
				if (this.closed || this.handle == null) {
					return;
				}
				ZMQ.Socket socket = this.handle.getSocket();
				tracker = this.handle.getTracker();
				byte[][] frames;
				while (batch.size() < READ_BATCH && (frames = readFrames(socket)) != null) {
					batch.add(frames);
				}
				// woken by the descriptor with nothing read: a signal byte may be
				// written but not yet counted (see pauseAfterFruitlessWake)
				events = (woke && batch.isEmpty()) ? this.signal.eventsAfterWake(socket, ZMQ.Poller.POLLIN)
						: socket.getEvents();
			}
			finally {
				this.lock.unlock();
			}
			boolean inputWaits = (events & ZMQ.Poller.POLLIN) != 0;
			if (!batch.isEmpty()) {
				fruitless = 0;
				deliver(batch, tracker);
				batch.clear();
			}
			else if (woke && !inputWaits) {
				pauseAfterFruitlessWake(++fruitless);
			}
			if (!waiting.getAsBoolean()) {
				if (inputWaits) {
					// read no further, but the descriptor may not signal it again
					this.inputPending = true;
					wake();
				}
				return;
			}
			if (inputWaits) {
				woke = false;
				continue;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			woke = selector.select(Math.max(1, Math.min(WATCH_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)))) > 0;
			selector.selectedKeys().clear();
			// a selector returns at once for an interrupted thread, which must not reach
			// JeroMQ (DESIGN rule 1): the loop reads from here on
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
		}
	}

	/**
	 * Tell the loop that input is expected that no caller is reading
	 * ({@link #readWhile}): it watches the socket's descriptor again if it had left it to
	 * a reading caller. Cheap when it watches already.
	 */
	public void expectInput() {
		if (!this.descriptorWatched) {
			this.inputPending = true;
			wake();
		}
	}

	/** Wake the caller reading in place of the loop, if any, to look at its wait. */
	private void wakeReader() {
		Selector selector = this.readerSelector;
		if (selector != null) {
			selector.wakeup();
		}
	}

	/**
	 * Run a short callback with the socket, under the socket's lock, on the calling
	 * thread. It must not block: nobody else uses the socket meanwhile.
	 * @param <T> the result type
	 * @param callback the callback
	 * @return a completed future of the callback's result, failed when the socket is
	 * closed or the callback threw
	 */
	@Override
	public <T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback) {
		boolean interrupted = clearInterrupt();
		this.lock.lock();
		try {
			ZMQ.Socket socket = openSocket();
			try {
				return CompletableFuture.completedFuture(callback.apply(this.handle));
			}
			finally {
				if (!this.closed) {
					afterLocked(socket);
				}
			}
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			this.lock.unlock();
			restoreInterrupt(interrupted);
		}
	}

	/**
	 * Write one message without waiting; the frames go as one multipart message.
	 * @param frames the frames
	 * @return {@code false} when the socket is at its high-water mark (nothing written)
	 */
	private boolean write(byte[][] frames) {
		boolean interrupted = clearInterrupt();
		this.lock.lock();
		try {
			ZMQ.Socket socket = openSocket();
			long signalsRead = this.signal.bytesRead();
			boolean written = writeLocked(socket, frames);
			// a send that read no signal byte left the descriptor readable for whatever
			// commands it processed: the loop wakes for them itself (ZmqCommandSignal)
			if (signalsRead < 0 || this.signal.bytesRead() != signalsRead) {
				afterLocked(socket);
			}
			return written;
		}
		finally {
			this.lock.unlock();
			restoreInterrupt(interrupted);
		}
	}

	/**
	 * Before an operation that does not wait, on a caller's thread: JeroMQ 0.6.0 fails
	 * any socket operation of an interrupted thread ({@code EINTR}, "refused a message")
	 * and clears its interrupt status. So the status is cleared here, the operation goes
	 * through, as a non-blocking operation should, and {@link #restoreInterrupt} sets the
	 * status again for the caller's next wait (which then throws).
	 * @return whether the thread was interrupted
	 */
	private static boolean clearInterrupt() {
		return Thread.interrupted();
	}

	private static void restoreInterrupt(boolean interrupted) {
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Write a reply or other message that must not wait: when the socket is at its
	 * high-water mark (or the peer is gone, with {@code router-mandatory}) it is dropped
	 * and counted.
	 * @param frames the frames of one message
	 * @return whether it was written
	 */
	public boolean tryWrite(byte[][] frames) {
		try {
			if (write(frames)) {
				return true;
			}
		}
		catch (ZmqException ex) {
			logger.debug(ex.getMessage());
			return false;
		}
		this.dropped.incrementAndGet();
		return false;
	}

	private boolean writeLocked(ZMQ.Socket socket, byte[][] frames) {
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
			// written under the lock only: no atomic read-modify-write needed
			this.sent.lazySet(this.sent.get() + 1);
			return true;
		}
		catch (ZMQException ex) {
			this.failed.incrementAndGet();
			throw new ZmqException("Socket '" + this.spec.getName() + "' refused a message: " + ex.getMessage(), ex);
		}
	}

	/** The open socket; call under the lock. */
	private ZMQ.Socket openSocket() {
		if (this.closed || this.handle == null) {
			throw new ZmqException("Socket '" + this.spec.getName() + "' is closed");
		}
		return this.handle.getSocket();
	}

	/**
	 * After any operation under the lock: the descriptor is edge-triggered, so input that
	 * arrived meanwhile may no longer signal it; wake the loop if input waits.
	 */
	private void afterLocked(ZMQ.Socket socket) {
		if (readsInbound() || this.receivers.get() > 0) {
			if ((socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
				this.inputPending = true;
				wake();
			}
		}
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

	private void awaitChange(long nanos) throws InterruptedException {
		synchronized (this.changed) {
			TimeUnit.NANOSECONDS.timedWait(this.changed, Math.max(1, nanos));
		}
	}

	private void signalChange() {
		synchronized (this.changed) {
			this.changed.notifyAll();
		}
	}

	/**
	 * Whether the first send may go: enough peers or subscribers are there (the
	 * slow-joiner problem), or the spec's await timeout has passed.
	 */
	private boolean checkGate() {
		this.lock.lock();
		try {
			if (this.gateOpen) {
				return true;
			}
			ZMQ.Socket socket = openSocket();
			if (this.gateDeadline == 0) {
				this.gateDeadline = System.nanoTime() + this.spec.getAwaitTimeout().toNanos();
			}
			// JeroMQ runs the event hook only when a thread touches the socket
			afterLocked(socket);
			socket.getEvents();
			ZmqPeerTracker tracker = this.handle.getTracker();
			boolean reached = tracker.getPeers() >= this.spec.getAwaitPeers()
					&& tracker.getSubscriptions() >= this.spec.getAwaitSubscribers();
			if (reached) {
				this.gateOpen = true;
			}
			else if (System.nanoTime() - this.gateDeadline >= 0) {
				this.gateOpen = true;
				logger.warn("Socket '" + this.spec.getName() + "' sends without the peers it awaited: "
						+ tracker.getPeers() + "/" + this.spec.getAwaitPeers() + " peers, " + tracker.getSubscriptions()
						+ "/" + this.spec.getAwaitSubscribers() + " subscriptions after "
						+ this.spec.getAwaitTimeout());
			}
			return this.gateOpen;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop the loop and close the socket (with its linger, which bounds how long what was
	 * written but not yet transmitted may still go out). Waiting senders and receivers
	 * fail at once.
	 * @param timeout the longest to wait for the loop to end
	 * @return whether the loop ended in time
	 */
	public boolean stop(Duration timeout) {
		this.running = false;
		this.wakeup.signal();
		signalChange();
		wakeReader();
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

	private boolean readsInbound() {
		return this.spec.isPublisher() || (this.inboundHandler != null && this.spec.canReceive());
	}

	private void run() {
		ZmqSocketHandle opened;
		try {
			opened = this.factory.open(this.spec, this.actualType);
		}
		catch (RuntimeException ex) {
			this.running = false;
			this.ready.completeExceptionally(ex);
			this.wakeup.close();
			this.terminated.complete(null);
			return;
		}
		Selector selector = null;
		try {
			this.lock.lock();
			try {
				this.handle = opened;
				this.signal = ZmqCommandSignal.of(opened.getSocket());
			}
			finally {
				this.lock.unlock();
			}
			selector = Selector.open();
			SelectableChannel fd = opened.getSocket().getFD();
			fd.configureBlocking(false);
			SelectionKey descriptor = fd.register(selector, SelectionKey.OP_READ);
			this.descriptor = fd;
			SelectionKey wakeups = this.wakeup.source().register(selector, SelectionKey.OP_READ);
			this.ready.complete(opened);
			loop(opened, selector, descriptor, wakeups);
		}
		catch (IOException | RuntimeException | Error ex) {
			if (!this.ready.isDone()) {
				this.ready.completeExceptionally(
						new ZmqException("Cannot watch socket '" + this.spec.getName() + "': " + ex.getMessage(), ex));
			}
			else {
				this.failure = ex;
				logger.error("Socket '" + this.spec.getName() + "' failed; its loop is ending", ex);
			}
		}
		finally {
			this.running = false;
			this.lock.lock();
			try {
				this.closed = true;
				if (selector != null) {
					closeQuietly(selector);
				}
				this.factory.close(opened);
			}
			finally {
				this.lock.unlock();
			}
			failAsyncSends();
			signalChange();
			Selector pooled;
			while ((pooled = this.roomSelectors.poll()) != null) {
				closeQuietly(pooled);
			}
			this.wakeup.close();
			this.terminated.complete(null);
			for (Runnable listener : this.closeListeners) {
				try {
					listener.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A close listener of socket '" + this.spec.getName() + "' failed", ex);
				}
			}
		}
	}

	private void loop(ZmqSocketHandle opened, Selector selector, SelectionKey descriptor, SelectionKey wakeups)
			throws IOException {
		LoopState state = new LoopState(opened, selector, descriptor, wakeups, this.sent.get());
		// one pass per call: the JIT compiles pass() as a method, and after a
		// deoptimization recompiles it for the next call, where a loop that never
		// returned ran on on-stack-replacement code only, which a deoptimization sent
		// back to the interpreter and a profiling build until the next replacement
		// (benchmarks/README.md, "One connection for the JVM's life")
		while (this.running) {
			pass(state);
		}
	}

	/**
	 * One pass of the loop: read a batch and deliver it, write asynchronous sends, signal
	 * waiters, and wait on the descriptor and the wake-up pipe when there is nothing to
	 * do.
	 */
	private void pass(LoopState state) throws IOException {
		ZMQ.Socket socket = state.socket;
		List<byte[][]> batch = state.batch;
		// cleared before the handler is read, so that a handler set meanwhile leaves
		// it set and the loop does not park (setInboundHandler)
		this.inputPending = false;
		boolean reads = readsInbound();
		int events;
		this.lock.lock();
		try {
			if (reads) {
				byte[][] frames;
				while (batch.size() < READ_BATCH && (frames = readFrames(socket)) != null) {
					batch.add(frames);
				}
			}
			writeAsyncSends(socket);
			// woken by the descriptor with nothing read: a signal byte may be written
			// but not yet counted, and would wake the selector at once again
			events = (state.descriptorWoke && batch.isEmpty()) ? this.signal.eventsAfterWake(socket, ZMQ.Poller.POLLIN)
					: socket.getEvents();
		}
		finally {
			this.lock.unlock();
		}
		boolean signalled = (this.pending.get() > 0 && (events & ZMQ.Poller.POLLOUT) != 0)
				|| (this.receivers.get() > 0 && (events & ZMQ.Poller.POLLIN) != 0);
		boolean news = signalled;
		if (signalled) {
			long sentNow = this.sent.get();
			news = sentNow != state.sentAtSignal || this.receivers.get() > 0;
			state.sentAtSignal = sentNow;
			signalChange();
		}
		boolean woke = state.descriptorWoke;
		state.descriptorWoke = false;
		if (!batch.isEmpty()) {
			state.fruitless = 0;
			deliver(batch, state.tracker);
			batch.clear();
			if (this.callerReads) {
				// the reply a reading caller waits for may have been in it
				wakeReader();
			}
			return;
		}
		if (reads && (events & ZMQ.Poller.POLLIN) != 0) {
			state.fruitless = 0;
			return;
		}
		// the descriptor woke the loop, someone waits for room, and there is nothing
		// new for them (see pauseAfterFruitlessWake); without waiters the loop selects
		// again at once: pausing a reading loop let its bounded queue fill (row 1d)
		if (woke && !news && (this.pending.get() > 0 || !this.asyncSends.isEmpty())) {
			pauseAfterFruitlessWake(++state.fruitless);
		}
		else {
			state.fruitless = 0;
		}
		this.parked.set(true);
		if (!this.running || this.inputPending) {
			this.parked.set(false);
			return;
		}
		boolean watch;
		if (reads) {
			watch = this.pending.get() > 0 || this.receivers.get() > 0 || !this.asyncSends.isEmpty();
			// a socket that reads watches its descriptor, also when it only sent before
			// its handler was set (a DEALER before its first request); but while a
			// caller reads its input itself (readWhile) and nobody else waits, the
			// descriptor is left to that caller, or both would wake for each message.
			// Cleared before callerReads is read again: a caller that stops reading
			// clears that first, then looks at descriptorWatched (expectInput)
			boolean watched = true;
			if (!watch && this.callerReads) {
				this.descriptorWatched = false;
				watched = !this.callerReads;
			}
			this.descriptorWatched = watched;
		}
		else {
			// a socket that only sends, while messages flow: its senders process its
			// commands in every send and wait on its descriptor themselves
			// (sendInTurn), so the loop leaves the descriptor alone instead of waking
			// for each of the peer's "room made" signals. It checks every
			// IDLE_CHECK_MILLIS, and watches again once sends stop (so that commands
			// such as a leaving peer's are processed) or someone else waits. Cleared
			// before the waiter count is read: a sender raises the count first
			long sentNow = this.sent.get();
			boolean sending = sentNow != state.sentAtCheck;
			state.sentAtCheck = sentNow;
			this.descriptorWatched = false;
			watch = this.pending.get() > 0 || this.receivers.get() > 0 || !this.asyncSends.isEmpty();
			if (watch || !sending || !this.gateOpen) {
				this.descriptorWatched = true;
			}
		}
		if (state.watching != this.descriptorWatched) {
			state.watching = this.descriptorWatched;
			state.descriptor.interestOps(state.watching ? SelectionKey.OP_READ : 0);
		}
		Selector selector = state.selector;
		selector.select(watch ? WATCH_MILLIS : state.watching ? 0 : IDLE_CHECK_MILLIS);
		this.parked.set(false);
		// most wake-ups come from the socket's descriptor: read the pipe (a system
		// call) only when it was signalled
		boolean woken = selector.selectedKeys().contains(state.wakeups);
		state.descriptorWoke = selector.selectedKeys().size() > (woken ? 1 : 0);
		selector.selectedKeys().clear();
		if (woken) {
			this.wakeup.drain();
		}
	}

	/** What the loop carries from one pass to the next; its thread's only. */
	private static final class LoopState {

		final ZMQ.Socket socket;

		final ZmqPeerTracker tracker;

		final Selector selector;

		final SelectionKey descriptor;

		final SelectionKey wakeups;

		final List<byte[][]> batch = new ArrayList<>();

		/** Whether the last select returned for the socket's descriptor. */
		boolean descriptorWoke;

		/** Descriptor wake-ups in a row that found nothing to do. */
		int fruitless;

		/**
		 * The messages written when waiters were last signalled: signalling again before
		 * one of them ran tells them nothing new.
		 */
		long sentAtSignal = -1;

		/** Whether the selector watches the descriptor. */
		boolean watching = true;

		/**
		 * The messages written at the last idle check (an idle socket counts as idle).
		 */
		long sentAtCheck;

		LoopState(ZmqSocketHandle opened, Selector selector, SelectionKey descriptor, SelectionKey wakeups, long sent) {
			this.socket = opened.getSocket();
			this.tracker = opened.getTracker();
			this.selector = selector;
			this.descriptor = descriptor;
			this.wakeups = wakeups;
			this.sentAtCheck = sent;
		}

	}

	/**
	 * Under the lock: read one message's frames without waiting (a single-frame message,
	 * the common case, in an array of one).
	 * @return the frames, or {@code null} when no message waits (or one came cut short)
	 */
	private byte[] @Nullable [] readFrames(ZMQ.Socket socket) {
		byte[] first = socket.recv(ZMQ.DONTWAIT);
		if (first == null) {
			return null;
		}
		if (!socket.hasReceiveMore()) {
			return new byte[][] { first };
		}
		// the rest of a multipart message is there: ZeroMQ delivers messages whole
		byte[] second = socket.recv(ZMQ.DONTWAIT);
		if (second == null) {
			return cutShort();
		}
		if (!socket.hasReceiveMore()) {
			// two frames (a topic and a payload, an envelope and a body): no list
			return new byte[][] { first, second };
		}
		List<byte[]> frames = new ArrayList<>(4);
		frames.add(first);
		frames.add(second);
		while (socket.hasReceiveMore()) {
			byte[] next = socket.recv(ZMQ.DONTWAIT);
			if (next == null) {
				return cutShort();
			}
			frames.add(next);
		}
		return frames.toArray(new byte[0][]);
	}

	// cannot happen with ZeroMQ's atomic delivery; a part is dropped whole, as
	// ZMsg.recvMsg does, rather than handed on cut short
	private byte[] @Nullable [] cutShort() {
		logger.warn("Socket '" + this.spec.getName() + "' received a message cut short; dropped");
		return null;
	}

	/**
	 * After a wake-up by the socket's descriptor that found nothing to do. JeroMQ writes
	 * a command's signal byte before it counts it ({@code zmq.Signaler.send}), and reads
	 * only counted bytes, so the descriptor can stay readable while the socket has
	 * nothing to process: for as long as the I/O thread that wrote the byte is off the
	 * CPU. Selecting again at once spins, and on 2 cores the spinning loop takes the CPU
	 * from that very thread (measured: about 300 such wake-ups per wait for room,
	 * 20,000-50,000 per 150,000 messages in scenario 9). Give the CPU away instead: once,
	 * then briefly sleep while it lasts.
	 */
	private static void pauseAfterFruitlessWake(int inARow) {
		if (inARow == 1) {
			Thread.yield();
		}
		else {
			LockSupport.parkNanos(FRUITLESS_WAKE_PAUSE_NANOS);
		}
	}

	private void deliver(List<byte[][]> batch, ZmqPeerTracker tracker) {
		Consumer<byte[][]> handler = this.inboundHandler;
		boolean publisher = this.spec.isPublisher();
		for (byte[][] frames : batch) {
			if (publisher) {
				tracker.onSubscriptionMessage(frames[0]);
			}
			if (handler != null) {
				try {
					handler.accept(frames);
				}
				catch (RuntimeException ex) {
					logger.error("Inbound handler of socket '" + this.spec.getName() + "' failed", ex);
				}
			}
		}
	}

	/**
	 * Under the lock: write the asynchronous sends that wait, in order, while room lasts.
	 */
	private void writeAsyncSends(ZMQ.Socket socket) {
		AsyncSend next;
		while ((next = this.asyncSends.peek()) != null) {
			if (System.nanoTime() - next.deadline > 0) {
				this.asyncSends.poll();
				next.done.completeExceptionally(new ZmqSendTimeoutException(this.spec.getName(), next.timeout));
				continue;
			}
			if (!this.gateOpen && !checkGate()) {
				return;
			}
			try {
				if (!writeLocked(socket, next.frames)) {
					return;
				}
				this.asyncSends.poll();
				next.done.complete(null);
			}
			catch (ZmqException ex) {
				this.asyncSends.poll();
				next.done.completeExceptionally(ex);
			}
		}
	}

	private void failAsyncSends() {
		AsyncSend next;
		while ((next = this.asyncSends.poll()) != null) {
			next.done.completeExceptionally(new ZmqException("Socket '" + this.spec.getName() + "' is closed"));
		}
	}

	private record AsyncSend(byte[][] frames, long deadline, Duration timeout, CompletableFuture<Void> done) {
	}

}
