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
package io.github.zmqspring.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.core.ZmqLifecyclePhases;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

/**
 * Our ZAP handler (ZeroMQ RFC 27): a ROUTER bound to {@value #ZAP_ENDPOINT} in the
 * managed context, on a thread of its own, that decides on every CURVE, PLAIN and
 * address-restricted connection: CURVE by key allow-list, PLAIN by user, addresses by
 * CIDR. Each socket has its own ZAP domain (its name) with its own rules; a request for
 * an unknown domain is decided by the context's rules.
 * <p>
 * JeroMQ's CURVE and PLAIN servers accept every peer when no ZAP handler is bound, so
 * this one binds when it is created (before any socket opens) and the socket factory
 * refuses to open a CURVE or PLAIN server while it is not running. A refusal answers
 * status 400, is counted, logged at warn (at most one line per
 * {@link #setLogInterval(Duration) log interval}, with address and key, never a secret),
 * and published as a {@link ZmqPeerRefusedEvent}.
 *
 * @author zmq-spring-boot
 */
public class ZmqZapHandler implements SmartLifecycle, ApplicationEventPublisherAware {

	/** Where ZeroMQ looks for the ZAP handler of a context. */
	public static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";

	private static final Log logger = LogFactory.getLog(ZmqZapHandler.class);

	private static final int POLL_MILLIS = 250;

	private final ZContext context;

	private final ZmqZapPolicy defaults;

	private final Map<String, ZmqZapPolicy> domains = new ConcurrentHashMap<>();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final Object lifecycleMonitor = new Object();

	private volatile ApplicationEventPublisher eventPublisher;

	private volatile Duration logInterval = Duration.ofSeconds(10);

	private volatile Thread thread;

	private volatile boolean running;

	private volatile ExecutorService events;

	private long lastLog = Long.MIN_VALUE;

	private long suppressed;

	/**
	 * Create a handler; it binds when {@link #start() started}.
	 * @param context the context whose sockets it decides on
	 * @param defaults the context's rules, for domains without rules of their own
	 */
	public ZmqZapHandler(ZContext context, ZmqZapPolicy defaults) {
		this.context = context;
		this.defaults = defaults;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * @param logInterval the shortest time between two refusal log lines (refusals in
	 * between are counted and summed up in the next line)
	 */
	public void setLogInterval(Duration logInterval) {
		this.logInterval = logInterval;
	}

	/**
	 * @return the context's rules
	 */
	public ZmqZapPolicy getDefaults() {
		return this.defaults;
	}

	/**
	 * Set the rules of a domain (a socket).
	 * @param domain the ZAP domain
	 * @param policy its rules
	 */
	public void register(String domain, ZmqZapPolicy policy) {
		this.domains.put(domain, policy);
	}

	/**
	 * @return how many peers were accepted
	 */
	public long getAccepted() {
		return this.accepted.get();
	}

	/**
	 * @return how many peers were refused
	 */
	public long getRefused() {
		return this.refused.get();
	}

	/**
	 * Bind the ZAP socket and start deciding; returns once the socket is bound.
	 * @throws IllegalStateException when the ZAP endpoint is taken (another ZAP handler,
	 * such as JeroMQ's {@code ZAuth}, runs in this context)
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			this.events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1000),
					(runnable) -> {
						Thread thread = new Thread(runnable, "zmq-security-events");
						thread.setDaemon(true);
						return thread;
					}, new ThreadPoolExecutor.DiscardPolicy());
			CompletableFuture<Void> bound = new CompletableFuture<>();
			this.running = true;
			Thread thread = new Thread(() -> run(bound), "zmq-zap-handler");
			thread.setDaemon(true);
			this.thread = thread;
			thread.start();
			try {
				bound.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				this.running = false;
				this.events.shutdownNow();
				Throwable cause = (ex instanceof java.util.concurrent.ExecutionException) ? ex.getCause() : ex;
				throw new IllegalStateException("The ZAP handler could not bind " + ZAP_ENDPOINT
						+ " (is another ZAP handler, such as JeroMQ's ZAuth, running in this context?): "
						+ cause.getMessage(), cause);
			}
		}
	}

	/**
	 * @return whether the ZAP socket is bound and decisions are being made
	 */
	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		Thread thread;
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			thread = this.thread;
		}
		try {
			// the loop polls with a short timeout and closes its own socket (DESIGN rule
			// 1)
			thread.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			logger.warn("ZAP handler thread did not stop within 5s");
		}
		this.events.shutdown();
	}

	/**
	 * Between the context (closed last) and the sockets: started before any socket opens,
	 * stopped after every socket has closed.
	 */
	@Override
	public int getPhase() {
		return ZmqLifecyclePhases.CONTEXT + 50;
	}

	private void run(CompletableFuture<Void> bound) {
		ZMQ.Socket socket;
		try {
			socket = this.context.createSocket(SocketType.ROUTER);
			socket.setLinger(0);
			socket.setReceiveTimeOut(POLL_MILLIS);
			if (!socket.bind(ZAP_ENDPOINT)) {
				this.context.destroySocket(socket);
				bound.completeExceptionally(new IllegalStateException("bind failed"));
				return;
			}
		}
		catch (RuntimeException ex) {
			bound.completeExceptionally(ex);
			return;
		}
		bound.complete(null);
		try {
			while (this.running) {
				List<byte[]> request = receive(socket);
				if (request != null) {
					reply(socket, request);
				}
				else {
					refreshDirectories();
				}
			}
		}
		catch (RuntimeException ex) {
			if (this.running) {
				// never silent: without this thread every CURVE and PLAIN handshake
				// stalls
				logger.error("ZAP handler failed; CURVE and PLAIN connections are no longer accepted", ex);
				this.running = false;
			}
		}
		finally {
			this.context.destroySocket(socket);
		}
	}

	private static List<byte[]> receive(ZMQ.Socket socket) {
		byte[] first = socket.recv(0);
		if (first == null) {
			return null;
		}
		List<byte[]> frames = new ArrayList<>(10);
		frames.add(first);
		while (socket.hasReceiveMore() && frames.size() < 16) {
			frames.add(socket.recv(0));
		}
		while (socket.hasReceiveMore()) {
			socket.recv(0); // more frames than RFC 27 has: drained, then refused below
		}
		return frames;
	}

	private void refreshDirectories() {
		ZmqKeyDirectory directory = this.defaults.getKeyDirectory();
		if (directory != null) {
			directory.keys();
		}
		for (ZmqZapPolicy policy : this.domains.values()) {
			if (policy.getKeyDirectory() != null) {
				policy.getKeyDirectory().keys();
			}
		}
	}

	// [routing id][empty][version][request
	// id][domain][address][identity][mechanism][credentials...]
	private void reply(ZMQ.Socket socket, List<byte[]> request) {
		if (request.size() < 8 || request.get(1).length != 0) {
			return; // not a ZAP request: nothing to answer
		}
		String version = text(request.get(2));
		byte[] requestId = request.get(3);
		String domain = text(request.get(4));
		String address = text(request.get(5));
		String mechanism = text(request.get(7));
		String identity = null;
		String reason;
		String userId = "";
		if (!"1.0".equals(version)) {
			reason = "unsupported ZAP version";
		}
		else {
			ZmqZapPolicy policy = this.domains.getOrDefault(domain, this.defaults);
			reason = policy.checkAddress(address);
			if ("CURVE".equals(mechanism)) {
				byte[] key = (request.size() == 9) ? request.get(8) : null;
				if (key == null || key.length != ZmqCurveKeys.KEY_BYTES) {
					reason = "malformed CURVE credentials";
				}
				else {
					identity = ZmqCurveKeys.encode(key);
					userId = identity;
					if (reason == null) {
						reason = policy.checkCurveKey(identity);
					}
				}
			}
			else if ("PLAIN".equals(mechanism)) {
				if (request.size() != 10) {
					reason = "malformed PLAIN credentials";
				}
				else {
					identity = text(request.get(8));
					userId = identity;
					if (reason == null) {
						reason = policy.checkPlain(identity, request.get(9));
					}
				}
			}
			else if (!"NULL".equals(mechanism)) {
				reason = "unsupported mechanism " + mechanism;
			}
		}
		boolean ok = reason == null;
		socket.sendMore(request.get(0));
		socket.sendMore(new byte[0]);
		socket.sendMore("1.0");
		socket.sendMore(requestId);
		socket.sendMore(ok ? "200" : "400");
		socket.sendMore(ok ? "OK" : reason);
		socket.sendMore(ok ? userId : "");
		socket.send(new byte[0], 0);
		if (ok) {
			this.accepted.incrementAndGet();
		}
		else {
			refused(domain, mechanism, address, identity, reason);
		}
	}

	private void refused(String domain, String mechanism, String address, String identity, String reason) {
		this.refused.incrementAndGet();
		long now = System.nanoTime();
		if (this.lastLog == Long.MIN_VALUE || now - this.lastLog >= this.logInterval.toNanos()) {
			String more = (this.suppressed > 0) ? " (" + this.suppressed + " more refused since the last line)" : "";
			logger.warn("Refused " + mechanism + " peer " + address + ((identity != null) ? " (" + identity + ")" : "")
					+ " on socket '" + domain + "': " + reason + more);
			this.lastLog = now;
			this.suppressed = 0;
		}
		else {
			this.suppressed++;
		}
		publish(new ZmqPeerRefusedEvent(this, domain, mechanism, address, identity, reason));
	}

	/**
	 * Publish an event from a thread of its own, so that no listener runs on a ZeroMQ
	 * thread or blocks a handshake.
	 * @param event the event
	 */
	void publish(ApplicationEvent event) {
		ApplicationEventPublisher publisher = this.eventPublisher;
		ExecutorService executor = this.events;
		if (publisher != null && executor != null && !executor.isShutdown()) {
			executor.execute(() -> {
				try {
					publisher.publishEvent(event);
				}
				catch (RuntimeException ex) {
					logger.warn("A listener of " + event.getClass().getSimpleName() + " failed", ex);
				}
			});
		}
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
