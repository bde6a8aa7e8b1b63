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
package io.github.zmqspring.integration;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;
import org.springframework.util.ReflectionUtils;

/**
 * What the inbound and outbound components share: checking and claiming sockets, building
 * the listener container of an inbound side, and mapping messages both ways.
 *
 * @author zmq-spring-boot
 */
final class ZmqIntegrationSupport {

	/** Headers of Spring Integration's that only mean something inside this JVM. */
	private static final Set<String> LOCAL_HEADERS = Set.of(MessageHeaders.ID, MessageHeaders.TIMESTAMP,
			MessageHeaders.REPLY_CHANNEL, MessageHeaders.ERROR_CHANNEL, "history");

	private static final Log logger = LogFactory.getLog(ZmqIntegrationSupport.class);

	private ZmqIntegrationSupport() {
	}

	/**
	 * Check that a declared socket has one of the allowed types.
	 * @param manager the socket manager
	 * @param socket the socket's name
	 * @param allowed the allowed types
	 * @param role what the socket is for, for the message
	 * @return the socket's spec
	 */
	static ZmqSocketSpec checkType(ZmqSocketManager manager, String socket, Set<SocketType> allowed, String role) {
		ZmqSocketSpec spec = manager.getSpec(socket);
		if (!allowed.contains(spec.getType())) {
			throw new InvalidZmqSocketSpecException("zmq.sockets." + socket + ".type", spec.getType(),
					role + " needs one of " + allowed.stream().map(Enum::name).sorted().toList() + " sockets");
		}
		return spec;
	}

	/**
	 * Claim a declared socket for an inbound component and register the container that
	 * will receive on it with the registry, not started: the component starts and stops
	 * it with its own lifecycle.
	 * @param components the shared components
	 * @param listenerId the id of the container
	 * @param socket the socket's name
	 * @param allowed the socket types the component can receive on
	 * @param role the component, for messages
	 * @param receiver the object whose {@code receive(Message<byte[]>)} method handles
	 * messages
	 * @param concurrency the number of threads that run the receiver
	 * @return the container
	 */
	static ZmqListenerContainer registerContainer(ZmqIntegrationComponents components, String listenerId, String socket,
			Set<SocketType> allowed, String role, Object receiver, int concurrency) {
		ZmqSocketManager manager = components.getSocketManager();
		checkType(manager, socket, allowed, role);
		ZmqSocketSpec spec = manager.claim(socket, role);
		if (spec.getType() == SocketType.SUB && spec.getTopics().isEmpty()) {
			// a declared SUB subscribes to its topics only: without any it receives
			// nothing
			logger.warn("Socket '" + socket + "' of " + role
					+ " is a SUB socket without topics, so it receives nothing; set zmq.sockets." + socket
					+ ".topics (an empty topic subscribes to everything)");
		}
		if (manager.isRunning() && isOpenedByManager(manager, socket)) {
			throw new ZmqException("Socket '" + socket + "' was opened by the socket manager before " + role
					+ " could claim it: a flow that receives on a declared socket must be registered before the"
					+ " application starts");
		}
		Method method = ReflectionUtils.findMethod(receiver.getClass(), "receive", Message.class);
		if (method == null) {
			throw new IllegalStateException(receiver.getClass() + " has no receive(Message) method");
		}
		ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(listenerId, spec, receiver, method,
				components.getHandlerMethodFactory());
		endpoint.setAutoStartup(false);
		endpoint.setConcurrency(concurrency);
		endpoint.setMessageConverter(components.getMessageConverter());
		return components.getEndpointRegistry().registerListenerContainer(endpoint, components.getContainerFactory());
	}

	private static boolean isOpenedByManager(ZmqSocketManager manager, String socket) {
		try {
			manager.getOwner(socket);
			return true;
		}
		catch (ZmqException ex) {
			return false;
		}
	}

	/**
	 * Turn a received message into the message a flow gets: the payload converted to the
	 * payload type, the headers (metadata, topic, routing id, socket) kept but for the
	 * raw frames, and a fresh id and timestamp.
	 * @param received the message the container built
	 * @param payloadType the payload type
	 * @param converter the converter
	 * @param description the component, for messages
	 * @return the message
	 */
	static Message<?> toFlowMessage(Message<byte[]> received, Class<?> payloadType, MessageConverter converter,
			String description) {
		Object payload = received.getPayload();
		if (payloadType != byte[].class && payloadType != Object.class) {
			payload = converter.fromMessage(received, payloadType);
			if (payload == null) {
				throw new MessageConversionException(received, description + " cannot convert a payload of "
						+ received.getPayload().length + " bytes to " + payloadType.getName());
			}
		}
		Map<String, Object> headers = new HashMap<>(received.getHeaders());
		headers.remove(ZmqHeaders.RAW_MESSAGE);
		headers.remove(MessageHeaders.ID);
		headers.remove(MessageHeaders.TIMESTAMP);
		return new GenericMessage<>(payload, headers);
	}

	/**
	 * The message to hand to the template: the payload, with the headers that can travel
	 * in the metadata frame (strings, numbers, booleans, UUIDs, MIME types; not the
	 * library's own {@code zmq_} headers, nor Spring Integration's channels, history, id
	 * and timestamp). A message with none of them goes out as its bare payload, in plain
	 * frames.
	 * @param message the flow's message
	 * @return the payload, or a message with the headers that travel
	 */
	static Object toWire(Message<?> message) {
		Map<String, Object> headers = null;
		for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
			String name = header.getKey();
			Object value = header.getValue();
			if (LOCAL_HEADERS.contains(name) || name.startsWith(ZmqHeaders.PREFIX) || !travels(value)) {
				continue;
			}
			if (headers == null) {
				headers = new HashMap<>();
			}
			headers.put(name, value);
		}
		return (headers != null) ? new GenericMessage<>(message.getPayload(), headers) : message.getPayload();
	}

	private static boolean travels(Object value) {
		return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof UUID || value instanceof MimeType;
	}

	/**
	 * A short name of a payload type for messages.
	 * @param type the type
	 * @return its name
	 */
	static String typeName(Class<?> type) {
		return ClassUtils.getShortName(type);
	}

}
