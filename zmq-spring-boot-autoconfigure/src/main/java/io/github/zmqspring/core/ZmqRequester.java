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

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.convert.ZmqMetadata;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.convert.ZmqMetadataException;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;

/**
 * Request/reply over a DEALER socket with many requests in flight at once. Each request
 * is sent as {@code [correlation id][empty][payload...]}: a REP peer treats the id as
 * part of the envelope and echoes it back (libzmq's REQ_CORRELATE does the same), and a
 * ROUTER peer that echoes the envelope does too, so replies are matched to requests
 * whatever their order.
 * <p>
 * Resilience follows the ZeroMQ guide's Lazy Pirate: a request without a reply within its
 * timeout is sent again, under a new id, up to {@code retries} times, then fails with a
 * {@link ZmqRequestTimeoutException}. DEALER reconnects by itself, so a restarted server
 * is used again without restarting the client, and DEALER spreads requests round robin
 * across connected servers. A reply that arrives after its request gave up is dropped and
 * counted as late.
 *
 * @author zmq-spring-boot
 */
public final class ZmqRequester implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ZmqRequester.class);

	private static final byte[] EMPTY = new byte[0];

	private final ZmqSocketOwner owner;

	private final int retries;

	private final Duration sendTimeout;

	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong());

	private final AtomicLong lateReplies = new AtomicLong();

	private final AtomicLong malformedReplies = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	private final AtomicLong timeouts = new AtomicLong();

	private final ScheduledThreadPoolExecutor timer;

	private final Object sweepMonitor = new Object();

	/** The one scheduled timeout sweep, if any; guarded by the sweep monitor. */
	private ScheduledFuture<?> sweep;

	/** When the scheduled sweep runs ({@link System#nanoTime()}); guarded likewise. */
	private long sweepAt;

	/**
	 * Create a requester on a DEALER socket; it takes over the socket's inbound messages.
	 * @param owner the owner of a DEALER socket
	 * @param retries how many times a timed-out request is sent again
	 * @param sendTimeout the longest a request waits for room in the socket's queue
	 */
	public ZmqRequester(ZmqSocketOwner owner, int retries, Duration sendTimeout) {
		if (owner.getSpec().getType() != SocketType.DEALER) {
			throw new ZmqException("Socket '" + owner.getSpec().getName() + "' is a " + owner.getSpec().getType()
					+ "; requests need a DEALER socket (declare type: dealer; it speaks to REP and ROUTER servers "
					+ "and keeps many requests in flight)");
		}
		if (retries < 0) {
			throw new IllegalArgumentException("retries must not be negative");
		}
		this.owner = owner;
		this.retries = retries;
		this.sendTimeout = sendTimeout;
		this.timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "zmq-request-timer-" + owner.getSpec().getName());
			thread.setDaemon(true);
			return thread;
		});
		this.timer.setRemoveOnCancelPolicy(true);
		owner.setInboundFramesHandler(this::onReply);
		// a request waiting for its reply fails at once when the socket closes
		owner.addCloseListener(this::close);
	}

	/**
	 * Send a request and receive its reply frames.
	 * @param frames the request's payload frames (usually one)
	 * @param timeout how long each attempt waits for its reply
	 * @return a future of the reply's frames (the payload last, after a metadata frame
	 * when the server sent one); it fails with {@link ZmqRequestTimeoutException} once
	 * every attempt has timed out, and with {@link ZmqRemoteException} when the server
	 * replied with an error
	 */
	public CompletableFuture<List<byte[]>> request(byte[][] frames, Duration timeout) {
		Pending request = new Pending(frames, timeout, new CompletableFuture<>());
		send(request);
		// the socket's loop reads the reply, also if a caller had been reading in its
		// place
		this.owner.expectInput();
		return request.result;
	}

	/**
	 * Send a request and wait for its reply. While no other thread does, the calling
	 * thread reads the socket's replies itself ({@link ZmqSocketOwner#readWhile}), as a
	 * blocking REQ socket's caller does, and hands others' replies on as it reads them;
	 * that saves a thread hand-off on every round trip. Otherwise it waits for the reader
	 * or the socket's loop to complete its reply.
	 * @param frames the request's payload frames (usually one)
	 * @param timeout how long each attempt waits for its reply
	 * @return the future of the reply's frames (as {@link #request}): done when this
	 * caller read its reply; otherwise (another caller was reading, the thread is
	 * interrupted, the socket is closing) join it
	 */
	public CompletableFuture<List<byte[]>> requestAndAwait(byte[][] frames, Duration timeout) {
		Pending request = new Pending(frames, timeout, new CompletableFuture<>());
		send(request);
		CompletableFuture<List<byte[]>> result = request.result;
		if (!result.isDone()) {
			boolean read = this.owner.readWhile(() -> !result.isDone(), longestWait(timeout));
			// replies still expected (other callers', or this one's after an interrupt)
			// are the loop's to read again; a caller that did not read may have found the
			// loop leaving the descriptor to a reader that has just stopped
			if (!read || !this.pending.isEmpty()) {
				this.owner.expectInput();
			}
		}
		return result;
	}

	/** Every attempt of a request, and a second for the sweep that ends it. */
	private Duration longestWait(Duration timeout) {
		try {
			return timeout.multipliedBy(this.retries + 1L).plusSeconds(1);
		}
		catch (ArithmeticException ex) {
			return Duration.ofNanos(Long.MAX_VALUE);
		}
	}

	private void send(Pending request) {
		long id = this.ids.incrementAndGet();
		byte[][] message = new byte[request.frames.length + 2][];
		message[0] = ByteBuffer.allocate(Long.BYTES).putLong(id).array();
		message[1] = EMPTY;
		System.arraycopy(request.frames, 0, message, 2, request.frames.length);
		request.deadline = System.nanoTime() + request.timeout.toNanos();
		this.pending.put(id, request);
		try {
			scheduleSweep(request.deadline);
		}
		catch (RejectedExecutionException ex) {
			this.pending.remove(id);
			throw ex;
		}
		try {
			if (!this.owner.send(message, this.sendTimeout)) {
				fail(id, new ZmqSendTimeoutException(this.owner.getSpec().getName(), this.sendTimeout));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail(id, ex);
		}
		catch (RuntimeException ex) {
			fail(id, ex);
		}
	}

	private void fail(long id, Throwable failure) {
		Pending request = this.pending.remove(id);
		if (request != null) {
			request.result.completeExceptionally(failure);
		}
	}

	/**
	 * Make sure a sweep runs by {@code deadline}. Scheduling a task wakes the timer
	 * thread, so one is scheduled only when the deadline comes before the sweep already
	 * scheduled: with equal timeouts, once per timeout period instead of once per request
	 * (a wake-up per request cost a thread hand-off on every round trip).
	 */
	private void scheduleSweep(long deadline) {
		synchronized (this.sweepMonitor) {
			if (this.sweep != null && this.sweepAt - deadline <= 0) {
				return;
			}
			if (this.sweep != null) {
				this.sweep.cancel(false);
			}
			this.sweepAt = deadline;
			this.sweep = this.timer.schedule(this::sweep, Math.max(0, deadline - System.nanoTime()),
					TimeUnit.NANOSECONDS);
		}
	}

	/** Time out the requests past their deadline, then schedule the next sweep. */
	private void sweep() {
		synchronized (this.sweepMonitor) {
			// a request sent from now on schedules its own sweep
			this.sweep = null;
		}
		long now = System.nanoTime();
		long next = 0;
		boolean more = false;
		for (Map.Entry<Long, Pending> entry : this.pending.entrySet()) {
			long deadline = entry.getValue().deadline;
			if (deadline - now <= 0) {
				onTimeout(entry.getKey());
			}
			else if (!more || deadline - next < 0) {
				next = deadline;
				more = true;
			}
		}
		if (more && !this.timer.isShutdown()) {
			scheduleSweep(next);
		}
	}

	private void onTimeout(long id) {
		Pending request = this.pending.remove(id);
		if (request == null) {
			return; // answered meanwhile
		}
		if (request.attempts <= this.retries && this.owner.isRunning()) {
			request.attempts++;
			this.retried.incrementAndGet();
			send(request);
			this.owner.expectInput();
			return;
		}
		this.timeouts.incrementAndGet();
		request.result.completeExceptionally(
				new ZmqRequestTimeoutException(this.owner.getSpec().getName(), request.attempts, request.timeout));
	}

	/**
	 * Runs without the socket's lock, on the socket's loop thread or on the thread of a
	 * caller that reads replies while it waits ({@link #requestAndAwait}), possibly both
	 * at once: replies are matched by id, in any order.
	 */
	private void onReply(byte[][] reply) {
		if (reply.length < 2 || reply[0].length != Long.BYTES || reply[1].length != 0) {
			this.malformedReplies.incrementAndGet();
			logger.debug("Dropped a reply without a correlation envelope on '" + this.owner.getSpec().getName() + "'");
			return;
		}
		long id = ByteBuffer.wrap(reply[0]).getLong();
		Pending request = this.pending.remove(id);
		if (request == null) {
			this.lateReplies.incrementAndGet();
			return;
		}
		List<byte[]> frames = Arrays.asList(reply).subList(2, reply.length);
		if (frames.size() == 2 && ZmqMetadataCodec.isMetadataFrame(frames.get(0))) {
			try {
				ZmqMetadata metadata = ZmqMetadataCodec.decode(frames.get(0));
				if (metadata.error()) {
					request.result.completeExceptionally(ZmqRemoteException.from(this.owner.getSpec().getName(),
							metadata, new String(frames.get(1), java.nio.charset.StandardCharsets.UTF_8)));
					return;
				}
				// kept: the template maps its headers when the caller asks for a Message
			}
			catch (ZmqMetadataException ex) {
				request.result.completeExceptionally(ex);
				return;
			}
		}
		request.result.complete(frames);
	}

	/**
	 * @return replies that arrived after their request had given up or been retried
	 */
	public long getLateReplies() {
		return this.lateReplies.get();
	}

	/**
	 * @return replies without a correlation envelope, dropped
	 */
	public long getMalformedReplies() {
		return this.malformedReplies.get();
	}

	/**
	 * @return requests that failed after every attempt timed out
	 */
	public long getTimeouts() {
		return this.timeouts.get();
	}

	/**
	 * @return how many times a timed-out request was sent again
	 */
	public long getRetries() {
		return this.retried.get();
	}

	/**
	 * @return requests waiting for their reply
	 */
	public int getInFlight() {
		return this.pending.size();
	}

	/**
	 * Fail every request in flight and stop the timer.
	 */
	@Override
	public void close() {
		this.timer.shutdownNow();
		for (Long id : List.copyOf(this.pending.keySet())) {
			fail(id, new ZmqException("Requester on '" + this.owner.getSpec().getName() + "' closed"));
		}
	}

	private static final class Pending {

		private final byte[][] frames;

		private final Duration timeout;

		private final CompletableFuture<List<byte[]>> result;

		private volatile long deadline;

		private int attempts = 1;

		Pending(byte[][] frames, Duration timeout, CompletableFuture<List<byte[]>> result) {
			this.frames = frames;
			this.timeout = timeout;
			this.result = result;
		}

	}

}
