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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * Counts the connected peers of a socket (from JeroMQ's event hook, called on I/O
 * threads) and, for publishers, its active subscriptions (counted by the thread that owns
 * the socket as it reads them). Any thread may wait for a count to be reached.
 * <p>
 * A peer counts once its ZMTP handshake has completed, which is when ZeroMQ starts
 * routing messages to it. inproc connections raise no events and are not counted.
 * <p>
 * JeroMQ reports {@code DISCONNECTED} for every connection whose engine fails, also one
 * that never completed its greeting (a TCP probe, garbage, a handshake that timed out),
 * and its {@code HANDSHAKE_PROTOCOL} event names no connection. So each endpoint keeps
 * its open connections (from {@code ACCEPTED}/{@code CONNECTED}, which carry the channel)
 * and how many of them greeted; a disconnect counts as a peer leaving only when it must
 * have been one (no connection of that endpoint is still greeting), and, when that is
 * open, when JeroMQ did not fail it inside its greeting.
 *
 * @author zmq-spring-boot
 */
public final class ZmqPeerTracker {

	/** The events this tracker listens to. */
	static final int EVENTS = ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED | ZMQ.HANDSHAKE_FAILED_AUTH
			| ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_CONNECTED;

	private static final String ENGINE = "zmq.io.StreamEngine";

	private static final StackWalker STACK = StackWalker.getInstance();

	/**
	 * A secure client's connection that the server closes this soon after the ZMTP
	 * greeting is reported as a failed handshake: JeroMQ raises no event when the CURVE
	 * or PLAIN handshake itself completes, and a server that cannot read our HELLO (a
	 * wrong server key) just closes the connection.
	 */
	static final long HANDSHAKE_WINDOW_NANOS = Duration.ofSeconds(3).toNanos();

	// secure clients only: when each endpoint's current connection finished its greeting
	private final Map<String, Long> greeted = new ConcurrentHashMap<>();

	private volatile BiConsumer<String, String> handshakeFailureListener;

	private final Object monitor = new Object();

	// per endpoint (a bound address is shared by all its accepted connections): guarded
	// by monitor
	private final Map<String, Connections> connections = new java.util.HashMap<>();

	private int peers;

	private int subscriptions;

	private final ZmqOversizeMonitor oversize;

	/**
	 * Create a tracker for an unnamed socket.
	 */
	public ZmqPeerTracker() {
		this("unnamed");
	}

	/**
	 * Create a tracker for a socket.
	 * @param socketName the socket's name, for the log
	 */
	public ZmqPeerTracker(String socketName) {
		this.oversize = new ZmqOversizeMonitor(socketName);
	}

	/**
	 * Attach this tracker to a socket before it binds or connects.
	 * @param socket the socket, on its owning thread
	 */
	void attach(ZMQ.Socket socket) {
		socket.setEventHook(this::onEvent, EVENTS);
	}

	/**
	 * Attach this tracker to a socket before it binds or connects, passing every event on
	 * (a socket has one event hook).
	 * @param socket the socket, on its owning thread
	 * @param listener told of every event after this tracker
	 */
	void attach(ZMQ.Socket socket, java.util.function.Consumer<ZEvent> listener) {
		socket.setEventHook((event) -> {
			onEvent(event);
			listener.accept(event);
		}, ZMQ.EVENT_ALL);
	}

	/**
	 * Be told when a handshake of an outgoing connection fails: refused by the peer's
	 * authentication, or dropped before it completed (as a CURVE server does with a
	 * client that has the wrong server key).
	 * @param listener called with the endpoint and what failed
	 */
	public void setHandshakeFailureListener(BiConsumer<String, String> listener) {
		this.handshakeFailureListener = listener;
	}

	private void onEvent(ZEvent event) {
		ZMonitor.Event type = event.getEvent();
		if (type == ZMonitor.Event.ACCEPTED || type == ZMonitor.Event.CONNECTED) {
			synchronized (this.monitor) {
				connections(event.getAddress()).open.add(event.getValue());
			}
		}
		else if (type == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
			if (this.handshakeFailureListener != null) {
				this.greeted.put(String.valueOf(event.getAddress()), System.nanoTime());
			}
			synchronized (this.monitor) {
				connections(event.getAddress()).greeted++;
			}
			change(1, 0);
		}
		else if (type == ZMonitor.Event.DISCONNECTED) {
			Long since = this.greeted.remove(String.valueOf(event.getAddress()));
			if (since != null && System.nanoTime() - since < HANDSHAKE_WINDOW_NANOS) {
				handshakeFailed(event.getAddress(), "connection closed by the server during the security handshake "
						+ "(a wrong server key, or our key or credentials refused)");
			}
			this.oversize.onDisconnected(event);
			if (wasPeer(event)) {
				change(-1, 0);
			}
		}
		else if (type == ZMonitor.Event.HANDSHAKE_FAILED_AUTH) {
			this.greeted.remove(String.valueOf(event.getAddress()));
			handshakeFailed(event.getAddress(),
					"authentication refused by the server (status " + event.getValue() + ")");
		}
	}

	private Connections connections(String endpoint) {
		return this.connections.computeIfAbsent(String.valueOf(endpoint), (key) -> new Connections());
	}

	// whether a disconnected connection had completed its greeting (and was counted)
	private boolean wasPeer(ZEvent event) {
		boolean greeting = failedInGreeting(); // outside the lock: walks the stack
		synchronized (this.monitor) {
			Connections endpoint = this.connections.get(String.valueOf(event.getAddress()));
			if (endpoint == null) {
				return false;
			}
			// forgotten first, also when it was no peer: a stale open connection would
			// later count as "still greeting" and keep a dead peer counted
			int known = endpoint.open.remove(event.getValue()) ? 1 : 0;
			boolean peer = false;
			if (endpoint.greeted > 0) {
				int stillGreeting = endpoint.open.size() + known - endpoint.greeted;
				peer = stillGreeting <= 0 || !greeting;
				if (peer) {
					endpoint.greeted--;
				}
			}
			if (endpoint.greeted == 0 && endpoint.open.isEmpty()) {
				this.connections.remove(String.valueOf(event.getAddress()));
			}
			return peer;
		}
	}

	// JeroMQ 0.6.0 fails an engine before its greeting completed inside
	// StreamEngine.handshake() (garbage, or the peer closed) or from the handshake timer,
	// the only StreamEngine timer before the greeting completes; heartbeat timers fail an
	// engine from timerEvent too, which is told apart by the counts above when it matters
	// (the rare rest resolves itself when the greeting connection leaves)
	static boolean failedInGreeting() {
		return STACK.walk((frames) -> frames.anyMatch((frame) -> ENGINE.equals(frame.getClassName())
				&& ("handshake".equals(frame.getMethodName()) || "timerEvent".equals(frame.getMethodName()))));
	}

	private void handshakeFailed(String endpoint, String reason) {
		BiConsumer<String, String> listener = this.handshakeFailureListener;
		if (listener != null) {
			listener.accept(endpoint, reason);
		}
	}

	/**
	 * Record a subscription message read from an XPUB socket.
	 * @param frame the first frame: {@code 1} or {@code 0} followed by the topic
	 */
	void onSubscriptionMessage(byte[] frame) {
		if (frame != null && frame.length > 0) {
			if (frame[0] == 1) {
				change(0, 1);
			}
			else if (frame[0] == 0) {
				change(0, -1);
			}
		}
	}

	private void change(int peerDelta, int subscriptionDelta) {
		synchronized (this.monitor) {
			this.peers = Math.max(0, this.peers + peerDelta);
			this.subscriptions = Math.max(0, this.subscriptions + subscriptionDelta);
			this.monitor.notifyAll();
		}
	}

	/**
	 * @return the peers whose handshake has completed and that are still connected
	 */
	public int getPeers() {
		synchronized (this.monitor) {
			return this.peers;
		}
	}

	/**
	 * @return the counter of peers disconnected for a message over the socket's
	 * {@code max-message-size}
	 */
	public ZmqOversizeMonitor getOversizeMonitor() {
		return this.oversize;
	}

	/**
	 * @return how many peers were disconnected for a message over the socket's
	 * {@code max-message-size}
	 */
	public long getOversizeDisconnects() {
		return this.oversize.getOversizeDisconnects();
	}

	/**
	 * @return the active subscriptions (a subscriber counts once per topic)
	 */
	public int getSubscriptions() {
		synchronized (this.monitor) {
			return this.subscriptions;
		}
	}

	/**
	 * Wait until at least {@code count} peers are connected.
	 * @param count the peers to wait for
	 * @param timeout the longest to wait
	 * @return whether the count was reached
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public boolean awaitPeers(int count, Duration timeout) throws InterruptedException {
		return await(() -> this.peers, count, timeout);
	}

	/**
	 * Wait until at least {@code count} subscriptions are active.
	 * @param count the subscriptions to wait for
	 * @param timeout the longest to wait
	 * @return whether the count was reached
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public boolean awaitSubscriptions(int count, Duration timeout) throws InterruptedException {
		return await(() -> this.subscriptions, count, timeout);
	}

	private boolean await(IntSupplier value, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (value.getAsInt() < count) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.monitor.wait(Math.max(1, remaining / 1_000_000));
			}
			return true;
		}
	}

	private static final class Connections {

		// channels of connections not yet disconnected
		private final java.util.Set<Object> open = new java.util.HashSet<>();

		// how many of them completed their greeting
		private int greeted;

	}

}
