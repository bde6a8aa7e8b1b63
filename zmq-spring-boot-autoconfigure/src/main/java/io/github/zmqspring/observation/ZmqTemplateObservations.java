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

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMsg;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.Assert;

/**
 * Wraps the operations of a {@link io.github.zmqspring.core.ZmqTemplate} in
 * {@code zmq.template} observations. The trace context that observation handlers write
 * into the {@link ZmqMessageSenderContext} is added to the message as headers, so that it
 * travels in the metadata frame (docs/wire-format.md); with no tracing handler the
 * message stays as it was.
 *
 * @author zmq-spring-boot
 */
public final class ZmqTemplateObservations {

	private final ObservationRegistry registry;

	private final @Nullable ZmqTemplateObservationConvention convention;

	/**
	 * Create the observations of a template.
	 * @param registry the registry
	 * @param convention a custom convention, or {@code null} for the default
	 */
	public ZmqTemplateObservations(ObservationRegistry registry,
			@Nullable ZmqTemplateObservationConvention convention) {
		Assert.notNull(registry, "registry must not be null");
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe one send or publish.
	 * @param <T> the result type
	 * @param socket the declared name of the socket
	 * @param socketType the socket's type
	 * @param operation {@code send} or {@code publish}
	 * @param topic the topic of a publish, else {@code null}
	 * @param payload the payload or {@link Message} to send
	 * @param action sends the payload it is given (the message with the trace headers)
	 * @return the action's result
	 */
	public <T> T observe(String socket, String socketType, String operation, @Nullable String topic,
			@Nullable Object payload, Function<@Nullable Object, T> action) {
		ZmqMessageSenderContext context = new ZmqMessageSenderContext(socket, socketType, operation, topic);
		return ZmqObservationScope.observe(observation(context),
				() -> action.apply(withHeaders(payload, context.getHeaders())));
	}

	/**
	 * Observe one request, until its reply arrives or it fails.
	 * @param <T> the reply type
	 * @param socket the declared name of the socket
	 * @param socketType the socket's type
	 * @param payload the payload or {@link Message} to send
	 * @param action sends the payload it is given and returns the future reply
	 * @return the future reply
	 */
	public <T> CompletableFuture<T> observeRequest(String socket, String socketType, @Nullable Object payload,
			Function<@Nullable Object, CompletableFuture<T>> action) {
		return observeAsync(socket, socketType, "request", null, payload, action);
	}

	/**
	 * Observe one operation that completes later: a request until its reply, an
	 * asynchronous send until the socket took the message.
	 * @param <T> the result type
	 * @param socket the declared name of the socket
	 * @param socketType the socket's type
	 * @param operation {@code send}, {@code publish} or {@code request}
	 * @param topic the topic of a publish, else {@code null}
	 * @param payload the payload or {@link Message} to send
	 * @param action sends the payload it is given and returns the future result
	 * @return the future result, completed after the observation stopped
	 */
	public <T> CompletableFuture<T> observeAsync(String socket, String socketType, String operation,
			@Nullable String topic, @Nullable Object payload, Function<@Nullable Object, CompletableFuture<T>> action) {
		ZmqMessageSenderContext context = new ZmqMessageSenderContext(socket, socketType, operation, topic);
		Observation observation = observation(context);
		observation.start();
		CompletableFuture<T> result;
		try (Observation.Scope scope = observation.openScope()) {
			result = action.apply(withHeaders(payload, context.getHeaders()));
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		return result.whenComplete((value, failure) -> {
			if (failure != null) {
				observation.error((failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure);
			}
			observation.stop();
		});
	}

	/**
	 * Observe one receive through the template, while it waits ({@code receive}, a
	 * consumer observation).
	 * @param <T> the result type
	 * @param socket the declared name of the socket
	 * @param socketType the socket's type
	 * @param action receives the message
	 * @return the action's result
	 */
	public <T> T observeReceive(String socket, String socketType, Supplier<T> action) {
		ZmqMessageSenderContext context = new ZmqMessageSenderContext(socket, socketType, "receive", null,
				Kind.CONSUMER);
		return ZmqObservationScope.observe(observation(context), action::get);
	}

	private Observation observation(ZmqMessageSenderContext context) {
		return ZmqTemplateObservation.TEMPLATE_OBSERVATION.observation(this.convention,
				DefaultZmqTemplateObservationConvention.INSTANCE, () -> context, this.registry);
	}

	private static @Nullable Object withHeaders(@Nullable Object payload, Map<String, String> headers) {
		if (headers.isEmpty() || payload == null || payload instanceof ZMsg || payload instanceof byte[][]) {
			// multipart payloads travel frame for frame, with no metadata frame
			return payload;
		}
		MessageBuilder<?> builder = (payload instanceof Message<?> message) ? MessageBuilder.fromMessage(message)
				: MessageBuilder.withPayload(payload);
		headers.forEach(builder::setHeader);
		return builder.build();
	}

}
