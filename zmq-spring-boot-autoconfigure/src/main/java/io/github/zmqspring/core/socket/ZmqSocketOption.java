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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import org.springframework.util.unit.DataSize;

/**
 * One socket option users tune: its property name, its value type, how it is checked and
 * how it is set on a JeroMQ socket. {@link #values()} is the one list of options: the
 * option holder ({@link ZmqSocketOptions}), its checks and the code that applies them
 * iterate over it, and the tests hold the configuration properties and their metadata to
 * it.
 *
 * @param <T> the type of the option's value
 * @author zmq-spring-boot
 */
public final class ZmqSocketOption<T> {

	private static final List<ZmqSocketOption<?>> VALUES = new ArrayList<>();

	/** Send high-water mark (ZMQ_SNDHWM). */
	public static final ZmqSocketOption<Integer> SEND_HIGH_WATER_MARK = count("send-high-water-mark",
			ZMQ.Socket::setSndHWM);

	/** Receive high-water mark (ZMQ_RCVHWM). */
	public static final ZmqSocketOption<Integer> RECEIVE_HIGH_WATER_MARK = count("receive-high-water-mark",
			ZMQ.Socket::setRcvHWM);

	/**
	 * How long pending outgoing messages are kept after the socket closes (ZMQ_LINGER).
	 */
	public static final ZmqSocketOption<Duration> LINGER = millis("linger", ZMQ.Socket::setLinger);

	/** Initial interval between reconnection attempts (ZMQ_RECONNECT_IVL). */
	public static final ZmqSocketOption<Duration> RECONNECT_INTERVAL = millis("reconnect-interval",
			ZMQ.Socket::setReconnectIVL);

	/** Maximum interval between reconnection attempts (ZMQ_RECONNECT_IVL_MAX). */
	public static final ZmqSocketOption<Duration> RECONNECT_INTERVAL_MAX = millis("reconnect-interval-max",
			ZMQ.Socket::setReconnectIVLMax);

	/**
	 * Longest time a new connection may take to complete its handshake
	 * (ZMQ_HANDSHAKE_IVL); {@link ZmqSocketOptions#DEFAULT_HANDSHAKE_INTERVAL} when
	 * unset.
	 */
	// JeroMQ 0.6.0 leaves 1-5 % of lone fresh connections stuck in the handshake on the
	// connecting side (zeromq/jeromq#1022; reproducer and numbers in
	// docs/reliability.md): a short interval drops and redials them in about 1.2 s
	public static final ZmqSocketOption<Duration> HANDSHAKE_INTERVAL = new ZmqSocketOption<>("handshake-interval",
			Duration.class, ZmqSocketOption::checkNotNegative, ZmqSocketOptions.DEFAULT_HANDSHAKE_INTERVAL,
			(socket, value) -> socket.setHandshakeIvl(toMillis(value)));

	/** Interval between ZMTP heartbeat pings (ZMQ_HEARTBEAT_IVL). */
	public static final ZmqSocketOption<Duration> HEARTBEAT_INTERVAL = millis("heartbeat-interval",
			ZMQ.Socket::setHeartbeatIvl);

	/** How long to wait for a heartbeat reply (ZMQ_HEARTBEAT_TIMEOUT). */
	public static final ZmqSocketOption<Duration> HEARTBEAT_TIMEOUT = millis("heartbeat-timeout",
			ZMQ.Socket::setHeartbeatTimeout);

	/**
	 * Time-to-live that remote peers apply to this socket's heartbeats
	 * (ZMQ_HEARTBEAT_TTL).
	 */
	public static final ZmqSocketOption<Duration> HEARTBEAT_TTL = millis("heartbeat-ttl", ZMQ.Socket::setHeartbeatTtl);

	/** Largest inbound message accepted (ZMQ_MAXMSGSIZE); -1 means unlimited. */
	public static final ZmqSocketOption<DataSize> MAX_MESSAGE_SIZE = new ZmqSocketOption<>("max-message-size",
			DataSize.class, ZmqSocketOptions::checkMaxMessageSize, null,
			(socket, value) -> socket.setMaxMsgSize(value.toBytes()));

	/**
	 * Kernel send buffer of each TCP or IPC connection (ZMQ_SNDBUF), which JeroMQ also
	 * takes as the most its I/O thread writes in one system call; {@code 0} keeps the
	 * operating system's ({@link ZmqSocketOptions#SYSTEM_SOCKET_BUFFER}). The socket
	 * factory's default ({@code zmq.context.send-buffer}) when unset. Set after the
	 * socket binds ({@link #isAppliedAfterBind()}).
	 */
	public static final ZmqSocketOption<DataSize> SEND_BUFFER = new ZmqSocketOption<>("send-buffer", DataSize.class,
			ZmqSocketOption::checkBufferSize, null, (socket, value) -> socket.setSendBufferSize((int) value.toBytes()),
			true);

	/**
	 * Kernel receive buffer of each TCP or IPC connection (ZMQ_RCVBUF), which JeroMQ also
	 * takes as the most its I/O thread reads in one system call; {@code 0} keeps the
	 * operating system's ({@link ZmqSocketOptions#SYSTEM_SOCKET_BUFFER}). The socket
	 * factory's default ({@code zmq.context.receive-buffer}) when unset.
	 */
	public static final ZmqSocketOption<DataSize> RECEIVE_BUFFER = new ZmqSocketOption<>("receive-buffer",
			DataSize.class, ZmqSocketOption::checkBufferSize, null,
			(socket, value) -> socket.setReceiveBufferSize((int) value.toBytes()), false);

	/** How long a blocking send waits before it fails (ZMQ_SNDTIMEO). */
	public static final ZmqSocketOption<Duration> SEND_TIMEOUT = millis("send-timeout", ZMQ.Socket::setSendTimeOut);

	/** How long a blocking receive waits before it gives up (ZMQ_RCVTIMEO). */
	public static final ZmqSocketOption<Duration> RECEIVE_TIMEOUT = millis("receive-timeout",
			ZMQ.Socket::setReceiveTimeOut);

	/**
	 * Whether messages are queued only to completed connections, with libzmq's meaning of
	 * ZMQ_IMMEDIATE.
	 */
	// JeroMQ's flag means the opposite of libzmq's ZMQ_IMMEDIATE
	public static final ZmqSocketOption<Boolean> IMMEDIATE = flag("immediate",
			(socket, value) -> socket.setImmediate(!value));

	/** Routing identity of this socket as seen by ROUTER peers (ZMQ_ROUTING_ID). */
	public static final ZmqSocketOption<String> IDENTITY = new ZmqSocketOption<>("identity", String.class,
			ZmqSocketOption::checkIdentity, null,
			(socket, value) -> socket.setIdentity(value.getBytes(StandardCharsets.UTF_8)));

	/** Whether TCP keepalive is enabled (ZMQ_TCP_KEEPALIVE). */
	public static final ZmqSocketOption<Boolean> TCP_KEEP_ALIVE = flag("tcp-keep-alive",
			(socket, value) -> socket.setTCPKeepAlive(value ? 1 : 0));

	/** Idle time before TCP keepalive probes start (ZMQ_TCP_KEEPALIVE_IDLE). */
	public static final ZmqSocketOption<Duration> TCP_KEEP_ALIVE_IDLE = seconds("tcp-keep-alive-idle",
			ZMQ.Socket::setTCPKeepAliveIdle);

	/** Interval between TCP keepalive probes (ZMQ_TCP_KEEPALIVE_INTVL). */
	public static final ZmqSocketOption<Duration> TCP_KEEP_ALIVE_INTERVAL = seconds("tcp-keep-alive-interval",
			ZMQ.Socket::setTCPKeepAliveInterval);

	/**
	 * Unanswered TCP keepalive probes before the connection drops
	 * (ZMQ_TCP_KEEPALIVE_CNT).
	 */
	public static final ZmqSocketOption<Integer> TCP_KEEP_ALIVE_COUNT = count("tcp-keep-alive-count",
			ZMQ.Socket::setTCPKeepAliveCount);

	/** Whether a ROUTER reports unroutable messages as errors (ZMQ_ROUTER_MANDATORY). */
	public static final ZmqSocketOption<Boolean> ROUTER_MANDATORY = flag("router-mandatory",
			ZMQ.Socket::setRouterMandatory);

	/** Whether only the last message is kept in the queue (ZMQ_CONFLATE). */
	public static final ZmqSocketOption<Boolean> CONFLATE = flag("conflate", ZMQ.Socket::setConflate);

	private final String name;

	private final Class<T> type;

	private final Check<T> check;

	private final @Nullable T whenUnset;

	private final BiPredicate<ZMQ.Socket, T> setter;

	private final boolean afterBind;

	private final int index;

	private ZmqSocketOption(String name, Class<T> type, Check<T> check, @Nullable T whenUnset,
			BiPredicate<ZMQ.Socket, T> setter) {
		this(name, type, check, whenUnset, setter, false);
	}

	private ZmqSocketOption(String name, Class<T> type, Check<T> check, @Nullable T whenUnset,
			BiPredicate<ZMQ.Socket, T> setter, boolean afterBind) {
		this.name = name;
		this.type = type;
		this.check = check;
		this.whenUnset = whenUnset;
		this.setter = setter;
		this.afterBind = afterBind;
		this.index = VALUES.size();
		VALUES.add(this);
	}

	/**
	 * @return this option's position in {@link #values()}, for array-backed storage
	 */
	int index() {
		return this.index;
	}

	/**
	 * Every option, in the order they are applied.
	 * @return the options, unmodifiable
	 */
	public static List<ZmqSocketOption<?>> values() {
		return Collections.unmodifiableList(VALUES);
	}

	/**
	 * The option's name as a property, in kebab case, such as
	 * {@code send-high-water-mark}; a property prefix plus {@code "." + name} is the
	 * property that sets it.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The option's Java bean property name, such as {@code sendHighWaterMark}.
	 * @return the bean property name
	 */
	public String getPropertyName() {
		StringBuilder result = new StringBuilder();
		boolean upper = false;
		for (char c : this.name.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				result.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return result.toString();
	}

	/**
	 * The type of the option's value.
	 * @return the type
	 */
	public Class<T> getType() {
		return this.type;
	}

	/**
	 * The value applied when the option is not set, {@code null} for JeroMQ's default.
	 * @return the value applied when unset
	 */
	public @Nullable T getValueWhenUnset() {
		return this.whenUnset;
	}

	/**
	 * Whether the option is set after the socket binds and before it connects, rather
	 * than before both ({@link ZmqSocketOptions#applyAfterBind}). JeroMQ 0.6.0 sets
	 * {@code send-buffer} on a bound socket's listening channel as well, which Java
	 * refuses ({@code UnsupportedOperationException: 'SO_SNDBUF' not supported}); set
	 * after the bind, it reaches every connection accepted later, since JeroMQ's
	 * listeners read the socket's options as they accept.
	 * @return whether the option is set after binding
	 */
	public boolean isAppliedAfterBind() {
		return this.afterBind;
	}

	/**
	 * Cast a value to this option's type.
	 * @param value the value
	 * @return the value
	 * @throws ClassCastException if the value is not of this option's type
	 */
	public @Nullable T cast(@Nullable Object value) {
		return this.type.cast(value);
	}

	/**
	 * Check a value, naming the property at fault.
	 * @param prefix the property prefix, such as {@code zmq.sockets.orders}
	 * @param value the value, {@code null} for unset
	 * @throws InvalidZmqSocketSpecException when the value is out of range
	 */
	public void check(String prefix, @Nullable T value) {
		if (value != null) {
			this.check.check(property(prefix), value);
		}
	}

	/**
	 * Set the option on a socket that has not yet bound or connected; an unset option
	 * keeps JeroMQ's default, or takes {@link #getValueWhenUnset()}.
	 * @param socket the socket, owned by the calling thread
	 * @param prefix the property prefix used in error messages
	 * @param value the value, {@code null} for unset
	 * @throws InvalidZmqSocketSpecException when the socket rejects the value
	 */
	public void applyTo(ZMQ.Socket socket, String prefix, @Nullable T value) {
		T effective = (value != null) ? value : this.whenUnset;
		if (effective == null) {
			return;
		}
		boolean accepted;
		try {
			accepted = this.setter.test(socket, effective);
		}
		catch (IllegalArgumentException | ZMQException ex) {
			// JeroMQ throws for an option its socket type does not know, such as
			// router-mandatory on a PULL
			throw new InvalidZmqSocketSpecException(property(prefix), effective,
					"rejected by the " + socket.getSocketType() + " socket (" + ex.getMessage() + ")", ex);
		}
		if (!accepted) {
			throw new InvalidZmqSocketSpecException(property(prefix), effective, "rejected by the socket");
		}
	}

	private String property(String prefix) {
		return prefix + "." + this.name;
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static ZmqSocketOption<Integer> count(String name, BiPredicate<ZMQ.Socket, Integer> setter) {
		return new ZmqSocketOption<>(name, Integer.class, ZmqSocketOption::checkNotNegative, null, setter);
	}

	private static ZmqSocketOption<Boolean> flag(String name, BiPredicate<ZMQ.Socket, Boolean> setter) {
		return new ZmqSocketOption<>(name, Boolean.class, (property, value) -> {
		}, null, setter);
	}

	private static ZmqSocketOption<Duration> millis(String name, BiPredicate<ZMQ.Socket, Integer> setter) {
		return new ZmqSocketOption<>(name, Duration.class, ZmqSocketOption::checkNotNegative, null,
				(socket, value) -> setter.test(socket, toMillis(value)));
	}

	private static ZmqSocketOption<Duration> seconds(String name, BiPredicate<ZMQ.Socket, Long> setter) {
		return new ZmqSocketOption<>(name, Duration.class, ZmqSocketOption::checkNotNegative, null,
				(socket, value) -> setter.test(socket, value.toSeconds()));
	}

	private static int toMillis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
	}

	private static void checkNotNegative(String property, Integer value) {
		if (value < 0) {
			throw new InvalidZmqSocketSpecException(property, value, "must not be negative");
		}
	}

	private static void checkNotNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidZmqSocketSpecException(property, value, "must not be negative");
		}
	}

	private static void checkBufferSize(String property, DataSize value) {
		if (value.isNegative() || value.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidZmqSocketSpecException(property, value,
					"must be 0 (the operating system's default) to 2GB - 1 byte");
		}
	}

	private static void checkIdentity(String property, String value) {
		int length = value.getBytes(StandardCharsets.UTF_8).length;
		if (length == 0 || length > 255) {
			throw new InvalidZmqSocketSpecException(property, value, "must be 1 to 255 bytes in UTF-8");
		}
	}

	@FunctionalInterface
	private interface Check<T> {

		void check(String property, T value);

	}

}
