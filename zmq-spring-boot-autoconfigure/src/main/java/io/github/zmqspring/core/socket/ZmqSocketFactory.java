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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.security.ZmqSocketSecurity;
import io.github.zmqspring.security.ZmqZapHandler;

import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Creates sockets from {@link ZmqSocketSpec specs} on the calling thread, which becomes
 * the socket's owner (DESIGN rule 1): options first, then subscriptions, binds and
 * connects, with every failure reported against the property that caused it.
 * <p>
 * A PUB socket is created as an XPUB with verbose subscriptions so that its owner can
 * count subscribers (the wire protocol is the same, so SUB peers see a PUB); the owner
 * must therefore read the subscription messages it receives.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketFactory {

	/** How long a bind waits for a port that a closing socket of ours may still hold. */
	static final Duration BUSY_PORT_WAIT = Duration.ofSeconds(2);

	private static final Duration BUSY_PORT_RETRY = Duration.ofMillis(50);

	/** How often a bind looks again whether a closed socket gave its inproc name up. */
	private static final Duration INPROC_RETRY = Duration.ofMillis(2);

	private final ZContext context;

	private volatile boolean discoveryEnabled;

	private volatile ZmqZapHandler zapHandler;

	private volatile DataSize defaultMaxMessageSize = ZmqSocketOptions.DEFAULT_MAX_MESSAGE_SIZE;

	private volatile DataSize defaultSendBuffer = ZmqSocketOptions.SYSTEM_SOCKET_BUFFER;

	private volatile DataSize defaultReceiveBuffer = ZmqSocketOptions.SYSTEM_SOCKET_BUFFER;

	private volatile List<ZmqSocketEventListener> eventListeners = List.of();

	/**
	 * Create a factory for the given context.
	 * @param context the context that creates the sockets
	 */
	public ZmqSocketFactory(ZContext context) {
		this.context = context;
	}

	/**
	 * Set whether service discovery runs, so that {@code discovery://} endpoints are left
	 * to it; when it does not, such an endpoint fails {@link #open} naming it.
	 * @param discoveryEnabled whether discovery connects {@code discovery://} endpoints
	 */
	public void setDiscoveryEnabled(boolean discoveryEnabled) {
		this.discoveryEnabled = discoveryEnabled;
	}

	/**
	 * Set the ZAP handler that decides on the peers of CURVE and PLAIN servers; without a
	 * running one, such a server fails {@link #open} (JeroMQ would accept any peer).
	 * @param zapHandler the ZAP handler of this factory's context
	 */
	public void setZapHandler(ZmqZapHandler zapHandler) {
		this.zapHandler = zapHandler;
	}

	/**
	 * @return the ZAP handler, or {@code null} when none is set
	 */
	public ZmqZapHandler getZapHandler() {
		return this.zapHandler;
	}

	/**
	 * Set the largest inbound message of sockets whose spec sets none (4 MiB unless set
	 * here; {@code -1} means unlimited and is unsafe on anything reachable).
	 * @param defaultMaxMessageSize the default maximum message size
	 */
	public void setDefaultMaxMessageSize(DataSize defaultMaxMessageSize) {
		Assert.notNull(defaultMaxMessageSize, "defaultMaxMessageSize must not be null");
		ZmqSocketOptions.checkMaxMessageSize("defaultMaxMessageSize", defaultMaxMessageSize);
		this.defaultMaxMessageSize = defaultMaxMessageSize;
	}

	/**
	 * @return the largest inbound message of sockets whose spec sets none
	 */
	public DataSize getDefaultMaxMessageSize() {
		return this.defaultMaxMessageSize;
	}

	/**
	 * Set the {@code send-buffer} of sockets whose spec sets none ({@code 0}, the
	 * operating system's, unless set here; see
	 * {@link ZmqSocketOptions#SYSTEM_SOCKET_BUFFER}).
	 * @param defaultSendBuffer the default send buffer
	 * @throws InvalidZmqSocketSpecException when the size is out of range
	 */
	public void setDefaultSendBuffer(DataSize defaultSendBuffer) {
		Assert.notNull(defaultSendBuffer, "defaultSendBuffer must not be null");
		ZmqSocketOption.SEND_BUFFER.check("defaultSendBuffer", defaultSendBuffer);
		this.defaultSendBuffer = defaultSendBuffer;
	}

	/**
	 * @return the {@code send-buffer} of sockets whose spec sets none
	 */
	public DataSize getDefaultSendBuffer() {
		return this.defaultSendBuffer;
	}

	/**
	 * Set the {@code receive-buffer} of sockets whose spec sets none ({@code 0}, the
	 * operating system's, unless set here; see
	 * {@link ZmqSocketOptions#SYSTEM_SOCKET_BUFFER}).
	 * @param defaultReceiveBuffer the default receive buffer
	 * @throws InvalidZmqSocketSpecException when the size is out of range
	 */
	public void setDefaultReceiveBuffer(DataSize defaultReceiveBuffer) {
		Assert.notNull(defaultReceiveBuffer, "defaultReceiveBuffer must not be null");
		ZmqSocketOption.RECEIVE_BUFFER.check("defaultReceiveBuffer", defaultReceiveBuffer);
		this.defaultReceiveBuffer = defaultReceiveBuffer;
	}

	/**
	 * @return the {@code receive-buffer} of sockets whose spec sets none
	 */
	public DataSize getDefaultReceiveBuffer() {
		return this.defaultReceiveBuffer;
	}

	/**
	 * Set the listeners told of the events of every socket opened from now on.
	 * @param eventListeners the listeners
	 */
	public void setEventListeners(List<ZmqSocketEventListener> eventListeners) {
		this.eventListeners = List.copyOf(eventListeners);
	}

	/**
	 * @return the context this factory creates sockets in
	 */
	public ZContext getContext() {
		return this.context;
	}

	/**
	 * Create, configure, bind and connect a socket on the calling thread.
	 * @param spec the socket's spec
	 * @return the open socket; the calling thread owns it and must close it
	 * @throws InvalidZmqSocketSpecException when an option is rejected or an endpoint
	 * cannot be bound or connected
	 */
	public ZmqSocketHandle open(ZmqSocketSpec spec) {
		return open(spec, (spec.getType() == SocketType.PUB) ? SocketType.XPUB : spec.getType());
	}

	/**
	 * Create, configure, bind and connect a socket of a type that speaks the same wire
	 * protocol as the spec's type but gives its owner more control: XPUB for PUB (to
	 * learn subscriptions), ROUTER for REP (to reply out of order and from other threads
	 * through the owner).
	 * @param spec the socket's spec
	 * @param actual the type to open
	 * @return the open socket; the calling thread owns it and must close it
	 * @throws InvalidZmqSocketSpecException when an option is rejected or an endpoint
	 * cannot be bound or connected
	 */
	public ZmqSocketHandle open(ZmqSocketSpec spec, SocketType actual) {
		ZMQ.Socket socket = this.context.createSocket(actual);
		try {
			ZmqPeerTracker tracker = new ZmqPeerTracker(spec.getName());
			List<ZmqSocketEventListener> listeners = this.eventListeners;
			if (listeners.isEmpty()) {
				tracker.attach(socket);
			}
			else {
				tracker.attach(socket, (event) -> notifyListeners(listeners, spec, event));
			}
			spec.getOptions().applyTo(socket, spec.getOrigin());
			DataSize receiveBuffer = this.defaultReceiveBuffer;
			if (spec.getOptions().getReceiveBuffer() == null && receiveBuffer.toBytes() != 0) {
				socket.setReceiveBufferSize((int) receiveBuffer.toBytes());
			}
			ZmqSocketSecurity.apply(socket, spec, this.zapHandler, tracker);
			applyDefaultMaxMessageSize(socket, spec, tracker);
			if (actual == SocketType.XPUB) {
				socket.setXpubVerboser(true);
			}
			for (String topic : spec.getTopics()) {
				socket.subscribe(topic);
			}
			List<String> bound = new ArrayList<>();
			for (int i = 0; i < spec.getBind().size(); i++) {
				ZmqEndpoint endpoint = spec.getBind().get(i);
				try {
					bind(socket, endpoint.toString());
					bound.add(resolved(socket, endpoint));
				}
				catch (ZMQException | IllegalArgumentException ex) {
					throw new InvalidZmqSocketSpecException(spec.getOrigin() + ".bind[" + i + "]", endpoint,
							"cannot bind: " + describe(ex), ex);
				}
			}
			// after binding, before connecting (ZmqSocketOption.isAppliedAfterBind)
			spec.getOptions().applyAfterBind(socket, spec.getOrigin());
			DataSize sendBuffer = this.defaultSendBuffer;
			if (spec.getOptions().getSendBuffer() == null && sendBuffer.toBytes() != 0) {
				socket.setSendBufferSize((int) sendBuffer.toBytes());
			}
			for (int i = 0; i < spec.getConnect().size(); i++) {
				ZmqEndpoint endpoint = spec.getConnect().get(i);
				if (endpoint.isDiscovery()) {
					if (!this.discoveryEnabled) {
						// never connected otherwise: fail now rather than wait forever
						// for peers
						throw new InvalidZmqSocketSpecException(spec.getOrigin() + ".connect[" + i + "]", endpoint,
								"discovery:// endpoints need service discovery: set zmq.discovery.enabled=true");
					}
					continue; // resolved and connected by discovery at run time
				}
				try {
					socket.connect(endpoint.toString());
				}
				catch (ZMQException | IllegalArgumentException ex) {
					throw new InvalidZmqSocketSpecException(spec.getOrigin() + ".connect[" + i + "]", endpoint,
							"cannot connect: " + describe(ex), ex);
				}
			}
			return new ZmqSocketHandle(spec, socket, bound, tracker);
		}
		catch (RuntimeException ex) {
			this.context.destroySocket(socket);
			throw ex;
		}
	}

	// every socket gets a bounded inbound size unless its spec says otherwise: a PUSH
	// or PUB still decodes whatever a peer sends it
	private void applyDefaultMaxMessageSize(ZMQ.Socket socket, ZmqSocketSpec spec, ZmqPeerTracker tracker) {
		DataSize size = spec.getOptions().getMaxMessageSize();
		if (size == null) {
			size = this.defaultMaxMessageSize;
			socket.setMaxMsgSize(size.toBytes());
		}
		tracker.getOversizeMonitor().setLimit(size);
	}

	private static void notifyListeners(List<ZmqSocketEventListener> listeners, ZmqSocketSpec spec,
			org.zeromq.ZEvent event) {
		for (ZmqSocketEventListener listener : listeners) {
			try {
				listener.onEvent(spec, event);
			}
			catch (RuntimeException ex) {
				// a listener's bug must not break the socket's thread
				org.apache.commons.logging.LogFactory.getLog(ZmqSocketFactory.class)
					.warn("Socket event listener " + listener + " failed on " + event, ex);
			}
		}
	}

	private static String resolved(ZMQ.Socket socket, ZmqEndpoint endpoint) {
		if (endpoint.getTransport() == ZmqEndpoint.Transport.TCP) {
			String last = socket.getLastEndpoint();
			if (last != null) {
				return last;
			}
		}
		return endpoint.toString();
	}

	private static String describe(Exception ex) {
		if (ex instanceof ZMQException zmq) {
			return describeErrno(zmq.getErrorCode());
		}
		return String.valueOf(ex.getMessage());
	}

	/**
	 * Describe one of JeroMQ's error numbers in words, as {@code strerror} would, with
	 * the number for searching: JeroMQ's own message is only "Errno 48".
	 * @param errno the error number, such as {@link ZError#EADDRINUSE}
	 * @return a human description, such as "address already in use (errno 48)"
	 */
	public static String describeErrno(int errno) {
		String text = switch (errno) {
			case ZError.EADDRINUSE -> "address already in use";
			case ZError.EADDRNOTAVAIL -> "address not available on this host";
			case ZError.ECONNREFUSED -> "connection refused";
			case ZError.EACCESS -> "permission denied";
			case ZError.EINVAL -> "invalid argument";
			case ZError.EPROTONOSUPPORT -> "transport not supported";
			case ZError.ENOTSUP -> "operation not supported";
			case ZError.EAFNOSUPPORT -> "address family not supported (enable zmq.context.ipv6 for IPv6)";
			case ZError.ENOCOMPATPROTO -> "transport not compatible with the socket type";
			case ZError.EHOSTUNREACH -> "host unreachable";
			case ZError.ENETUNREACH -> "network unreachable";
			case ZError.ENETDOWN -> "network is down";
			case ZError.ENOENT -> "no such endpoint";
			case ZError.EMFILE -> "too many open files (raise the process's file limit or zmq.context.max-sockets)";
			case ZError.ETERM -> "the context was terminated";
			case ZError.EMTHREAD -> "no I/O thread available";
			case ZError.ENOTSOCK -> "not a socket (it was closed)";
			case ZError.EMSGSIZE -> "message too large";
			case ZError.ETIMEDOUT -> "timed out";
			case ZError.ECONNRESET -> "connection reset by peer";
			case ZError.EINTR -> "interrupted";
			case ZError.EAGAIN -> "resource temporarily unavailable";
			case ZError.EFSM -> "operation not valid in the socket's current state";
			case ZError.EIOEXC, ZError.ESOCKET -> "I/O error";
			default -> null;
		};
		return (text != null) ? text + " (errno " + errno + ")" : "errno " + errno;
	}

	/**
	 * Close a socket on its owning thread.
	 * @param handle the socket to close
	 */
	public void close(ZmqSocketHandle handle) {
		this.context.destroySocket(handle.getSocket());
	}

	/**
	 * Bind, waiting up to {@link #BUSY_PORT_WAIT} for a port that is still held: JeroMQ
	 * closes a socket's listening channel asynchronously, on its I/O thread, so a
	 * listener container restarted on a fixed port can find it busy for a moment; an
	 * inproc name likewise, until JeroMQ's reaper thread releases it
	 * ({@link #awaitInprocFree}). A port or name held by anything else still fails, after
	 * that wait.
	 */
	private static void bind(ZMQ.Socket socket, String endpoint) {
		long deadline = System.nanoTime() + BUSY_PORT_WAIT.toNanos();
		if (endpoint.startsWith("inproc://") && !awaitInprocFree(socket, endpoint, deadline)) {
			// bound by a live socket: binding anyway would take the name from it
			throw new ZMQException("inproc endpoint in use", ZMQ.Error.EADDRINUSE.getCode());
		}
		while (true) {
			try {
				socket.bind(endpoint);
				return;
			}
			catch (ZMQException ex) {
				// a failed inproc bind leaves this socket's own entry behind
				// (awaitInprocFree): trying again cannot succeed
				if (ex.getErrorCode() != ZMQ.Error.EADDRINUSE.getCode() || System.nanoTime() - deadline > 0
						|| endpoint.startsWith("inproc://")) {
					throw ex;
				}
			}
			LockSupport.parkNanos(BUSY_PORT_RETRY.toNanos());
		}
	}

	/**
	 * Wait until no socket of the context holds an inproc name, up to {@code deadline}. A
	 * socket closed just before (a restart) gives its inproc names up only when JeroMQ's
	 * reaper thread gets to it, and JeroMQ 0.6.0 must not be asked to bind before then:
	 * {@code Ctx.registerEndpoint} puts the new entry in place of the old one and reports
	 * the name as taken, after which the old socket's clean-up no longer finds its entry
	 * and every later attempt of the new socket finds its own, so the name stays "in use"
	 * for good. The context's registry is read by reflection, under its own lock; when
	 * that is not possible, this does not wait.
	 * @return {@code false} when the name is still held at the deadline
	 */
	private static boolean awaitInprocFree(ZMQ.Socket socket, String endpoint, long deadline) {
		while (true) {
			Boolean held = inprocHeld(socket, endpoint);
			if (held == null || !held) {
				return true;
			}
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			LockSupport.parkNanos(INPROC_RETRY.toNanos());
		}
	}

	/** Whether the socket's context has the inproc name registered; null if unknown. */
	private static @Nullable Boolean inprocHeld(ZMQ.Socket socket, String endpoint) {
		try {
			Object context = ZmqCommandSignal.field(socket.base(), "ctx");
			Lock lock = (Lock) ZmqCommandSignal.field(context, "endpointsSync");
			Map<?, ?> endpoints = (Map<?, ?>) ZmqCommandSignal.field(context, "endpoints");
			lock.lock();
			try {
				return endpoints.containsKey(endpoint);
			}
			finally {
				lock.unlock();
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
