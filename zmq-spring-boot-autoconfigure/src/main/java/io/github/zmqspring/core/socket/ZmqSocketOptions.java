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

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.zeromq.ZMQ;

/**
 * The values of the socket options users tune ({@link ZmqSocketOption#values()}), with
 * {@code null} meaning "JeroMQ's default". Applied to a socket before it binds or
 * connects (DESIGN rule 3). This is the core's runtime holder: configuration properties
 * map onto it, they do not extend it.
 * <p>
 * {@link #getImmediate() immediate} has libzmq's documented meaning; JeroMQ's own flag is
 * inverted and is translated here.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketOptions {

	/**
	 * The handshake interval used when none is set: it recovers JeroMQ 0.6.0's stuck
	 * handshakes (docs/reliability.md).
	 */
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
	 * The {@code send-buffer} or {@code receive-buffer} that keeps the operating system's
	 * own (which Linux sizes as a connection needs), the default. JeroMQ also takes a
	 * buffer size as its I/O thread's batch (8 KiB when the system's is kept); a fixed
	 * size smaller than the link's segment (64 KiB on loopback) can leave a connection in
	 * TCP's zero-window probe for minutes (README, Declared sockets).
	 */
	public static final DataSize SYSTEM_SOCKET_BUFFER = DataSize.ofBytes(0);

	// indexed by ZmqSocketOption.index(): read on every send (the send timeout)
	private final Object[] values = new Object[ZmqSocketOption.values().size()];

	/**
	 * Return the value of an option.
	 * @param <T> the type of the option's value
	 * @param option the option
	 * @return the value, {@code null} when unset
	 */
	public <T> @Nullable T get(ZmqSocketOption<T> option) {
		return option.cast(this.values[option.index()]);
	}

	/**
	 * Set or clear an option.
	 * @param <T> the type of the option's value
	 * @param option the option
	 * @param value the value, {@code null} to unset it
	 */
	public <T> void set(ZmqSocketOption<T> option, @Nullable T value) {
		this.values[option.index()] = (value != null) ? option.cast(value) : null;
	}

	public @Nullable Integer getSendHighWaterMark() {
		return get(ZmqSocketOption.SEND_HIGH_WATER_MARK);
	}

	public void setSendHighWaterMark(@Nullable Integer sendHighWaterMark) {
		set(ZmqSocketOption.SEND_HIGH_WATER_MARK, sendHighWaterMark);
	}

	public @Nullable Integer getReceiveHighWaterMark() {
		return get(ZmqSocketOption.RECEIVE_HIGH_WATER_MARK);
	}

	public void setReceiveHighWaterMark(@Nullable Integer receiveHighWaterMark) {
		set(ZmqSocketOption.RECEIVE_HIGH_WATER_MARK, receiveHighWaterMark);
	}

	public @Nullable Duration getLinger() {
		return get(ZmqSocketOption.LINGER);
	}

	public void setLinger(@Nullable Duration linger) {
		set(ZmqSocketOption.LINGER, linger);
	}

	public @Nullable Duration getReconnectInterval() {
		return get(ZmqSocketOption.RECONNECT_INTERVAL);
	}

	public void setReconnectInterval(@Nullable Duration reconnectInterval) {
		set(ZmqSocketOption.RECONNECT_INTERVAL, reconnectInterval);
	}

	public @Nullable Duration getReconnectIntervalMax() {
		return get(ZmqSocketOption.RECONNECT_INTERVAL_MAX);
	}

	public void setReconnectIntervalMax(@Nullable Duration reconnectIntervalMax) {
		set(ZmqSocketOption.RECONNECT_INTERVAL_MAX, reconnectIntervalMax);
	}

	public @Nullable Duration getHandshakeInterval() {
		return get(ZmqSocketOption.HANDSHAKE_INTERVAL);
	}

	public void setHandshakeInterval(@Nullable Duration handshakeInterval) {
		set(ZmqSocketOption.HANDSHAKE_INTERVAL, handshakeInterval);
	}

	public @Nullable Duration getHeartbeatInterval() {
		return get(ZmqSocketOption.HEARTBEAT_INTERVAL);
	}

	public void setHeartbeatInterval(@Nullable Duration heartbeatInterval) {
		set(ZmqSocketOption.HEARTBEAT_INTERVAL, heartbeatInterval);
	}

	public @Nullable Duration getHeartbeatTimeout() {
		return get(ZmqSocketOption.HEARTBEAT_TIMEOUT);
	}

	public void setHeartbeatTimeout(@Nullable Duration heartbeatTimeout) {
		set(ZmqSocketOption.HEARTBEAT_TIMEOUT, heartbeatTimeout);
	}

	public @Nullable Duration getHeartbeatTtl() {
		return get(ZmqSocketOption.HEARTBEAT_TTL);
	}

	public void setHeartbeatTtl(@Nullable Duration heartbeatTtl) {
		set(ZmqSocketOption.HEARTBEAT_TTL, heartbeatTtl);
	}

	public @Nullable DataSize getMaxMessageSize() {
		return get(ZmqSocketOption.MAX_MESSAGE_SIZE);
	}

	public void setMaxMessageSize(@Nullable DataSize maxMessageSize) {
		set(ZmqSocketOption.MAX_MESSAGE_SIZE, maxMessageSize);
	}

	public @Nullable DataSize getSendBuffer() {
		return get(ZmqSocketOption.SEND_BUFFER);
	}

	public void setSendBuffer(@Nullable DataSize sendBuffer) {
		set(ZmqSocketOption.SEND_BUFFER, sendBuffer);
	}

	public @Nullable DataSize getReceiveBuffer() {
		return get(ZmqSocketOption.RECEIVE_BUFFER);
	}

	public void setReceiveBuffer(@Nullable DataSize receiveBuffer) {
		set(ZmqSocketOption.RECEIVE_BUFFER, receiveBuffer);
	}

	public @Nullable Duration getSendTimeout() {
		return get(ZmqSocketOption.SEND_TIMEOUT);
	}

	public void setSendTimeout(@Nullable Duration sendTimeout) {
		set(ZmqSocketOption.SEND_TIMEOUT, sendTimeout);
	}

	public @Nullable Duration getReceiveTimeout() {
		return get(ZmqSocketOption.RECEIVE_TIMEOUT);
	}

	public void setReceiveTimeout(@Nullable Duration receiveTimeout) {
		set(ZmqSocketOption.RECEIVE_TIMEOUT, receiveTimeout);
	}

	public @Nullable Boolean getImmediate() {
		return get(ZmqSocketOption.IMMEDIATE);
	}

	public void setImmediate(@Nullable Boolean immediate) {
		set(ZmqSocketOption.IMMEDIATE, immediate);
	}

	public @Nullable String getIdentity() {
		return get(ZmqSocketOption.IDENTITY);
	}

	public void setIdentity(@Nullable String identity) {
		set(ZmqSocketOption.IDENTITY, identity);
	}

	public @Nullable Boolean getTcpKeepAlive() {
		return get(ZmqSocketOption.TCP_KEEP_ALIVE);
	}

	public void setTcpKeepAlive(@Nullable Boolean tcpKeepAlive) {
		set(ZmqSocketOption.TCP_KEEP_ALIVE, tcpKeepAlive);
	}

	public @Nullable Duration getTcpKeepAliveIdle() {
		return get(ZmqSocketOption.TCP_KEEP_ALIVE_IDLE);
	}

	public void setTcpKeepAliveIdle(@Nullable Duration tcpKeepAliveIdle) {
		set(ZmqSocketOption.TCP_KEEP_ALIVE_IDLE, tcpKeepAliveIdle);
	}

	public @Nullable Duration getTcpKeepAliveInterval() {
		return get(ZmqSocketOption.TCP_KEEP_ALIVE_INTERVAL);
	}

	public void setTcpKeepAliveInterval(@Nullable Duration tcpKeepAliveInterval) {
		set(ZmqSocketOption.TCP_KEEP_ALIVE_INTERVAL, tcpKeepAliveInterval);
	}

	public @Nullable Integer getTcpKeepAliveCount() {
		return get(ZmqSocketOption.TCP_KEEP_ALIVE_COUNT);
	}

	public void setTcpKeepAliveCount(@Nullable Integer tcpKeepAliveCount) {
		set(ZmqSocketOption.TCP_KEEP_ALIVE_COUNT, tcpKeepAliveCount);
	}

	public @Nullable Boolean getRouterMandatory() {
		return get(ZmqSocketOption.ROUTER_MANDATORY);
	}

	public void setRouterMandatory(@Nullable Boolean routerMandatory) {
		set(ZmqSocketOption.ROUTER_MANDATORY, routerMandatory);
	}

	public @Nullable Boolean getConflate() {
		return get(ZmqSocketOption.CONFLATE);
	}

	public void setConflate(@Nullable Boolean conflate) {
		set(ZmqSocketOption.CONFLATE, conflate);
	}

	/**
	 * Copy every option of {@code other} onto this instance, unsetting those it leaves
	 * unset.
	 * @param other the options to copy from
	 */
	public void copyFrom(ZmqSocketOptions other) {
		System.arraycopy(other.values, 0, this.values, 0, this.values.length);
	}

	/**
	 * Check the values, naming the property at fault.
	 * @param prefix the property prefix, such as {@code zmq.sockets.orders}
	 * @throws InvalidZmqSocketSpecException when a value is out of range
	 */
	public void validate(String prefix) {
		for (ZmqSocketOption<?> option : ZmqSocketOption.values()) {
			validate(option, prefix);
		}
	}

	private <T> void validate(ZmqSocketOption<T> option, String prefix) {
		option.check(prefix, get(option));
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

	/**
	 * Apply every option to a socket that has not yet bound or connected: the options
	 * that are set, and those that have a {@link ZmqSocketOption#getValueWhenUnset()
	 * value when unset}; except those {@link ZmqSocketOption#isAppliedAfterBind() applied
	 * after binding} ({@link #applyAfterBind}).
	 * @param socket the socket, owned by the calling thread
	 * @param prefix the property prefix used in error messages
	 */
	public void applyTo(ZMQ.Socket socket, String prefix) {
		for (ZmqSocketOption<?> option : ZmqSocketOption.values()) {
			if (!option.isAppliedAfterBind()) {
				applyTo(option, socket, prefix);
			}
		}
	}

	/**
	 * Apply the options {@link ZmqSocketOption#isAppliedAfterBind() set after binding} to
	 * a socket that has bound (or has nothing to bind) and not yet connected.
	 * @param socket the socket, owned by the calling thread
	 * @param prefix the property prefix used in error messages
	 */
	public void applyAfterBind(ZMQ.Socket socket, String prefix) {
		for (ZmqSocketOption<?> option : ZmqSocketOption.values()) {
			if (option.isAppliedAfterBind()) {
				applyTo(option, socket, prefix);
			}
		}
	}

	private <T> void applyTo(ZmqSocketOption<T> option, ZMQ.Socket socket, String prefix) {
		option.applyTo(socket, prefix, get(option));
	}

}
