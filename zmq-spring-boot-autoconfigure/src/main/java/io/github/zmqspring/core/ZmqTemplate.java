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
import io.github.zmqspring.convert.ZmqPayloadConverter;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.observation.ZmqTemplateObservations;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.ParameterizedTypeReference;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.Assert;

/**
 * The default {@link ZmqOperations}: sends through the sockets opened by a
 * {@link ZmqSocketManager}. Thread-safe: any number of threads may send through the same
 * socket at once, since each message is handed to the thread that owns the socket.
 * <p>
 * A {@code byte[]} payload goes on the wire as is; any other payload is converted by the
 * {@link MessageConverter} (the {@code zmqMessageConverter} bean), with the headers of a
 * {@link Message} payload as conversion hints. The headers a sender puts on a
 * {@link Message} travel in the optional metadata frame (see {@link ZmqHeaderMapper}); a
 * plain payload goes out as plain frames.
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

	private final Map<ZmqSocketOwner, ZmqRequester> requesters = new ConcurrentHashMap<>();

	private volatile @Nullable ZmqTemplateObservations observations;

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
	 * @param jsonMapper the mapper
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
		return join(socket, requestAsync(socket, payload, replyType, timeout));
	}

	@Override
	public <T> T request(String socket, Object payload, ParameterizedTypeReference<T> replyType, Duration timeout) {
		return join(socket, requestAsync(socket, payload, replyType, timeout));
	}

	@Override
	public <T> CompletableFuture<T> requestAsync(String socket, Object payload, Class<T> replyType) {
		return requestAsync(socket, payload, replyType, this.defaultRequestTimeout);
	}

	@Override
	public <T> CompletableFuture<T> requestAsync(String socket, Object payload, Class<T> replyType, Duration timeout) {
		Assert.notNull(replyType, "replyType must not be null");
		return request(socket, payload, timeout).thenApply((frames) -> fromReply(socket, frames, replyType));
	}

	@Override
	public <T> CompletableFuture<T> requestAsync(String socket, Object payload, ParameterizedTypeReference<T> replyType,
			Duration timeout) {
		Assert.notNull(replyType, "replyType must not be null");
		return request(socket, payload, timeout).thenApply((frames) -> fromGenericReply(socket, frames, replyType));
	}

	private CompletableFuture<List<byte[]>> request(String socket, @Nullable Object payload, Duration timeout) {
		ZmqRequester requester = requester(socket);
		ZmqSocketSpec spec = this.socketManager.getSpec(socket);
		long start = System.nanoTime();
		ZmqTemplateObservations observations = this.observations;
		CompletableFuture<List<byte[]>> reply = (observations != null)
				? observations.observeRequest(socket, spec.getType().name(), payload,
						(traced) -> requester.request(frames(spec, null, traced), timeout))
				: requester.request(frames(spec, null, payload), timeout);
		ZmqRequestListener listener = this.requestListener;
		if (listener != null) {
			reply.whenComplete((frames, failure) -> listener.requestCompleted(socket, System.nanoTime() - start,
					(failure instanceof CompletionException) ? failure.getCause() : failure));
		}
		return reply;
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

	private <T> T fromReply(String socket, List<byte[]> frames, Class<T> replyType) {
		return this.payloadConverter.fromFrame(lastFrame(socket, frames), replyType, socket,
				this.socketManager.getSpec(socket).getContentType());
	}

	private <T> T fromGenericReply(String socket, List<byte[]> frames, ParameterizedTypeReference<T> replyType) {
		byte[] body = lastFrame(socket, frames);
		JsonMapper mapper = (this.jsonMapper != null) ? this.jsonMapper : JsonMapper.builder().build();
		try {
			return mapper.readValue(body, mapper.constructType(replyType.getType()));
		}
		catch (RuntimeException ex) {
			throw new MessageConversionException("Cannot convert the reply on socket '" + socket + "' to "
					+ replyType.getType() + ": " + ex.getMessage(), ex);
		}
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
		ZmqSocketSpec spec = this.socketManager.getSpec(socket);
		if (publish && !spec.isPublisher()) {
			throw new ZmqException("Socket '" + socket + "' is a " + spec.getType()
					+ " socket; publish and awaitSubscribers need a PUB or XPUB socket (use send)");
		}
		if (!spec.canSend()) {
			throw new ZmqException("Socket '" + socket + "' is a " + spec.getType() + " socket, which cannot send");
		}
		return this.socketManager.getOwner(socket);
	}

	private Duration sendTimeout(ZmqSocketSpec spec) {
		Duration timeout = spec.getOptions().getSendTimeout();
		return (timeout == null || timeout.isNegative()) ? this.defaultSendTimeout : timeout;
	}

	private void sendBlocking(ZmqSocketOwner owner, byte[][] frames) {
		ZmqSocketSpec spec = owner.getSpec();
		Duration timeout = sendTimeout(spec);
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
		byte[] frame = this.payloadConverter.toFrame(payload, spec.getName(), spec.getContentType());
		byte[] metadata = (payload instanceof Message<?> message)
				? ZmqHeaderMapper.metadataFrame(message.getHeaders(), spec.getName()) : null;
		List<byte[]> frames = new ArrayList<>(3);
		if (topic != null) {
			frames.add(topic(topic));
		}
		if (metadata != null) {
			frames.add(metadata);
		}
		frames.add(frame);
		return frames.toArray(new byte[0][]);
	}

	private static byte[] topic(String topic) {
		Assert.notNull(topic, "topic must not be null");
		return topic.getBytes(StandardCharsets.UTF_8);
	}

}
