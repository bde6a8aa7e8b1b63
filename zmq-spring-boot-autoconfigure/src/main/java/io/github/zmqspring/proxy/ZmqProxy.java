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
package io.github.zmqspring.proxy;

import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqKeepAlive;
import io.github.zmqspring.core.ZmqLifecyclePhases;
import io.github.zmqspring.core.socket.ZmqEndpoint;
import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketHandle;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.core.socket.ZmqWakeupPipe;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqDeclaredSocketsDiscovery;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.discovery.ZmqEndpointTarget;
import io.github.zmqspring.discovery.ZmqServiceInstance;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.SocketBase;
import zmq.ZError;
import zmq.poll.PollItem;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * A ZeroMQ proxy as a lifecycle bean: a frontend and a backend socket joined on a thread
 * of their own, which forwards every message from one to the other (and, for
 * {@link ZmqProxyType#ROUTER_DEALER router-dealer} and {@link ZmqProxyType#XSUB_XPUB
 * xsub-xpub}, replies or subscriptions back), counting messages and bytes in each
 * direction.
 * <p>
 * The proxy's thread opens its sockets through the {@link ZmqSocketFactory}, so every
 * option of a declared socket applies before they bind or connect (DESIGN rules 1 and 3),
 * and is the only thread that touches them. It sleeps in a poll woken by a
 * {@link ZmqWakeupPipe} for {@link #pause()}, {@link #resume()} and {@link #stop()}, and
 * never blocks on a send: when a destination is full, the message waits and the source is
 * no longer read, so back-pressure reaches the senders and nothing is dropped, while stop
 * stays bounded. An optional capture socket receives a copy of every forwarded message
 * (never blocking the proxy; copies it cannot take are counted).
 * <p>
 * It starts before the listener containers and stops after them ({@link #PHASE}), and its
 * thread keeps the JVM alive while it runs (DESIGN rule 8).
 *
 * @author zmq-spring-boot
 */
public class ZmqProxy implements SmartLifecycle {

	/**
	 * The phase: after the declared sockets and the discovery beacon, before the listener
	 * containers, so that listeners find their proxies running and proxies outlive them.
	 */
	public static final int PHASE = ZmqLifecyclePhases.SOCKETS + 70;

	/** Capture socket types that can send without a request to answer. */
	public static final Set<SocketType> CAPTURE_TYPES = EnumSet.of(SocketType.PUB, SocketType.PUSH, SocketType.PAIR,
			SocketType.DEALER);

	private static final Log logger = LogFactory.getLog(ZmqProxy.class);

	// messages forwarded per wake-up from one side before the other side gets a turn
	private static final int BURST = 1024;

	private static final int SEND_OK = 0;

	private static final int SEND_FULL = 1;

	private static final int SEND_DROPPED = 2;

	private final String name;

	private final ZmqProxyType type;

	private final ZmqSocketSpec frontendSpec;

	private final ZmqSocketSpec backendSpec;

	private final ZmqSocketSpec captureSpec;

	private final ZmqSocketFactory factory;

	private final Object lifecycleMonitor = new Object();

	private final Queue<Consumer<Sockets>> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicLong frontendToBackendMessages = new AtomicLong();

	private final AtomicLong frontendToBackendBytes = new AtomicLong();

	private final AtomicLong backendToFrontendMessages = new AtomicLong();

	private final AtomicLong backendToFrontendBytes = new AtomicLong();

	private final AtomicLong captured = new AtomicLong();

	private final AtomicLong captureDropped = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final List<ZmqServiceInstance> announced = new ArrayList<>();

	private final List<ZmqServiceRegistry.Subscription> attachments = new ArrayList<>();

	private Duration stopTimeout = Duration.ofSeconds(5);

	private Duration startTimeout = Duration.ofSeconds(30);

	private boolean autoStartup = true;

	private ZmqKeepAlive keepAlive;

	private volatile AutoCloseable keepAliveHandle;

	private ZmqBeaconServiceRegistry beacon;

	private ZmqDiscoveryConnector connector;

	private String advertisedAddress;

	private volatile Thread thread;

	private volatile ZmqWakeupPipe wakeup;

	private volatile boolean running;

	private volatile boolean paused;

	private volatile boolean stopRequested;

	private volatile List<String> frontendBound = List.of();

	private volatile List<String> backendBound = List.of();

	private volatile List<String> captureBound = List.of();

	private volatile ZmqPeerTracker frontendTracker;

	private volatile ZmqPeerTracker backendTracker;

	private volatile Throwable failure;

	/**
	 * Create a proxy.
	 * @param name the proxy's name, used in thread names and messages
	 * @param type the kind of proxy
	 * @param frontend the frontend socket, of the type's
	 * {@link ZmqProxyType#getFrontendType() frontend type}
	 * @param backend the backend socket, of the type's
	 * {@link ZmqProxyType#getBackendType() backend type}
	 * @param capture a socket (PUB, PUSH, PAIR or DEALER) that receives a copy of every
	 * forwarded message, or {@code null}
	 * @param factory the factory that opens the sockets on the proxy's thread
	 */
	public ZmqProxy(String name, ZmqProxyType type, ZmqSocketSpec frontend, ZmqSocketSpec backend,
			ZmqSocketSpec capture, ZmqSocketFactory factory) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(type, "'type' must not be null");
		Assert.notNull(frontend, "'frontend' must not be null");
		Assert.notNull(backend, "'backend' must not be null");
		Assert.notNull(factory, "'factory' must not be null");
		Assert.isTrue(frontend.getType() == type.getFrontendType(), () -> "The frontend of a " + type.getPropertyValue()
				+ " proxy is a " + type.getFrontendType() + ", not " + frontend.getType());
		Assert.isTrue(backend.getType() == type.getBackendType(), () -> "The backend of a " + type.getPropertyValue()
				+ " proxy is a " + type.getBackendType() + ", not " + backend.getType());
		Assert.isTrue(capture == null || CAPTURE_TYPES.contains(capture.getType()),
				() -> "A capture socket is one of " + CAPTURE_TYPES + ", not " + capture.getType());
		this.name = name;
		this.type = type;
		this.frontendSpec = frontend;
		this.backendSpec = backend;
		this.captureSpec = capture;
		this.factory = factory;
	}

	/**
	 * Set how long {@link #stop()} waits for the proxy's thread to close its sockets.
	 * @param stopTimeout the bound (5 s by default)
	 */
	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	/**
	 * Set how long {@link #start()} waits for the sockets to bind and connect.
	 * @param startTimeout the bound (30 s by default)
	 */
	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
	}

	/**
	 * Set whether the proxy starts with the application context.
	 * @param autoStartup whether to start automatically ({@code true} by default)
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set what keeps the JVM alive while the proxy runs (DESIGN rule 8); the proxy's own
	 * thread is a daemon, as every thread of the library.
	 * @param keepAlive the keep-alive, or {@code null} for none
	 */
	public void setKeepAlive(ZmqKeepAlive keepAlive) {
		this.keepAlive = keepAlive;
	}

	/**
	 * Let discovery announce the sides that set {@code announce} and connect the sides'
	 * {@code discovery://} endpoints.
	 * @param beacon the beacon that announces
	 * @param connector the connector that resolves {@code discovery://} endpoints
	 * @param advertisedAddress the host announced in place of the bound one, or
	 * {@code null}
	 */
	public void setDiscovery(ZmqBeaconServiceRegistry beacon, ZmqDiscoveryConnector connector,
			String advertisedAddress) {
		this.beacon = beacon;
		this.connector = connector;
		this.advertisedAddress = (advertisedAddress != null && !advertisedAddress.isBlank()) ? advertisedAddress.trim()
				: null;
	}

	/**
	 * @return the proxy's name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * @return the kind of proxy
	 */
	public ZmqProxyType getType() {
		return this.type;
	}

	/**
	 * @return the frontend's spec
	 */
	public ZmqSocketSpec getFrontendSpec() {
		return this.frontendSpec;
	}

	/**
	 * @return the backend's spec
	 */
	public ZmqSocketSpec getBackendSpec() {
		return this.backendSpec;
	}

	/**
	 * @return the capture socket's spec, or {@code null}
	 */
	public ZmqSocketSpec getCaptureSpec() {
		return this.captureSpec;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			ZmqWakeupPipe pipe = new ZmqWakeupPipe("proxy '" + this.name + "'");
			CompletableFuture<Void> opened = new CompletableFuture<>();
			this.stopRequested = false;
			this.failure = null;
			this.wakeup = pipe;
			Thread proxyThread = new Thread(() -> run(opened, pipe), "zmq-proxy-" + this.name);
			// the keep-alive, not this thread, holds the JVM (DESIGN rule 8)
			proxyThread.setDaemon(true);
			this.thread = proxyThread;
			proxyThread.start();
			try {
				opened.get(this.startTimeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				awaitEnd(proxyThread);
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new ZmqException("Proxy '" + this.name + "' could not open its sockets", ex.getCause());
			}
			catch (TimeoutException ex) {
				this.stopRequested = true;
				pipe.signal();
				throw new ZmqException("Proxy '" + this.name + "' did not open its sockets within " + this.startTimeout,
						ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.stopRequested = true;
				pipe.signal();
				throw new ZmqException("Interrupted while proxy '" + this.name + "' was starting", ex);
			}
			this.running = true;
			if (this.keepAlive != null) {
				this.keepAliveHandle = this.keepAlive.acquire("proxy '" + this.name + "'");
			}
			attachDiscovery();
			if (logger.isInfoEnabled()) {
				logger.info("Proxy '" + this.name + "' (" + this.type.getPropertyValue() + ") started: frontend "
						+ describe(this.frontendSpec, this.frontendBound) + ", backend "
						+ describe(this.backendSpec, this.backendBound));
			}
		}
	}

	private static String describe(ZmqSocketSpec spec, List<String> bound) {
		List<String> endpoints = new ArrayList<>(bound);
		spec.getConnect().forEach((endpoint) -> endpoints.add("-> " + endpoint));
		return spec.getType() + " " + endpoints;
	}

	private void attachDiscovery() {
		if (this.beacon != null) {
			announce(this.frontendSpec, this.frontendBound);
			announce(this.backendSpec, this.backendBound);
		}
		if (this.connector != null) {
			attach(this.frontendSpec, true);
			attach(this.backendSpec, false);
		}
	}

	private void announce(ZmqSocketSpec spec, List<String> bound) {
		if (spec.getAnnounce() == null) {
			return;
		}
		for (String endpoint : bound) {
			String advertised = ZmqDeclaredSocketsDiscovery.advertise(endpoint, this.advertisedAddress);
			this.announced.add(this.beacon.announce(spec.getAnnounce(), advertised, spec.getType().type));
		}
	}

	private void attach(ZmqSocketSpec spec, boolean frontend) {
		for (ZmqEndpoint endpoint : spec.getConnect()) {
			if (endpoint.isDiscovery()) {
				this.attachments.add(this.connector.attach(endpoint.getAddress(), new SideTarget(frontend)));
			}
		}
	}

	@Override
	public void stop() {
		Thread proxyThread;
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.attachments.forEach(ZmqServiceRegistry.Subscription::close);
			this.attachments.clear();
			if (this.beacon != null) {
				this.announced.forEach(this.beacon::withdraw);
			}
			this.announced.clear();
			this.stopRequested = true;
			this.wakeup.signal();
			proxyThread = this.thread;
		}
		if (!awaitEnd(proxyThread)) {
			logger.warn("Proxy '" + this.name + "' did not stop within " + this.stopTimeout
					+ "; its thread is left to end on its own");
		}
		releaseKeepAlive();
	}

	private void releaseKeepAlive() {
		AutoCloseable handle = this.keepAliveHandle;
		this.keepAliveHandle = null;
		if (handle != null) {
			try {
				handle.close();
			}
			catch (Exception ex) {
				logger.debug("Releasing the keep-alive of proxy '" + this.name + "' failed", ex);
			}
		}
	}

	private boolean awaitEnd(Thread proxyThread) {
		try {
			proxyThread.join(Math.max(1, this.stopTimeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !proxyThread.isAlive();
	}

	/**
	 * @return whether the proxy has started and its thread still forwards (paused or not)
	 */
	@Override
	public boolean isRunning() {
		Thread proxyThread = this.thread;
		return this.running && proxyThread != null && proxyThread.isAlive();
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Hold traffic in both directions: messages wait in the sockets' queues (and, once
	 * those are full, push back on senders) until {@link #resume()}. Returns once the
	 * proxy's thread has seen the pause (bounded by the stop timeout), so that nothing is
	 * forwarded afterwards.
	 */
	public void pause() {
		this.paused = true;
		Thread proxyThread = this.thread;
		if (!this.running || proxyThread == null || Thread.currentThread() == proxyThread) {
			return;
		}
		// wait until the loop has seen the flag, so nothing is forwarded after pause
		// returns
		CompletableFuture<Void> seen = new CompletableFuture<>();
		this.tasks.add((sockets) -> seen.complete(null));
		signal();
		try {
			seen.get(this.stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Proxy '" + this.name + "' did not confirm the pause within " + this.stopTimeout);
		}
	}

	/**
	 * Release traffic held by {@link #pause()}.
	 */
	public void resume() {
		this.paused = false;
		signal();
	}

	/**
	 * @return whether the proxy is paused
	 */
	public boolean isPaused() {
		return this.paused;
	}

	private void signal() {
		ZmqWakeupPipe pipe = this.wakeup;
		if (pipe != null) {
			pipe.signal();
		}
	}

	/**
	 * @return the number of messages (multipart messages count once) forwarded from the
	 * frontend to the backend
	 */
	public long getFrontendToBackendCount() {
		return this.frontendToBackendMessages.get();
	}

	/**
	 * @return the number of messages forwarded from the backend to the frontend: replies
	 * for router-dealer, subscriptions for xsub-xpub
	 */
	public long getBackendToFrontendCount() {
		return this.backendToFrontendMessages.get();
	}

	/**
	 * @return the bytes (of all frames) forwarded from the frontend to the backend
	 */
	public long getFrontendToBackendBytes() {
		return this.frontendToBackendBytes.get();
	}

	/**
	 * @return the bytes (of all frames) forwarded from the backend to the frontend
	 */
	public long getBackendToFrontendBytes() {
		return this.backendToFrontendBytes.get();
	}

	/**
	 * Return the number of messages forwarded in one direction.
	 * @param direction the direction
	 * @return the count
	 */
	public long getForwardedCount(Direction direction) {
		return (direction == Direction.FRONTEND_TO_BACKEND) ? getFrontendToBackendCount() : getBackendToFrontendCount();
	}

	/**
	 * @return the number of messages copied to the capture socket
	 */
	public long getCapturedCount() {
		return this.captured.get();
	}

	/**
	 * @return the number of messages the capture socket could not take (it was full or,
	 * for PUSH, PAIR and DEALER, had no peer)
	 */
	public long getCaptureDroppedCount() {
		return this.captureDropped.get();
	}

	/**
	 * @return the number of messages dropped because the destination refused them for a
	 * reason other than being full (for example an unroutable ROUTER reply with
	 * router-mandatory)
	 */
	public long getDroppedCount() {
		return this.dropped.get();
	}

	/**
	 * @return the frontend's bound endpoints with ephemeral ports resolved (empty before
	 * the first start)
	 */
	public List<String> getFrontendBoundEndpoints() {
		return this.frontendBound;
	}

	/**
	 * @return the backend's bound endpoints with ephemeral ports resolved (empty before
	 * the first start)
	 */
	public List<String> getBackendBoundEndpoints() {
		return this.backendBound;
	}

	/**
	 * @return the capture socket's bound endpoints (empty without capture)
	 */
	public List<String> getCaptureBoundEndpoints() {
		return this.captureBound;
	}

	/**
	 * @return the number of tcp peers connected to the frontend (handshakes completed)
	 */
	public int getFrontendPeers() {
		ZmqPeerTracker tracker = this.frontendTracker;
		return (tracker != null) ? tracker.getPeers() : 0;
	}

	/**
	 * @return the number of tcp peers connected to the backend (handshakes completed)
	 */
	public int getBackendPeers() {
		ZmqPeerTracker tracker = this.backendTracker;
		return (tracker != null) ? tracker.getPeers() : 0;
	}

	/**
	 * @return the error that ended the proxy's thread, or {@code null}
	 */
	public Throwable getFailure() {
		return this.failure;
	}

	@Override
	public String toString() {
		return "ZmqProxy '" + this.name + "' (" + this.type.getPropertyValue() + ")";
	}

	private void run(CompletableFuture<Void> opened, ZmqWakeupPipe pipe) {
		List<ZmqSocketHandle> handles = new ArrayList<>(3);
		Selector selector = null;
		Sockets sockets;
		try {
			ZmqSocketHandle frontend = this.factory.open(this.frontendSpec, this.type.getFrontendType());
			handles.add(frontend);
			ZmqSocketHandle backend = this.factory.open(this.backendSpec, this.type.getBackendType());
			handles.add(backend);
			ZmqSocketHandle capture = null;
			if (this.captureSpec != null) {
				capture = this.factory.open(this.captureSpec, this.captureSpec.getType());
				handles.add(capture);
				this.captureBound = capture.getBoundEndpoints();
			}
			selector = Selector.open();
			this.frontendBound = frontend.getBoundEndpoints();
			this.backendBound = backend.getBoundEndpoints();
			this.frontendTracker = frontend.getTracker();
			this.backendTracker = backend.getTracker();
			sockets = new Sockets(frontend.getSocket(), backend.getSocket());
			opened.complete(null);
			new Loop(frontend.getSocket().base(), backend.getSocket().base(),
					(capture != null) ? capture.getSocket().base() : null, selector, pipe, sockets)
				.run();
		}
		catch (Throwable ex) {
			if (!opened.isDone()) {
				opened.completeExceptionally(ex);
			}
			else {
				this.failure = ex;
				logger.error("Proxy '" + this.name + "' stopped on an unexpected error and no longer forwards", ex);
				releaseKeepAlive();
			}
		}
		finally {
			for (ZmqSocketHandle handle : handles) {
				try {
					this.factory.close(handle);
				}
				catch (RuntimeException ex) {
					logger.debug("Closing a socket of proxy '" + this.name + "' failed", ex);
				}
			}
			if (selector != null) {
				try {
					selector.close();
				}
				catch (IOException ex) {
					logger.debug("Closing the selector of proxy '" + this.name + "' failed", ex);
				}
			}
			pipe.close();
		}
	}

	private static void count(AtomicLong counter, long delta) {
		if (delta != 0) {
			counter.addAndGet(delta);
		}
	}

	/**
	 * The directions a proxy forwards in.
	 */
	public enum Direction {

		/** Requests, published messages or pushed messages. */
		FRONTEND_TO_BACKEND,

		/** Replies (router-dealer) or subscriptions (xsub-xpub). */
		BACKEND_TO_FRONTEND

	}

	/**
	 * The two sockets, for tasks run on the proxy's thread.
	 *
	 * @param frontend the frontend
	 * @param backend the backend
	 */
	private record Sockets(ZMQ.Socket frontend, ZMQ.Socket backend) {
	}

	/**
	 * Connects and disconnects one side for discovery, on the proxy's thread.
	 */
	private final class SideTarget implements ZmqEndpointTarget {

		private final boolean frontend;

		SideTarget(boolean frontend) {
			this.frontend = frontend;
		}

		@Override
		public void connect(String endpoint) {
			execute((sockets) -> side(sockets).connect(endpoint));
		}

		@Override
		public void disconnect(String endpoint) {
			execute((sockets) -> side(sockets).disconnect(endpoint));
		}

		private ZMQ.Socket side(Sockets sockets) {
			return this.frontend ? sockets.frontend() : sockets.backend();
		}

		private void execute(Consumer<Sockets> task) {
			ZmqProxy.this.tasks.add(task);
			signal();
		}

		@Override
		public String toString() {
			return "proxy '" + ZmqProxy.this.name + "' " + (this.frontend ? "frontend" : "backend");
		}

	}

	/**
	 * The forwarding loop, on the proxy's thread.
	 */
	private final class Loop {

		private final SocketBase frontend;

		private final SocketBase backend;

		private final SocketBase capture;

		private final Selector selector;

		private final ZmqWakeupPipe pipe;

		private final Sockets sockets;

		private final boolean bidirectional = ZmqProxy.this.type.isBidirectional();

		// a message the destination could not take yet, waiting for POLLOUT
		private final List<Msg> pendingToBackend = new ArrayList<>();

		private final List<Msg> pendingToFrontend = new ArrayList<>();

		private final List<Msg> frames = new ArrayList<>();

		private PollItem[] items;

		private PollItem frontendItem;

		private PollItem backendItem;

		private int state = -1;

		Loop(SocketBase frontend, SocketBase backend, SocketBase capture, Selector selector, ZmqWakeupPipe pipe,
				Sockets sockets) {
			this.frontend = frontend;
			this.backend = backend;
			this.capture = capture;
			this.selector = selector;
			this.pipe = pipe;
			this.sockets = sockets;
		}

		void run() {
			while (!ZmqProxy.this.stopRequested) {
				runTasks();
				boolean pausedNow = ZmqProxy.this.paused;
				int current = (pausedNow ? 1 : 0) | (this.pendingToBackend.isEmpty() ? 0 : 2)
						| (this.pendingToFrontend.isEmpty() ? 0 : 4);
				if (current != this.state) {
					buildItems(pausedNow);
					this.state = current;
				}
				int rc = zmq.ZMQ.poll(this.selector, this.items, this.items.length, -1);
				if (ZmqProxy.this.stopRequested) {
					return;
				}
				if (rc < 0) {
					checkTerminated(this.frontend);
					continue;
				}
				if (this.items[0].isReadable()) {
					this.pipe.drain();
				}
				if (ZmqProxy.this.paused) {
					continue;
				}
				if (this.frontendItem != null) {
					if (this.frontendItem.isWritable()) {
						flush(this.pendingToFrontend, this.frontend, ZmqProxy.this.backendToFrontendMessages,
								ZmqProxy.this.backendToFrontendBytes);
					}
					if (this.frontendItem.isReadable() && this.pendingToBackend.isEmpty()) {
						forward(this.frontend, this.backend, this.pendingToBackend,
								ZmqProxy.this.frontendToBackendMessages, ZmqProxy.this.frontendToBackendBytes);
					}
				}
				if (this.backendItem != null) {
					if (this.backendItem.isWritable()) {
						flush(this.pendingToBackend, this.backend, ZmqProxy.this.frontendToBackendMessages,
								ZmqProxy.this.frontendToBackendBytes);
					}
					if (this.backendItem.isReadable() && this.pendingToFrontend.isEmpty()) {
						forward(this.backend, this.frontend, this.pendingToFrontend,
								ZmqProxy.this.backendToFrontendMessages, ZmqProxy.this.backendToFrontendBytes);
					}
				}
			}
		}

		private void runTasks() {
			Consumer<Sockets> task;
			while ((task = ZmqProxy.this.tasks.poll()) != null) {
				try {
					task.accept(this.sockets);
				}
				catch (RuntimeException ex) {
					logger.warn("Proxy '" + ZmqProxy.this.name + "' could not run a discovery change", ex);
				}
			}
		}

		private void buildItems(boolean pausedNow) {
			List<PollItem> list = new ArrayList<>(3);
			list.add(new PollItem(this.pipe.source(), zmq.ZMQ.ZMQ_POLLIN));
			this.frontendItem = null;
			this.backendItem = null;
			if (!pausedNow) {
				int frontendOps = (this.pendingToBackend.isEmpty() ? zmq.ZMQ.ZMQ_POLLIN : 0)
						| (this.pendingToFrontend.isEmpty() ? 0 : zmq.ZMQ.ZMQ_POLLOUT);
				int backendOps = ((this.bidirectional && this.pendingToFrontend.isEmpty()) ? zmq.ZMQ.ZMQ_POLLIN : 0)
						| (this.pendingToBackend.isEmpty() ? 0 : zmq.ZMQ.ZMQ_POLLOUT);
				if (frontendOps != 0) {
					this.frontendItem = new PollItem(this.frontend, frontendOps);
					list.add(this.frontendItem);
				}
				if (backendOps != 0) {
					this.backendItem = new PollItem(this.backend, backendOps);
					list.add(this.backendItem);
				}
			}
			this.items = list.toArray(new PollItem[0]);
		}

		private void forward(SocketBase from, SocketBase to, List<Msg> pending, AtomicLong messages, AtomicLong bytes) {
			long forwardedMessages = 0;
			long forwardedBytes = 0;
			for (int i = 0; i < BURST && !ZmqProxy.this.paused; i++) {
				Msg first = from.recv(zmq.ZMQ.ZMQ_DONTWAIT);
				if (first == null) {
					checkTerminated(from);
					break;
				}
				List<Msg> message = this.frames;
				message.clear();
				message.add(first);
				long size = first.size();
				Msg last = first;
				while (last.hasMore()) {
					last = from.recv(zmq.ZMQ.ZMQ_DONTWAIT);
					if (last == null) {
						// parts of a message arrive together; this is a closing socket
						checkTerminated(from);
						break;
					}
					message.add(last);
					size += last.size();
				}
				if (this.capture != null) {
					capture(message);
				}
				int sent = send(to, message);
				if (sent == SEND_FULL) {
					// wait for room; the source is not read meanwhile (back-pressure)
					pending.addAll(message);
					message.clear();
					break;
				}
				message.clear();
				if (sent == SEND_OK) {
					forwardedMessages++;
					forwardedBytes += size;
				}
			}
			count(messages, forwardedMessages);
			count(bytes, forwardedBytes);
		}

		private void flush(List<Msg> pending, SocketBase to, AtomicLong messages, AtomicLong bytes) {
			if (pending.isEmpty()) {
				return;
			}
			long size = 0;
			for (Msg frame : pending) {
				size += frame.size();
			}
			int sent = send(to, pending);
			if (sent == SEND_FULL) {
				return;
			}
			pending.clear();
			if (sent == SEND_OK) {
				count(messages, 1);
				count(bytes, size);
			}
		}

		private int send(SocketBase to, List<Msg> message) {
			int count = message.size();
			for (int i = 0; i < count; i++) {
				int flags = zmq.ZMQ.ZMQ_DONTWAIT | ((i < count - 1) ? zmq.ZMQ.ZMQ_SNDMORE : 0);
				if (!to.send(message.get(i), flags)) {
					int errno = to.errno();
					if (i == 0 && errno == ZError.EAGAIN) {
						return SEND_FULL;
					}
					checkTerminated(to);
					ZmqProxy.this.dropped.incrementAndGet();
					if (logger.isDebugEnabled()) {
						logger.debug("Proxy '" + ZmqProxy.this.name + "' dropped a message: errno " + errno);
					}
					return SEND_DROPPED;
				}
			}
			return SEND_OK;
		}

		private void capture(List<Msg> message) {
			int count = message.size();
			for (int i = 0; i < count; i++) {
				int flags = zmq.ZMQ.ZMQ_DONTWAIT | ((i < count - 1) ? zmq.ZMQ.ZMQ_SNDMORE : 0);
				if (!this.capture.send(new Msg(message.get(i)), flags)) {
					ZmqProxy.this.captureDropped.incrementAndGet();
					return;
				}
			}
			ZmqProxy.this.captured.incrementAndGet();
		}

		private void checkTerminated(SocketBase socket) {
			if (socket.errno() == ZError.ETERM) {
				throw new ZmqException("The ZeroMQ context of proxy '" + ZmqProxy.this.name + "' was closed");
			}
		}

	}

}
