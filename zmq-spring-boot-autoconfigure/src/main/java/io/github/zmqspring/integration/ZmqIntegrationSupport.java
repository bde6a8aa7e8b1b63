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
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.beans.factory.BeanFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;
import org.springframework.util.PatternMatchUtils;
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
		return registerContainer(components, listenerId, socket, allowed, role, receiver, concurrency, () -> null);
	}

	/**
	 * Register a listener container whose messages are already the flow's: a fresh id and
	 * timestamp, only the mapped headers, no raw frames.
	 * @param components the components
	 * @param listenerId the container's id
	 * @param socket the declared socket
	 * @param allowed the socket types the component accepts
	 * @param role the component, for messages
	 * @param receiver the object whose {@code receive(Message<byte[]>)} method handles
	 * messages
	 * @param concurrency the number of threads that run the receiver
	 * @param patterns the mapped header patterns when a message arrives ({@code null} for
	 * all)
	 * @return the container
	 */
	static ZmqListenerContainer registerContainer(ZmqIntegrationComponents components, String listenerId, String socket,
			Set<SocketType> allowed, String role, Object receiver, int concurrency,
			Supplier<String @Nullable []> patterns) {
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
		// the received message is the flow's message: a fresh id and timestamp, the
		// mapped headers only, no raw frames; its headers are built once, in place
		endpoint.setMessageIdAndTimestamp(true);
		endpoint.setMetadataHeaderFilter((name) -> maps(patterns.get(), name));
		endpoint.setRawMessageHeader(false);
		return components.getEndpointRegistry().registerListenerContainer(endpoint, components.getContainerFactory());
	}

	/**
	 * What an inbound adapter and an inbound gateway share: their settings, and the
	 * listener container they build, start and stop.
	 */
	static final class Inbound {

		private final String socket;

		private final Set<SocketType> types;

		private Class<?> payloadType = byte[].class;

		private int concurrency = 1;

		private @Nullable String listenerId;

		private String @Nullable [] mappedHeaders;

		private @Nullable ZmqIntegrationComponents components;

		private @Nullable ZmqListenerContainer container;

		private String description = "";

		Inbound(String socket, Set<SocketType> types) {
			org.springframework.util.Assert.hasText(socket, "'socket' must not be empty");
			this.socket = socket;
			this.types = types;
		}

		String getSocket() {
			return this.socket;
		}

		void setPayloadType(Class<?> payloadType) {
			org.springframework.util.Assert.notNull(payloadType, "'payloadType' must not be null");
			this.payloadType = payloadType;
		}

		void setConcurrency(int concurrency) {
			org.springframework.util.Assert.isTrue(concurrency >= 1, "'concurrency' must be at least 1");
			this.concurrency = concurrency;
		}

		void setListenerId(String listenerId) {
			org.springframework.util.Assert.hasText(listenerId, "'listenerId' must not be empty");
			this.listenerId = listenerId;
		}

		void setMappedHeaders(String... patterns) {
			this.mappedHeaders = patterns(patterns, "mappedRequestHeaders");
		}

		void setComponents(ZmqIntegrationComponents components) {
			this.components = components;
		}

		@Nullable ZmqListenerContainer getContainer() {
			return this.container;
		}

		ZmqIntegrationComponents getComponents() {
			org.springframework.util.Assert.state(this.components != null, "The component is not initialized");
			return this.components;
		}

		/**
		 * Claim the socket and register the (not started) container.
		 * @param beanFactory where the components are, unless they were set
		 * @param kind the kind of component, for messages ({@code inbound gateway})
		 * @param componentName the component's name
		 * @param receiver the object whose {@code receive(Message<byte[]>)} method runs
		 */
		void init(@Nullable BeanFactory beanFactory, String kind, String componentName, Object receiver) {
			if (this.components == null) {
				this.components = ZmqIntegrationComponents.of(Objects.requireNonNull(beanFactory, "beanFactory"));
			}
			this.description = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '" + componentName
					+ "' on socket '" + this.socket + "'";
			String id = (this.listenerId != null) ? this.listenerId : "integration:" + this.socket;
			this.container = registerContainer(this.components, id, this.socket, this.types,
					kind + " '" + componentName + "'", receiver, this.concurrency, () -> this.mappedHeaders);
		}

		void start() {
			org.springframework.util.Assert.state(this.container != null, "The component is not initialized");
			this.container.start();
		}

		void stop() {
			if (this.container != null) {
				this.container.stop();
			}
		}

		/**
		 * The message a flow gets for a received one.
		 * @param received the received message
		 * @return the flow's message
		 */
		Message<?> toFlowMessage(Message<byte[]> received) {
			return ZmqIntegrationSupport.toFlowMessage(received, this.payloadType,
					getComponents().getMessageConverter(), this.description, this.mappedHeaders);
		}

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
		return toFlowMessage(received, payloadType, converter, description, null);
	}

	/**
	 * Turn a received message into the message a flow gets, keeping only the metadata
	 * headers that match the patterns (the library's {@code zmq_} headers always stay).
	 * @param received the message the container built
	 * @param payloadType the payload type
	 * @param converter the converter
	 * @param description the component, for messages
	 * @param patterns the header name patterns ({@code null} for all)
	 * @return the message
	 */
	static Message<?> toFlowMessage(Message<byte[]> received, Class<?> payloadType, MessageConverter converter,
			String description, String @Nullable [] patterns) {
		Object payload = received.getPayload();
		if (payloadType != byte[].class && payloadType != Object.class) {
			payload = converter.fromMessage(received, payloadType);
			if (payload == null) {
				throw new MessageConversionException(received, description + " cannot convert a payload of "
						+ received.getPayload().length + " bytes to " + payloadType.getName());
			}
		}
		// GenericMessage keeps a MessageHeaders as it is. A container registered here
		// built the flow's headers already, with an id (header copies were half of the
		// inbound adapter's time in scenario 6b); other messages get them copied once
		MessageHeaders headers = (received.getHeaders().getId() != null) ? received.getHeaders()
				: new FlowHeaders(new Received(received.getHeaders(), patterns));
		if (payload == received.getPayload() && headers == received.getHeaders()) {
			return received;
		}
		return new GenericMessage<>(payload, headers);
	}

	/**
	 * The headers of a flow's message: a fresh id and timestamp, without the raw frames,
	 * and with only the mapped metadata headers.
	 */
	@SuppressWarnings("serial")
	private static final class FlowHeaders extends MessageHeaders {

		FlowHeaders(Map<String, Object> headers) {
			super(headers, null, null);
		}

	}

	/**
	 * A read-only view of received headers without those a flow's message leaves out, so
	 * that {@link MessageHeaders} copies them once into a table of the right size.
	 */
	private static final class Received extends AbstractMap<String, Object> {

		private final Map<String, Object> headers;

		private final String @Nullable [] patterns;

		private final Set<Map.Entry<String, Object>> entries = new AbstractSet<>() {

			@Override
			public Iterator<Map.Entry<String, Object>> iterator() {
				Iterator<Map.Entry<String, Object>> all = Received.this.headers.entrySet().iterator();
				return new Iterator<>() {

					private Map.@Nullable Entry<String, Object> next = advance();

					private Map.@Nullable Entry<String, Object> advance() {
						while (all.hasNext()) {
							Map.Entry<String, Object> entry = all.next();
							if (keeps(entry.getKey())) {
								return entry;
							}
						}
						return null;
					}

					@Override
					public boolean hasNext() {
						return this.next != null;
					}

					@Override
					public Map.Entry<String, Object> next() {
						Map.Entry<String, Object> entry = this.next;
						if (entry == null) {
							throw new java.util.NoSuchElementException();
						}
						this.next = advance();
						return entry;
					}

				};
			}

			@Override
			public int size() {
				return Received.this.size;
			}

		};

		private final int size;

		Received(Map<String, Object> headers, String @Nullable [] patterns) {
			this.headers = headers;
			this.patterns = patterns;
			int kept = 0;
			for (String name : headers.keySet()) {
				if (keeps(name)) {
					kept++;
				}
			}
			this.size = kept;
		}

		private boolean keeps(String name) {
			if (name.startsWith(ZmqHeaders.PREFIX)) {
				return !name.equals(ZmqHeaders.RAW_MESSAGE);
			}
			return !name.equals(MessageHeaders.ID) && !name.equals(MessageHeaders.TIMESTAMP)
					&& maps(this.patterns, name);
		}

		@Override
		public Set<Map.Entry<String, Object>> entrySet() {
			return this.entries;
		}

		@Override
		public int size() {
			return this.size;
		}

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
		return toWire(message, null, null);
	}

	/**
	 * The message to hand to the template or return to a listener container: the payload,
	 * with the headers that can travel in the metadata frame and match the patterns, but
	 * none that the message carries unchanged from another one (the request a reply
	 * answers: a flow's reply carries its request's headers, which must not echo back).
	 * @param message the flow's message
	 * @param patterns the header name patterns ({@code null} for all user headers)
	 * @param unchangedFrom the headers whose same values are left out, or {@code null}
	 * @return the payload, or a message with the headers that travel
	 */
	static Object toWire(Message<?> message, String @Nullable [] patterns,
			@Nullable Map<String, Object> unchangedFrom) {
		MessageHeaders messageHeaders = message.getHeaders();
		if (messageHeaders.size() == 2 && messageHeaders.containsKey(MessageHeaders.ID)
				&& messageHeaders.containsKey(MessageHeaders.TIMESTAMP)) {
			return message.getPayload(); // the usual message of a flow: nothing travels
		}
		Map<String, Object> headers = null;
		for (Map.Entry<String, Object> header : messageHeaders.entrySet()) {
			String name = header.getKey();
			Object value = header.getValue();
			if (LOCAL_HEADERS.contains(name) || name.startsWith(ZmqHeaders.PREFIX) || !travels(value)
					|| !maps(patterns, name)
					|| (unchangedFrom != null && Objects.equals(unchangedFrom.get(name), value))) {
				continue;
			}
			if (headers == null) {
				headers = new HashMap<>();
			}
			headers.put(name, value);
		}
		return (headers != null) ? new GenericMessage<>(message.getPayload(), headers) : message.getPayload();
	}

	/**
	 * Whether a header is mapped by Spring Integration's header mapper patterns: the
	 * first pattern that matches decides, {@code !pattern} excludes, {@code *} is a
	 * wildcard.
	 * @param patterns the patterns, or {@code null} to map every header
	 * @param name the header's name
	 * @return whether it maps
	 */
	static boolean maps(String @Nullable [] patterns, String name) {
		if (patterns == null) {
			return true;
		}
		for (String pattern : patterns) {
			if (pattern.startsWith("!")) {
				if (PatternMatchUtils.simpleMatch(pattern.substring(1), name)) {
					return false;
				}
			}
			else if (PatternMatchUtils.simpleMatch(pattern, name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Check and copy header patterns.
	 * @param patterns the patterns
	 * @param name the setting, for messages
	 * @return the patterns, {@code null} when they map every header
	 */
	static String @Nullable [] patterns(String[] patterns, String name) {
		org.springframework.util.Assert.notNull(patterns, "'" + name + "' must not be null");
		for (String pattern : patterns) {
			org.springframework.util.Assert.hasText(pattern, "'" + name + "' must not contain empty patterns");
		}
		return (patterns.length == 1 && patterns[0].equals("*")) ? null : patterns.clone();
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
