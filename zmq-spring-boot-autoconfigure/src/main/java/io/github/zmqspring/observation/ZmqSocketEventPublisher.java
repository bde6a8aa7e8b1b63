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
package io.github.zmqspring.observation;

import io.github.zmqspring.core.socket.ZmqSocketEventListener;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Turns JeroMQ's socket events into {@link ZmqSocketEvent}s: connected, accepted,
 * disconnected, bind failed, handshake failed and authentication failed. Each is logged
 * at debug, failures at warn, and published as a Spring application event.
 *
 * @author zmq-spring-boot
 */
public class ZmqSocketEventPublisher implements ZmqSocketEventListener {

	private static final Log logger = LogFactory.getLog(ZmqSocketEventPublisher.class);

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a publisher.
	 * @param publisher where the events go
	 */
	public ZmqSocketEventPublisher(ApplicationEventPublisher publisher) {
		Assert.notNull(publisher, "publisher must not be null");
		this.publisher = publisher;
	}

	@Override
	public void onEvent(ZmqSocketSpec spec, ZEvent event) {
		ZmqSocketEvent.Type type = typeOf(event.getEvent());
		if (type == null) {
			return;
		}
		String reason = type.equals(ZmqSocketEvent.Type.HANDSHAKE_FAILED)
				|| type.equals(ZmqSocketEvent.Type.AUTHENTICATION_FAILED)
				|| type.equals(ZmqSocketEvent.Type.BIND_FAILED) ? reason(event) : null;
		ZmqSocketEvent socketEvent = new ZmqSocketEvent(this, spec.getName(), type, event.getAddress(), reason);
		if (socketEvent.isFailure()) {
			logger.warn("Socket '" + spec.getName() + "': " + describe(socketEvent));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Socket '" + spec.getName() + "': " + describe(socketEvent));
		}
		this.publisher.publishEvent(socketEvent);
	}

	private static String describe(ZmqSocketEvent event) {
		return event.getType().name().toLowerCase().replace('_', ' ') + " "
				+ ((event.getAddress() != null) ? event.getAddress() : "")
				+ ((event.getReason() != null) ? " (" + event.getReason() + ")" : "");
	}

	static ZmqSocketEvent.@Nullable Type typeOf(ZMonitor.Event event) {
		return switch (event) {
			case CONNECTED -> ZmqSocketEvent.Type.CONNECTED;
			case ACCEPTED -> ZmqSocketEvent.Type.ACCEPTED;
			case DISCONNECTED -> ZmqSocketEvent.Type.DISCONNECTED;
			case BIND_FAILED -> ZmqSocketEvent.Type.BIND_FAILED;
			case HANDSHAKE_FAILED_NO_DETAIL, HANDSHAKE_FAILED_PROTOCOL -> ZmqSocketEvent.Type.HANDSHAKE_FAILED;
			case HANDSHAKE_FAILED_AUTH -> ZmqSocketEvent.Type.AUTHENTICATION_FAILED;
			default -> null;
		};
	}

	private static @Nullable String reason(ZEvent event) {
		Object value;
		try {
			value = event.getValue();
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (value instanceof Integer code) {
			if (event.getEvent() == ZMonitor.Event.HANDSHAKE_FAILED_PROTOCOL
					|| event.getEvent() == ZMonitor.Event.HANDSHAKE_FAILED_AUTH) {
				return protocolError(code);
			}
			ZMQ.Error error = ZMQ.Error.findByCode(code);
			return (error != null) ? error.getMessage() + " (errno " + code + ")" : "code " + code;
		}
		return (value != null) ? value.toString() : null;
	}

	private static String protocolError(int code) {
		if (code == zmq.ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH) {
			return "security mechanism mismatch (" + code + ")";
		}
		if (code == zmq.ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND) {
			return "ZMTP protocol error 0x" + Integer.toHexString(code) + " (unexpected command)";
		}
		if (code >= 0x10000000 && code < 0x20000000) {
			return "ZMTP protocol error 0x" + Integer.toHexString(code);
		}
		if (code >= 0x20000000 && code < 0x30000000) {
			return "ZAP protocol error 0x" + Integer.toHexString(code);
		}
		if (code >= 300 && code <= 500) {
			return "ZAP status " + code;
		}
		return "code " + code;
	}

}
