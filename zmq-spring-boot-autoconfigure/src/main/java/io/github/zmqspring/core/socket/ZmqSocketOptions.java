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

import io.github.zmqspring.core.InvalidZmqSocketSpecException;

import org.springframework.util.unit.DataSize;
import org.zeromq.ZMQ;

/**
 * The socket options users tune, with {@code null} meaning "JeroMQ's default". Applied to
 * a socket before it binds or connects (DESIGN rule 3).
 * <p>
 * {@link #getImmediate() immediate} has libzmq's documented meaning; JeroMQ's own flag is
 * inverted and is translated here.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketOptions {

	/** The handshake interval used when none is set. */
	public static final Duration DEFAULT_HANDSHAKE_INTERVAL = Duration.ofSeconds(1);

	/**
	 * The largest inbound message a socket accepts when neither it nor its context sets
	 * one: 4 MiB, gRPC's default for inbound messages. JeroMQ allocates a frame's whole
	 * buffer as soon as its header arrives, so an unbounded size lets one connection
	 * announcing a huge frame stall or kill the context's I/O thread.
	 */
	public static final DataSize DEFAULT_MAX_MESSAGE_SIZE = DataSize.ofMegabytes(4);

	/**
	 * The {@code max-message-size} that means "no limit": unsafe on anything reachable by
	 * untrusted clients.
	 */
	public static final DataSize UNLIMITED_MESSAGE_SIZE = DataSize.ofBytes(-1);

	/**
	 * Send high-water mark: the most messages queued for one peer before sends block or
	 * drop.
	 */
	private Integer sendHighWaterMark;

	/**
	 * Receive high-water mark: the most messages queued from one peer before it is
	 * throttled.
	 */
	private Integer receiveHighWaterMark;

	/**
	 * How long pending outgoing messages are kept after the socket closes.
	 */
	private Duration linger;

	/**
	 * Initial interval between reconnection attempts.
	 */
	private Duration reconnectInterval;

	/**
	 * Maximum interval between reconnection attempts (exponential back-off up to it).
	 */
	private Duration reconnectIntervalMax;

	/**
	 * Longest time a new connection may take to complete its ZMTP handshake before it is
	 * dropped and retried. JeroMQ's own default is 30s; this library uses 1s when unset.
	 */
	private Duration handshakeInterval;

	/**
	 * Interval between ZMTP heartbeat pings; unset disables heartbeats.
	 */
	private Duration heartbeatInterval;

	/**
	 * How long to wait for a heartbeat reply before the connection is considered dead.
	 */
	private Duration heartbeatTimeout;

	/**
	 * Time-to-live that remote peers apply to this socket's heartbeats.
	 */
	private Duration heartbeatTtl;

	/**
	 * Largest inbound message accepted; a peer sending a larger one is disconnected.
	 * Unset means the context's default (4MB); -1 means unlimited, unsafe on anything
	 * reachable.
	 */
	private DataSize maxMessageSize;

	/**
	 * How long a blocking send waits before it fails.
	 */
	private Duration sendTimeout;

	/**
	 * How long a blocking receive waits before it gives up.
	 */
	private Duration receiveTimeout;

	/**
	 * Whether messages are queued only to completed connections (libzmq's ZMQ_IMMEDIATE
	 * meaning; JeroMQ's inverted flag is translated).
	 */
	private Boolean immediate;

	/**
	 * Routing identity of this socket as seen by ROUTER peers (UTF-8, 1-255 bytes).
	 */
	private String identity;

	/**
	 * Whether TCP keepalive is enabled on the socket's connections.
	 */
	private Boolean tcpKeepAlive;

	/**
	 * Idle time before TCP keepalive probes start.
	 */
	private Duration tcpKeepAliveIdle;

	/**
	 * Interval between TCP keepalive probes.
	 */
	private Duration tcpKeepAliveInterval;

	/**
	 * Number of unanswered TCP keepalive probes before the connection is dropped.
	 */
	private Integer tcpKeepAliveCount;

	/**
	 * Whether a ROUTER reports unroutable messages as errors instead of dropping them.
	 */
	private Boolean routerMandatory;

	/**
	 * Whether only the last message is kept in the queue (single-part messages only).
	 */
	private Boolean conflate;

	public Integer getSendHighWaterMark() {
		return this.sendHighWaterMark;
	}

	public void setSendHighWaterMark(Integer sendHighWaterMark) {
		this.sendHighWaterMark = sendHighWaterMark;
	}

	public Integer getReceiveHighWaterMark() {
		return this.receiveHighWaterMark;
	}

	public void setReceiveHighWaterMark(Integer receiveHighWaterMark) {
		this.receiveHighWaterMark = receiveHighWaterMark;
	}

	public Duration getLinger() {
		return this.linger;
	}

	public void setLinger(Duration linger) {
		this.linger = linger;
	}

	public Duration getReconnectInterval() {
		return this.reconnectInterval;
	}

	public void setReconnectInterval(Duration reconnectInterval) {
		this.reconnectInterval = reconnectInterval;
	}

	public Duration getReconnectIntervalMax() {
		return this.reconnectIntervalMax;
	}

	public void setReconnectIntervalMax(Duration reconnectIntervalMax) {
		this.reconnectIntervalMax = reconnectIntervalMax;
	}

	public Duration getHandshakeInterval() {
		return this.handshakeInterval;
	}

	public void setHandshakeInterval(Duration handshakeInterval) {
		this.handshakeInterval = handshakeInterval;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	public void setHeartbeatTimeout(Duration heartbeatTimeout) {
		this.heartbeatTimeout = heartbeatTimeout;
	}

	public Duration getHeartbeatTtl() {
		return this.heartbeatTtl;
	}

	public void setHeartbeatTtl(Duration heartbeatTtl) {
		this.heartbeatTtl = heartbeatTtl;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public Duration getReceiveTimeout() {
		return this.receiveTimeout;
	}

	public void setReceiveTimeout(Duration receiveTimeout) {
		this.receiveTimeout = receiveTimeout;
	}

	public Boolean getImmediate() {
		return this.immediate;
	}

	public void setImmediate(Boolean immediate) {
		this.immediate = immediate;
	}

	public String getIdentity() {
		return this.identity;
	}

	public void setIdentity(String identity) {
		this.identity = identity;
	}

	public Boolean getTcpKeepAlive() {
		return this.tcpKeepAlive;
	}

	public void setTcpKeepAlive(Boolean tcpKeepAlive) {
		this.tcpKeepAlive = tcpKeepAlive;
	}

	public Duration getTcpKeepAliveIdle() {
		return this.tcpKeepAliveIdle;
	}

	public void setTcpKeepAliveIdle(Duration tcpKeepAliveIdle) {
		this.tcpKeepAliveIdle = tcpKeepAliveIdle;
	}

	public Duration getTcpKeepAliveInterval() {
		return this.tcpKeepAliveInterval;
	}

	public void setTcpKeepAliveInterval(Duration tcpKeepAliveInterval) {
		this.tcpKeepAliveInterval = tcpKeepAliveInterval;
	}

	public Integer getTcpKeepAliveCount() {
		return this.tcpKeepAliveCount;
	}

	public void setTcpKeepAliveCount(Integer tcpKeepAliveCount) {
		this.tcpKeepAliveCount = tcpKeepAliveCount;
	}

	public Boolean getRouterMandatory() {
		return this.routerMandatory;
	}

	public void setRouterMandatory(Boolean routerMandatory) {
		this.routerMandatory = routerMandatory;
	}

	public Boolean getConflate() {
		return this.conflate;
	}

	public void setConflate(Boolean conflate) {
		this.conflate = conflate;
	}

	/**
	 * Copy every option that is set on {@code other} onto this instance.
	 * @param other the options to copy from
	 */
	public void copyFrom(ZmqSocketOptions other) {
		this.sendHighWaterMark = other.sendHighWaterMark;
		this.receiveHighWaterMark = other.receiveHighWaterMark;
		this.linger = other.linger;
		this.reconnectInterval = other.reconnectInterval;
		this.reconnectIntervalMax = other.reconnectIntervalMax;
		this.handshakeInterval = other.handshakeInterval;
		this.heartbeatInterval = other.heartbeatInterval;
		this.heartbeatTimeout = other.heartbeatTimeout;
		this.heartbeatTtl = other.heartbeatTtl;
		this.maxMessageSize = other.maxMessageSize;
		this.sendTimeout = other.sendTimeout;
		this.receiveTimeout = other.receiveTimeout;
		this.immediate = other.immediate;
		this.identity = other.identity;
		this.tcpKeepAlive = other.tcpKeepAlive;
		this.tcpKeepAliveIdle = other.tcpKeepAliveIdle;
		this.tcpKeepAliveInterval = other.tcpKeepAliveInterval;
		this.tcpKeepAliveCount = other.tcpKeepAliveCount;
		this.routerMandatory = other.routerMandatory;
		this.conflate = other.conflate;
	}

	/**
	 * Check the values, naming the property at fault.
	 * @param prefix the property prefix, such as {@code zmq.sockets.orders}
	 * @throws InvalidZmqSocketSpecException when a value is out of range
	 */
	public void validate(String prefix) {
		notNegative(prefix + ".send-high-water-mark", this.sendHighWaterMark);
		notNegative(prefix + ".receive-high-water-mark", this.receiveHighWaterMark);
		notNegative(prefix + ".tcp-keep-alive-count", this.tcpKeepAliveCount);
		notNegative(prefix + ".linger", this.linger);
		notNegative(prefix + ".reconnect-interval", this.reconnectInterval);
		notNegative(prefix + ".reconnect-interval-max", this.reconnectIntervalMax);
		notNegative(prefix + ".handshake-interval", this.handshakeInterval);
		notNegative(prefix + ".heartbeat-interval", this.heartbeatInterval);
		notNegative(prefix + ".heartbeat-timeout", this.heartbeatTimeout);
		notNegative(prefix + ".heartbeat-ttl", this.heartbeatTtl);
		notNegative(prefix + ".send-timeout", this.sendTimeout);
		notNegative(prefix + ".receive-timeout", this.receiveTimeout);
		checkMaxMessageSize(prefix + ".max-message-size", this.maxMessageSize);
		if (this.identity != null) {
			int length = this.identity.getBytes(StandardCharsets.UTF_8).length;
			if (length == 0 || length > 255) {
				throw new InvalidZmqSocketSpecException(prefix + ".identity", this.identity,
						"must be 1 to 255 bytes in UTF-8");
			}
		}
	}

	/**
	 * Check a maximum message size: not negative, or exactly {@code -1} (unlimited).
	 * @param property the property or attribute that set it, for the error message
	 * @param size the size, {@code null} for unset
	 * @throws InvalidZmqSocketSpecException when the size is out of range
	 */
	public static void checkMaxMessageSize(String property, DataSize size) {
		if (size != null && size.isNegative() && !size.equals(UNLIMITED_MESSAGE_SIZE)) {
			throw new InvalidZmqSocketSpecException(property, size,
					"must not be negative, except -1 for unlimited (unsafe on anything reachable by untrusted clients)");
		}
	}

	private static void notNegative(String property, Integer value) {
		if (value != null && value < 0) {
			throw new InvalidZmqSocketSpecException(property, value, "must not be negative");
		}
	}

	private static void notNegative(String property, Duration value) {
		if (value != null && value.isNegative()) {
			throw new InvalidZmqSocketSpecException(property, value, "must not be negative");
		}
	}

	/**
	 * Apply every option that is set to a socket that has not yet bound or connected.
	 * @param socket the socket, owned by the calling thread
	 * @param prefix the property prefix used in error messages
	 */
	public void applyTo(ZMQ.Socket socket, String prefix) {
		apply(prefix + ".send-high-water-mark", this.sendHighWaterMark, socket::setSndHWM);
		apply(prefix + ".receive-high-water-mark", this.receiveHighWaterMark, socket::setRcvHWM);
		apply(prefix + ".linger", millis(this.linger), socket::setLinger);
		apply(prefix + ".reconnect-interval", millis(this.reconnectInterval), socket::setReconnectIVL);
		apply(prefix + ".reconnect-interval-max", millis(this.reconnectIntervalMax), socket::setReconnectIVLMax);
		// JeroMQ 0.6.0 leaves a few fresh TCP connections stuck in the handshake (about 1
		// in
		// 40 here); a short handshake interval drops and redials them instead of waiting
		// 30s
		apply(prefix + ".handshake-interval",
				millis((this.handshakeInterval != null) ? this.handshakeInterval : DEFAULT_HANDSHAKE_INTERVAL),
				socket::setHandshakeIvl);
		apply(prefix + ".heartbeat-interval", millis(this.heartbeatInterval), socket::setHeartbeatIvl);
		apply(prefix + ".heartbeat-timeout", millis(this.heartbeatTimeout), socket::setHeartbeatTimeout);
		apply(prefix + ".heartbeat-ttl", millis(this.heartbeatTtl), socket::setHeartbeatTtl);
		if (this.maxMessageSize != null) {
			check(prefix + ".max-message-size", this.maxMessageSize,
					socket.setMaxMsgSize(this.maxMessageSize.toBytes()));
		}
		apply(prefix + ".send-timeout", millis(this.sendTimeout), socket::setSendTimeOut);
		apply(prefix + ".receive-timeout", millis(this.receiveTimeout), socket::setReceiveTimeOut);
		if (this.immediate != null) {
			// JeroMQ's flag means the opposite of libzmq's ZMQ_IMMEDIATE
			check(prefix + ".immediate", this.immediate, socket.setImmediate(!this.immediate));
		}
		if (this.identity != null) {
			check(prefix + ".identity", this.identity,
					socket.setIdentity(this.identity.getBytes(StandardCharsets.UTF_8)));
		}
		if (this.tcpKeepAlive != null) {
			check(prefix + ".tcp-keep-alive", this.tcpKeepAlive, socket.setTCPKeepAlive(this.tcpKeepAlive ? 1 : 0));
		}
		if (this.tcpKeepAliveIdle != null) {
			check(prefix + ".tcp-keep-alive-idle", this.tcpKeepAliveIdle,
					socket.setTCPKeepAliveIdle(this.tcpKeepAliveIdle.toSeconds()));
		}
		if (this.tcpKeepAliveInterval != null) {
			check(prefix + ".tcp-keep-alive-interval", this.tcpKeepAliveInterval,
					socket.setTCPKeepAliveInterval(this.tcpKeepAliveInterval.toSeconds()));
		}
		if (this.tcpKeepAliveCount != null) {
			check(prefix + ".tcp-keep-alive-count", this.tcpKeepAliveCount,
					socket.setTCPKeepAliveCount(this.tcpKeepAliveCount));
		}
		if (this.routerMandatory != null) {
			check(prefix + ".router-mandatory", this.routerMandatory, socket.setRouterMandatory(this.routerMandatory));
		}
		if (this.conflate != null) {
			check(prefix + ".conflate", this.conflate, socket.setConflate(this.conflate));
		}
	}

	private static Integer millis(Duration duration) {
		return (duration != null) ? (int) Math.min(Integer.MAX_VALUE, duration.toMillis()) : null;
	}

	private static void apply(String property, Integer value, IntOption option) {
		if (value != null) {
			check(property, value, option.set(value));
		}
	}

	private static void check(String property, Object value, boolean accepted) {
		if (!accepted) {
			throw new InvalidZmqSocketSpecException(property, value, "rejected by the socket");
		}
	}

	@FunctionalInterface
	private interface IntOption {

		boolean set(int value);

	}

}
