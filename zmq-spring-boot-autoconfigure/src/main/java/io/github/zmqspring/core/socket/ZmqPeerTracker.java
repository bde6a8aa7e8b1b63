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
 *
 * @author zmq-spring-boot
 */
public final class ZmqPeerTracker {

	/** The events this tracker listens to. */
	static final int EVENTS = ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED;

	private final Object monitor = new Object();

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

	private void onEvent(ZEvent event) {
		ZMonitor.Event type = event.getEvent();
		if (type == ZMonitor.Event.HANDSHAKE_PROTOCOL) {
			change(1, 0);
		}
		else if (type == ZMonitor.Event.DISCONNECTED) {
			this.oversize.onDisconnected(event);
			change(-1, 0);
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

}
