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

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.util.Assert;
import org.springframework.util.function.ThrowingSupplier;

/**
 * Wraps the processing of each received message in a {@code zmq.listener} observation,
 * continuing the sender's trace from the headers of the metadata frame
 * ({@code traceparent}, or {@code b3}). The observation is current while the handler
 * runs, so what the handler sends joins the trace.
 *
 * @author zmq-spring-boot
 */
public final class ZmqListenerObservations {

	private final ObservationRegistry registry;

	private final @Nullable ZmqListenerObservationConvention convention;

	/**
	 * Create the observations of listeners.
	 * @param registry the registry
	 * @param convention a custom convention, or {@code null} for the default
	 */
	public ZmqListenerObservations(ObservationRegistry registry,
			@Nullable ZmqListenerObservationConvention convention) {
		Assert.notNull(registry, "registry must not be null");
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe the processing of one message.
	 * @param message the received message
	 * @param listenerId the listener's id
	 * @param socket the name of the socket the listener receives on
	 * @param socketType the socket's type
	 * @param invocation invokes the handler
	 * @return the handler's result
	 * @throws Exception what the handler threw
	 */
	public @Nullable Object observe(Message<?> message, String listenerId, String socket, String socketType,
			ThrowingSupplier<@Nullable Object> invocation) throws Exception {
		ZmqMessageReceiverContext context = new ZmqMessageReceiverContext(message, listenerId, socket, socketType);
		Observation observation = ZmqListenerObservation.LISTENER_OBSERVATION.observation(this.convention,
				DefaultZmqListenerObservationConvention.INSTANCE, () -> context, this.registry);
		return ZmqObservationScope.observe(observation, invocation::getWithException);
	}

}
