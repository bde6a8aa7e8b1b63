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
package io.github.zmqspring.listener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.convert.ZmqUntrustedTypeException;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code type-id} header picks the class of an open listener parameter only for trusted
 * packages; anything else is a conversion error and the listener goes on.
 */
@Timeout(60)
class ZmqTypeIdIntegrationTests {

	interface Event {

	}

	record OrderPlaced(String id) implements Event {
	}

	record OrderCancelled(String id) implements Event {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class))
		.withUserConfiguration(EventListeners.class)
		.withPropertyValues("zmq.sockets.events.type=push", "zmq.sockets.events.connect=inproc://events",
				"zmq.sockets.placed.type=push", "zmq.sockets.placed.connect=inproc://placed");

	@Test
	void trustedTypeIdPicksTheClassOfAnInterfaceParameter() {
		this.runner.withPropertyValues("zmq.converter.trusted-packages=io.github.zmqspring.listener").run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			EventListeners listeners = context.getBean(EventListeners.class);
			template.send("events", typed(new OrderCancelled("c-1"), OrderCancelled.class.getName()));
			template.send("events", typed(new OrderPlaced("p-1"), OrderPlaced.class.getName()));
			assertThat(listeners.events.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderCancelled("c-1"));
			assertThat(listeners.events.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderPlaced("p-1"));
			// a concrete parameter wins over the header
			template.send("placed", typed(new OrderPlaced("p-2"), OrderCancelled.class.getName()));
			assertThat(listeners.placed.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderPlaced("p-2"));
		});
	}

	@Test
	void untrustedTypeIdIsAConversionErrorAndTheListenerGoesOn() {
		this.runner.run((context) -> {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			EventListeners listeners = context.getBean(EventListeners.class);
			template.send("events", typed(new OrderPlaced("x"), "java.lang.ProcessBuilder"));
			template.send("events", typed(new OrderPlaced("y"), OrderPlaced.class.getName()));
			Throwable first = listeners.failures.poll(10, TimeUnit.SECONDS);
			assertThat(first).hasRootCauseInstanceOf(ZmqUntrustedTypeException.class)
				.rootCause()
				.hasMessageContaining("java.lang.ProcessBuilder")
				.hasMessageContaining("zmq.converter.trusted-packages");
			// nothing is trusted by default: the package of the listener's own event too
			Throwable second = listeners.failures.poll(10, TimeUnit.SECONDS);
			assertThat(second).hasRootCauseInstanceOf(ZmqUntrustedTypeException.class);
			template.send("placed", new OrderPlaced("z"));
			assertThat(listeners.placed.poll(10, TimeUnit.SECONDS)).isEqualTo(new OrderPlaced("z"));
			assertThat(listeners.events).isEmpty();
		});
	}

	private static org.springframework.messaging.Message<?> typed(Object payload, String typeId) {
		return MessageBuilder.withPayload(payload).setHeader("type-id", typeId).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class EventListeners {

		final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

		final BlockingQueue<OrderPlaced> placed = new LinkedBlockingQueue<>();

		final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

		@Bean
		ZmqListenerErrorHandler recordingErrorHandler() {
			return (message, exception) -> this.failures.add(exception);
		}

		@ZmqListener(type = SocketType.PULL, bind = "inproc://events")
		void onEvent(Event event) {
			this.events.add(event);
		}

		@ZmqListener(type = SocketType.PULL, bind = "inproc://placed")
		void onPlaced(OrderPlaced event) {
			this.placed.add(event);
		}

	}

}
