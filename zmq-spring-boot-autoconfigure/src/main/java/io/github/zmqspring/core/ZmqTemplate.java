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
package io.github.zmqspring.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.github.zmqspring.convert.ZmqHeaderMapper;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.convert.ZmqPayloadConverter;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.observation.ZmqTemplateObservations;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZFrame;
import org.zeromq.ZMsg;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.ParameterizedTypeReference;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.Assert;

/**
 * The default {@link ZmqOperations}: sends through the sockets opened by a
 * {@link ZmqSocketManager}. Thread-safe: any number of threads may send through the same
 * socket at once.
 * <p>
 * A {@code byte[]} payload goes on the wire as is; any other payload is converted by the
 * {@link MessageConverter} (the {@code zmqMessageConverter} bean), with the headers of a
 * {@link Message} payload as conversion hints. The headers a sender puts on a
 * {@link Message} travel in the optional metadata frame (see {@link ZmqHeaderMapper}); a
 * plain payload goes out as plain frames. A {@link ZMsg} or a {@code byte[][]} payload is
 * sent frame for frame, as one multipart message, without conversion.
 * <p>
 * Senders write to the socket themselves, under the socket's lock (see
 * {@link ZmqSocketOwner}); nothing is handed to another thread on the way.
 *
 * @author zmq-spring-boot
 */
public class ZmqTemplate implements ZmqOperations, DisposableBean {

	private final ZmqSocketManager socketManager;

	private final ZmqPayloadConverter payloadConverter;

	private Duration defaultSendTimeout = Duration.ofSeconds(10);

	private Duration defaultRequestTimeout = Duration.ofSeconds(10);

	private int requestRetries;

	private JsonMapper jsonMapper;

	private static final java.util.Set<SocketType> RECEIVABLE = java.util.Set.of(SocketType.PULL, SocketType.SUB,
			SocketType.PAIR, SocketType.DEALER);

	private final Map<ZmqSocketOwner, ZmqRequester> requesters = new ConcurrentHashMap<>();

	private volatile @Nullable ZmqTemplateObservations observations;

	/** The topic last published and its frame ({@link #topic(String)}). */
	private volatile @Nullable TopicFrame lastTopic;

	/** The socket last sent through and its owner ({@link #sender(String, boolean)}). */
	private volatile @Nullable LastSender lastSender;

	private volatile @Nullable ZmqRequestListener requestListener;

	/**
	 * Create a template.
	 * @param socketManager the manager of the declared sockets
	 * @param messageConverter the converter of payloads to a frame (its output payload
	 * must be a {@code byte[]} or a {@code String})
	 */
	public ZmqTemplate(ZmqSocketManager socketManager, MessageConverter messageConverter) {
		Assert.notNull(socketManager, "socketManager must not be null");
		Assert.notNull(messageConverter, "messageConverter must not be null");
		this.socketManager = socketManager;
		this.payloadConverter = new ZmqPayloadConverter(messageConverter);
	}

	/**
	 * Set how long a blocking send waits for room on sockets that set no
	 * {@code send-timeout} of their own.
	 * @param defaultSendTimeout the timeout (default 10 seconds)
	 */
	public void setDefaultSendTimeout(Duration defaultSendTimeout) {
		Assert.notNull(defaultSendTimeout, "defaultSendTimeout must not be null");
		this.defaultSendTimeout = defaultSendTimeout;
	}

	/**
	 * Set how long each attempt of a request waits for its reply when the call gives no
	 * timeout.
	 * @param defaultRequestTimeout the timeout
	 */
	public void setDefaultRequestTimeout(Duration defaultRequestTimeout) {
		Assert.notNull(defaultRequestTimeout, "defaultRequestTimeout must not be null");
		this.defaultRequestTimeout = defaultRequestTimeout;
	}

	/**
	 * Set how many times a request that timed out is sent again (Lazy Pirate); 0 by
	 * default, since a retried request may be processed twice.
	 * @param requestRetries the retries
	 */
	public void setRequestRetries(int requestRetries) {
		Assert.isTrue(requestRetries >= 0, "requestRetries must not be negative");
		this.requestRetries = requestRetries;
	}

	/**
	 * Set the mapper for replies of generic types ({@link ParameterizedTypeReference}).
	 * @param jsonMapper the mapper Generic replies go through the message converter (so
	 * CBOR sockets work too); this mapper is kept for compatibility and no longer used.
	 */
	public void setJsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Set the observations of sends, publishes and requests ({@code zmq.template}); with
	 * tracing, they put the trace context in the metadata frame.
	 * @param observations the observations, or {@code null} for none (the default)
	 */
	public void setObservations(@Nullable ZmqTemplateObservations observations) {
		this.observations = observations;
	}

	/**
	 * Set the listener told of each request's duration and outcome.
	 * @param requestListener the listener, or {@code null} for none
	 */
	public void setRequestListener(@Nullable ZmqRequestListener requestListener) {
		this.requestListener = requestListener;
	}

	/**
	 * Return the requester of a socket, if a request went through it.
	 * @param socket the declared name of a DEALER socket
	 * @return the requester, or {@code null} when no request has used the socket yet
	 */
	public @Nullable ZmqRequester getRequester(String socket) {
		for (Map.Entry<ZmqSocketOwner, ZmqRequester> entry : this.requesters.entrySet()) {
			if (entry.getKey().getSpec().getName().equals(socket)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/**
	 * @return how long a blocking send waits for room on sockets without a send-timeout
	 */
	public Duration getDefaultSendTimeout() {
		return this.defaultSendTimeout;
	}

	/**
	 * @return the converter of payloads
	 */
	public MessageConverter getMessageConverter() {
		return this.payloadConverter.getMessageConverter();
	}

	@Override
	public void send(String socket, Object payload) {
		ZmqSocketOwner owner = sender(socket, false);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			sendBlocking(owner, frames(owner.getSpec(), null, payload));
			return;
		}
		observations.observe(socket, owner.getSpec().getType().name(), "send", null, payload, (traced) -> {
			sendBlocking(owner, frames(owner.getSpec(), null, traced));
			return null;
		});
	}

	@Override
	public void send(String socket, Message<?> message) {
		send(socket, (Object) message);
	}

	@Override
	public void publish(String socket, String topic, Object payload) {
		ZmqSocketOwner owner = sender(socket, true);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			sendBlocking(owner, frames(owner.getSpec(), topic, payload));
			return;
		}
		observations.observe(socket, owner.getSpec().getType().name(), "publish", topic, payload, (traced) -> {
			sendBlocking(owner, frames(owner.getSpec(), topic, traced));
			return null;
		});
	}

	@Override
	public void publish(String socket, String topic, Message<?> message) {
		publish(socket, topic, (Object) message);
	}

	@Override
	public boolean trySend(String socket, Object payload) {
		ZmqSocketOwner owner = sender(socket, false);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			return owner.trySend(frames(owner.getSpec(), null, payload));
		}
		return observations.observe(socket, owner.getSpec().getType().name(), "send", null, payload,
				(traced) -> owner.trySend(frames(owner.getSpec(), null, traced)));
	}

	@Override
	public boolean tryPublish(String socket, String topic, Object payload) {
		ZmqSocketOwner owner = sender(socket, true);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			return owner.trySend(frames(owner.getSpec(), topic, payload));
		}
		return observations.observe(socket, owner.getSpec().getType().name(), "publish", topic, payload,
				(traced) -> owner.trySend(frames(owner.getSpec(), topic, traced)));
	}

	@Override
	public void send(String socket, Object payload, Duration timeout) {
		Assert.notNull(timeout, "timeout must not be null");
		ZmqSocketOwner owner = sender(socket, false);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			sendBlocking(owner, frames(owner.getSpec(), null, payload), timeout);
			return;
		}
		observations.observe(socket, owner.getSpec().getType().name(), "send", null, payload, (traced) -> {
			sendBlocking(owner, frames(owner.getSpec(), null, traced), timeout);
			return null;
		});
	}

	@Override
	public CompletableFuture<Void> sendAsync(String socket, Object payload) {
		ZmqSocketOwner owner = sender(socket, false);
		return sendAsync(owner, payload, sendTimeout(owner.getSpec()));
	}

	@Override
	public CompletableFuture<Void> sendAsync(String socket, Object payload, Duration timeout) {
		Assert.notNull(timeout, "timeout must not be null");
		return sendAsync(sender(socket, false), payload, timeout);
	}

	private CompletableFuture<Void> sendAsync(ZmqSocketOwner owner, Object payload, Duration timeout) {
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			return owner.sendAsync(frames(owner.getSpec(), null, payload), timeout);
		}
		return observations.observeAsync(owner.getSpec().getName(), owner.getSpec().getType().name(), "send", null,
				payload, (traced) -> owner.sendAsync(frames(owner.getSpec(), null, traced), timeout));
	}

	@Override
	public void sendTo(String socket, byte[] routingId, Object payload) {
		Assert.notNull(routingId, "routingId must not be null");
		ZmqSocketOwner owner = routed(socket);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			sendTo(owner, routingId, payload);
			return;
		}
		observations.observe(socket, owner.getSpec().getType().name(), "send", null, payload, (traced) -> {
			sendTo(owner, routingId, traced);
			return null;
		});
	}

	private void sendTo(ZmqSocketOwner owner, byte[] routingId, @Nullable Object payload) {
		byte[][] body = frames(owner.getSpec(), null, payload);
		byte[][] frames = new byte[body.length + 1][];
		frames[0] = routingId;
		System.arraycopy(body, 0, frames, 1, body.length);
		sendBlocking(owner, frames, sendTimeout(owner.getSpec()));
	}

	@Override
	public void closeConnection(String socket, byte[] routingId) {
		Assert.notNull(routingId, "routingId must not be null");
		ZmqSocketOwner owner = routed(socket);
		if (owner.getSpec().getType() != SocketType.STREAM) {
			throw new ZmqException("Socket '" + socket + "' is a " + owner.getSpec().getType()
					+ " socket; closeConnection needs a STREAM socket");
		}
		sendBlocking(owner, new byte[][] { routingId, new byte[0] }, sendTimeout(owner.getSpec()));
	}

	@Override
	public @Nullable Message<byte[]> receive(String socket, Duration timeout) {
		Assert.notNull(timeout, "timeout must not be null");
		ZmqSocketOwner owner = receiver(socket);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			return receive(owner, timeout);
		}
		return observations.observeReceive(socket, owner.getSpec().getType().name(), () -> receive(owner, timeout));
	}

	private @Nullable Message<byte[]> receive(ZmqSocketOwner owner, Duration timeout) {
		ZMsg msg = owner.receive(timeout);
		return (msg != null) ? toMessage(owner.getSpec(), msg) : null;
	}

	@Override
	public <T> @Nullable T receiveAndConvert(String socket, Class<T> type, Duration timeout) {
		Assert.notNull(type, "type must not be null");
		ZmqSocketOwner owner = receiver(socket);
		ZmqTemplateObservations observations = this.observations;
		if (observations == null) {
			return receiveAndConvert(owner, type, timeout);
		}
		return observations.observeReceive(socket, owner.getSpec().getType().name(),
				() -> receiveAndConvert(owner, type, timeout));
	}

	// payload only: no message and no header map, only the metadata's content type
	private <T> @Nullable T receiveAndConvert(ZmqSocketOwner owner, Class<T> type, Duration timeout) {
		ZmqSocketSpec spec = owner.getSpec();
		ZMsg msg = owner.receive(timeout);
		if (msg == null) {
			return null;
		}
		Map<String, Object> metadata = metadata(spec, msg);
		Object contentType = (metadata != null)
				? metadata.get(org.springframework.messaging.MessageHeaders.CONTENT_TYPE) : null;
		byte[] payload = (msg.peekLast() != null) ? msg.peekLast().getData() : new byte[0];
		return this.payloadConverter.fromFrame(payload, type, spec.getName(), (contentType != null)
				? org.springframework.util.MimeType.valueOf(contentType.toString()) : spec.getContentType());
	}

	private Message<byte[]> toMessage(ZmqSocketSpec spec, ZMsg msg) {
		boolean subscriber = spec.getType() == SocketType.SUB || spec.getType() == SocketType.XSUB;
		MessageBuilder<byte[]> builder = MessageBuilder
			.withPayload((msg.peekLast() != null) ? msg.peekLast().getData() : new byte[0])
			.setHeader(ZmqHeaders.SOCKET, spec.getName())
			.setHeader(ZmqHeaders.SOCKET_TYPE, spec.getType())
			.setHeader(ZmqHeaders.FRAMES, msg.size())
			.setHeader(ZmqHeaders.RAW_MESSAGE, msg);
		if (subscriber && msg.size() > 1) {
			builder.setHeader(ZmqHeaders.TOPIC, new String(msg.getFirst().getData(), StandardCharsets.UTF_8));
		}
		Map<String, Object> metadata = metadata(spec, msg);
		if (metadata != null) {
			builder.copyHeadersIfAbsent(metadata);
		}
		return builder.build();
	}

	/** The headers of a message's metadata frame (docs/wire-format.md), if it has one. */
	private static @Nullable Map<String, Object> metadata(ZmqSocketSpec spec, ZMsg msg) {
		boolean subscriber = spec.getType() == SocketType.SUB || spec.getType() == SocketType.XSUB;
		int plainFrames = subscriber ? 2 : 1;
		if (msg.size() != plainFrames + 1) {
			return null;
		}
		byte[] candidate = msg.toArray(new ZFrame[0])[plainFrames - 1].getData();
		if (!ZmqMetadataCodec.isMetadataFrame(candidate)) {
			return null;
		}
		try {
			return ZmqHeaderMapper.toHeaders(ZmqMetadataCodec.decode(candidate));
		}
		catch (RuntimeException ex) {
			throw new MessageConversionException(
					"A message on socket '" + spec.getName() + "' has a malformed metadata frame: " + ex.getMessage(),
					ex);
		}
	}

	@Override
	public boolean awaitSubscribers(String socket, int count, Duration timeout) {
		ZmqSocketOwner owner = sender(socket, true);
		try {
			return owner.awaitSubscriptions(count, timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqException("Interrupted while awaiting subscribers of socket '" + socket + "'", ex);
		}
	}

	@Override
	public boolean awaitPeers(String socket, int count, Duration timeout) {
		ZmqSocketOwner owner = this.socketManager.getOwner(socket);
		try {
			return owner.awaitPeers(count, timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqException("Interrupted while awaiting peers of socket '" + socket + "'", ex);
		}
	}

	@Override
	public <T> T request(String socket, Object payload, Class<T> replyType) {
		return request(socket, payload, replyType, this.defaultRequestTimeout);
	}

	@Override
	public <T> T request(String socket, Object payload, Class<T> replyType, Duration timeout) {
		Assert.notNull(replyType, "replyType must not be null");
		// the calling thread reads the reply itself (ZmqRequester.requestAndAwait)
		return join(socket,
				request(socket, payload, timeout, true).thenApply((frames) -> fromReply(socket, frames, replyType)));
	}

	@Override
	public <T> T request(String socket, Object payload, ParameterizedTypeReference<T> replyType, Duration timeout) {
		Assert.notNull(replyType, "replyType must not be null");
		return join(socket, request(socket, payload, timeout, true)
			.thenApply((frames) -> fromGenericReply(socket, frames, replyType)));
	}

	@Override
	public <T> CompletableFuture<T> requestAsync(String socket, Object payload, Class<T> replyType) {
		return requestAsync(socket, payload, replyType, this.defaultRequestTimeout);
	}

	@Override
	public <T> CompletableFuture<T> requestAsync(String socket, Object payload, Class<T> replyType, Duration timeout) {
		Assert.notNull(replyType, "replyType must not be null");
		return request(socket, payload, timeout, false).thenApply((frames) -> fromReply(socket, frames, replyType));
	}

	@Override
	public <T> CompletableFuture<T> requestAsync(String socket, Object payload, ParameterizedTypeReference<T> replyType,
			Duration timeout) {
		Assert.notNull(replyType, "replyType must not be null");
		return request(socket, payload, timeout, false)
			.thenApply((frames) -> fromGenericReply(socket, frames, replyType));
	}

	/**
	 * Send a request; with {@code await}, the calling thread waits for the reply and
	 * reads it itself ({@link ZmqRequester#requestAndAwait}), otherwise the socket's loop
	 * does.
	 */
	private CompletableFuture<List<byte[]>> request(String socket, @Nullable Object payload, Duration timeout,
			boolean await) {
		ZmqRequester requester = requester(socket);
		ZmqSocketSpec spec = this.socketManager.getSpec(socket);
		long start = System.nanoTime();
		ZmqTemplateObservations observations = this.observations;
		CompletableFuture<List<byte[]>> reply = (observations != null)
				? observations.observeRequest(socket, spec.getType().name(), payload,
						(traced) -> sendRequest(requester, frames(spec, null, traced), timeout, await))
				: sendRequest(requester, frames(spec, null, payload), timeout, await);
		ZmqRequestListener listener = this.requestListener;
		if (listener != null) {
			reply.whenComplete((frames, failure) -> listener.requestCompleted(socket, System.nanoTime() - start,
					(failure instanceof CompletionException) ? failure.getCause() : failure));
		}
		return reply;
	}

	private static CompletableFuture<List<byte[]>> sendRequest(ZmqRequester requester, byte[][] frames,
			Duration timeout, boolean await) {
		return await ? requester.requestAndAwait(frames, timeout) : requester.request(frames, timeout);
	}

	private ZmqRequester requester(String socket) {
		ZmqSocketOwner owner = sender(socket, false);
		return this.requesters.computeIfAbsent(owner,
				(key) -> new ZmqRequester(key, this.requestRetries, sendTimeout(key.getSpec())));
	}

	private static <T> T join(String socket, CompletableFuture<T> reply) {
		try {
			return reply.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new ZmqException("Request on socket '" + socket + "' failed", ex.getCause());
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T fromReply(String socket, List<byte[]> frames, Class<T> replyType) {
		if (replyType == Message.class) {
			// the raw reply with the headers of its metadata frame
			MessageBuilder<byte[]> reply = MessageBuilder.withPayload(lastFrame(socket, frames))
				.setHeader(ZmqHeaders.SOCKET, socket);
			if (frames.size() > 1 && ZmqMetadataCodec.isMetadataFrame(frames.get(0))) {
				reply.copyHeaders(ZmqHeaderMapper.toHeaders(ZmqMetadataCodec.decode(frames.get(0))));
			}
			return (T) reply.build();
		}
		return this.payloadConverter.fromFrame(lastFrame(socket, frames), replyType, socket,
				this.socketManager.getSpec(socket).getContentType());
	}

	private <T> T fromGenericReply(String socket, List<byte[]> frames, ParameterizedTypeReference<T> replyType) {
		byte[] body = lastFrame(socket, frames);
		java.lang.reflect.Type type = replyType.getType();
		Class<?> raw = org.springframework.core.ResolvableType.forType(type).toClass();
		MessageBuilder<byte[]> message = MessageBuilder.withPayload(body);
		org.springframework.util.MimeType contentType = this.socketManager.getSpec(socket).getContentType();
		if (contentType != null) {
			message.setHeader(org.springframework.messaging.MessageHeaders.CONTENT_TYPE, contentType);
		}
		MessageConverter converter = getMessageConverter();
		Object converted;
		try {
			// the generic type travels as a conversion hint, as a listener's parameter
			// does, so that every converter (JSON, CBOR...) reads List<Order> and the
			// like
			converted = (converter instanceof org.springframework.messaging.converter.SmartMessageConverter smart)
					? smart.fromMessage(message.build(), raw, GenericTypeHint.of(type, raw))
					: converter.fromMessage(message.build(), raw);
		}
		catch (RuntimeException ex) {
			throw new MessageConversionException(
					"Cannot convert the reply on socket '" + socket + "' to " + type + ": " + ex.getMessage(), ex);
		}
		if (converted == null) {
			throw new MessageConversionException(
					"No converter can read the reply on socket '" + socket + "' as " + type);
		}
		@SuppressWarnings("unchecked")
		T result = (T) converted;
		return result;
	}

	private static byte[] lastFrame(String socket, List<byte[]> frames) {
		if (frames.isEmpty()) {
			throw new MessageConversionException("The reply on socket '" + socket + "' has no payload frame");
		}
		return frames.get(frames.size() - 1);
	}

	@Override
	public void destroy() {
		this.requesters.values().forEach(ZmqRequester::close);
		this.requesters.clear();
	}

	private ZmqSocketOwner sender(String socket, boolean publish) {
		// an application usually sends through one socket name constant after another:
		// the owner found for the same String last time, while it runs, passed the
		// checks below already (publish needs a publisher, which is checked again)
		LastSender last = this.lastSender;
		if (last != null && last.socket() == socket && (!publish || last.publisher()) && last.owner().isRunning()) {
			return last.owner();
		}
		// one lookup per send when the socket is open (the common case)
		ZmqSocketOwner open = this.socketManager.findOwner(socket);
		ZmqSocketSpec spec = (open != null) ? open.getSpec() : this.socketManager.getSpec(socket);
		if (publish && !spec.isPublisher()) {
			throw new ZmqException("Socket '" + socket + "' is a " + spec.getType()
					+ " socket; publish and awaitSubscribers need a PUB or XPUB socket (use send)");
		}
		if (!spec.canSend()) {
			throw new ZmqException("Socket '" + socket + "' is a " + spec.getType() + " socket, which cannot send");
		}
		ZmqSocketOwner owner = (open != null) ? open : this.socketManager.getOwner(socket);
		this.lastSender = new LastSender(socket, owner, spec.isPublisher());
		return owner;
	}

	private ZmqSocketOwner routed(String socket) {
		ZmqSocketSpec spec = this.socketManager.getSpec(socket);
		if (spec.getType() != SocketType.ROUTER && spec.getType() != SocketType.STREAM) {
			throw new ZmqException("Socket '" + socket + "' is a " + spec.getType()
					+ " socket; sendTo needs a ROUTER or STREAM socket (use send)");
		}
		return this.socketManager.getOwner(socket);
	}

	private ZmqSocketOwner receiver(String socket) {
		ZmqSocketSpec spec = this.socketManager.getSpec(socket);
		if (!RECEIVABLE.contains(spec.getType())) {
			throw new ZmqException("Socket '" + socket + "' is a " + spec.getType()
					+ " socket; receive needs a declared PULL, SUB, PAIR or DEALER socket without a listener");
		}
		return this.socketManager.getOwner(socket);
	}

	private Duration sendTimeout(ZmqSocketSpec spec) {
		Duration timeout = spec.getOptions().getSendTimeout();
		return (timeout == null || timeout.isNegative()) ? this.defaultSendTimeout : timeout;
	}

	private void sendBlocking(ZmqSocketOwner owner, byte[][] frames) {
		sendBlocking(owner, frames, sendTimeout(owner.getSpec()));
	}

	private void sendBlocking(ZmqSocketOwner owner, byte[][] frames, Duration timeout) {
		ZmqSocketSpec spec = owner.getSpec();
		try {
			if (!owner.send(frames, timeout)) {
				throw new ZmqSendTimeoutException(spec.getName(), timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZmqException("Interrupted while sending through socket '" + spec.getName() + "'", ex);
		}
	}

	/**
	 * The frames of a message: {@code [topic]? [metadata]? [payload]}. Metadata travels
	 * only for a {@link Message} that carries headers of the sender's (DESIGN rule 4:
	 * plain frames by default).
	 */
	private byte[][] frames(ZmqSocketSpec spec, @Nullable String topic, @Nullable Object payload) {
		if (topic == null && payload instanceof byte[] bytes) {
			// the common case first, with one exact type check: the checks against
			// interfaces below scan the type's secondary supertypes, a cost on every
			// send (scenario 8's senders spent about 19 ns a message in this method)
			return new byte[][] { bytes };
		}
		byte[][] multipart = multipart(payload);
		if (multipart != null) {
			if (topic == null) {
				return multipart;
			}
			byte[][] withTopic = new byte[multipart.length + 1][];
			withTopic[0] = topic(topic);
			System.arraycopy(multipart, 0, withTopic, 1, multipart.length);
			return withTopic;
		}
		byte[] frame = this.payloadConverter.toFrame(payload, spec.getName(), spec.getContentType());
		byte[] metadata = (payload instanceof Message<?> message)
				? ZmqHeaderMapper.metadataFrame(message.getHeaders(), spec.getName()) : null;
		byte[][] frames = new byte[1 + ((topic != null) ? 1 : 0) + ((metadata != null) ? 1 : 0)][];
		int i = 0;
		if (topic != null) {
			frames[i++] = topic(topic);
		}
		if (metadata != null) {
			frames[i++] = metadata;
		}
		frames[i] = frame;
		return frames;
	}

	/** The frames of a multipart payload (ZMsg or byte[][]), sent as they are. */
	private static byte[] @Nullable [] multipart(@Nullable Object payload) {
		if (payload instanceof ZMsg msg) {
			Assert.isTrue(!msg.isEmpty(), "a ZMsg payload must have at least one frame");
			return ZmqSocketOwner.toFrames(msg);
		}
		if (payload instanceof byte[][] frames) {
			Assert.isTrue(frames.length > 0, "a byte[][] payload must have at least one frame");
			for (byte[] frame : frames) {
				Assert.notNull(frame, "a byte[][] payload must not have null frames");
			}
			return frames.clone();
		}
		return null;
	}

	private byte[] topic(String topic) {
		Assert.notNull(topic, "topic must not be null");
		// a publisher usually repeats one topic constant: its bytes are made once and
		// shared (JeroMQ sends a frame's array without copying it, and nobody writes to
		// it)
		TopicFrame last = this.lastTopic;
		if (last != null && last.topic() == topic) {
			return last.frame();
		}
		byte[] frame = topic.getBytes(StandardCharsets.UTF_8);
		this.lastTopic = new TopicFrame(topic, frame);
		return frame;
	}

	/** A topic and its frame. */
	private record TopicFrame(String topic, byte[] frame) {
	}

	/** A socket's name as a caller gave it, its owner and whether it publishes. */
	private record LastSender(String socket, ZmqSocketOwner owner, boolean publisher) {
	}

	/**
	 * A conversion hint that carries a generic type the way a listener's
	 * {@code MethodParameter} does, which is what spring-messaging's converters read.
	 */
	private static final class GenericTypeHint extends org.springframework.core.MethodParameter {

		private final java.lang.reflect.Type type;

		private final Class<?> raw;

		private GenericTypeHint(java.lang.reflect.Method holder, java.lang.reflect.Type type, Class<?> raw) {
			super(holder, 0);
			this.type = type;
			this.raw = raw;
		}

		static GenericTypeHint of(java.lang.reflect.Type type, Class<?> raw) {
			try {
				return new GenericTypeHint(GenericTypeHint.class.getDeclaredMethod("hold", Object.class), type, raw);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@SuppressWarnings("unused")
		private static void hold(Object value) {
		}

		@Override
		public org.springframework.core.MethodParameter nestedIfOptional() {
			return this;
		}

		@Override
		public Class<?> getParameterType() {
			return this.raw;
		}

		@Override
		public java.lang.reflect.Type getGenericParameterType() {
			return this.type;
		}

		@Override
		public java.lang.reflect.Type getNestedGenericParameterType() {
			return this.type;
		}

		@Override
		public Class<?> getContainingClass() {
			return ZmqTemplate.class;
		}

		@Override
		public GenericTypeHint clone() {
			return this;
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
