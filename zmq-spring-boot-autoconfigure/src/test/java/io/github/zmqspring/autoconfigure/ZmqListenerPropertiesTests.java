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
package io.github.zmqspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code zmq.listener.*} group reaches the listener containers, bad values fail
 * start-up naming the property, and the payload converter is chosen in one place: the
 * auto-configuration's {@code zmqMessageConverter}.
 *
 * @author zmq-spring-boot
 */
@Timeout(60)
class ZmqListenerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Nested
	class Listener {

		@Test
		void concurrencyIsTheDefaultOfListenersThatSetNone() {
			// three messages meet at a barrier of three: only three worker threads get
			// there
			ZmqListenerPropertiesTests.this.runner.withUserConfiguration(BarrierListener.class)
				.withPropertyValues("zmq.listener.concurrency=3", "zmq.listener.queue-capacity=5",
						"zmq.listener.start-timeout=20s", "zmq.sockets.jobs.type=push",
						"zmq.sockets.jobs.connect=inproc://barrier")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					for (int i = 0; i < 3; i++) {
						template.send("jobs", "job-" + i);
					}
					BarrierListener listener = context.getBean(BarrierListener.class);
					await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
						assertThat(listener.failed).hasValue(0);
						assertThat(listener.passed).hasValue(3);
					});
				});
		}

		@ParameterizedTest
		@CsvSource({ "concurrency, 0, 'Invalid zmq.listener.concurrency ''0'': must be at least 1'",
				"queue-capacity, 0, 'Invalid zmq.listener.queue-capacity ''0'': must be at least 1'",
				"start-timeout, 0s, 'Invalid zmq.listener.start-timeout ''PT0S'': must be positive'",
				"start-timeout, -1s, 'Invalid zmq.listener.start-timeout ''PT-1S'': must be positive'" })
		void anInvalidValueFailsStartUpNamingTheProperty(String property, String value, String message) {
			ZmqListenerPropertiesTests.this.runner.withPropertyValues("zmq.listener." + property + "=" + value)
				.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessage(message));
		}

		@Test
		void aValueOfTheWrongTypeNamesTheProperty() {
			ZmqListenerPropertiesTests.this.runner.withPropertyValues("zmq.listener.error-reply-detail=everything")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.satisfies((failure) -> assertThat(allMessages(failure))
						.contains("'zmq.listener.error-reply-detail'")));
		}

	}

	@Nested
	class Converter {

		@Test
		void theContainerFactoryAndTheTemplateShareTheAutoConfiguredConverter() {
			ZmqListenerPropertiesTests.this.runner.run((context) -> {
				Object converter = context.getBean("zmqMessageConverter");
				assertThat(context.getBean(ZmqListenerContainerFactory.class).getMessageConverter())
					.isSameAs(converter);
				assertThat(context.getBean(ZmqTemplate.class).getMessageConverter()).isSameAs(converter);
			});
		}

		@Test
		void theApplicationsConverterConvertsArgumentsAndReplies() {
			ZmqListenerPropertiesTests.this.runner.withUserConfiguration(ShoutingConverter.class, EchoServer.class)
				.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://echo")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(ZmqListenerContainerFactory.class).getMessageConverter())
						.isSameAs(context.getBean("zmqMessageConverter"));
					String reply = context.getBean(ZmqTemplate.class)
						.request("client", "hello", String.class, Duration.ofSeconds(20));
					// upper-cased on the way in (argument) and marked on the way out
					// (reply): both through the one converter
					assertThat(reply).isEqualTo("<HELLO>");
				});
		}

		@Test
		void withoutAnApplicationConverterAFactoryKeepsTheLibraryDefault() {
			ZmqListenerPropertiesTests.this.runner.run((context) -> {
				ZmqListenerContainerFactory factory = new ZmqListenerContainerFactory(
						context.getBean(io.github.zmqspring.core.socket.ZmqSocketManager.class));
				assertThat(factory.getMessageConverter()).isInstanceOf(CompositeMessageConverter.class)
					.isSameAs(factory.getMessageConverter());
			});
		}

	}

	private static String allMessages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	static class BarrierListener {

		final CyclicBarrier barrier = new CyclicBarrier(3);

		final AtomicInteger passed = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		@ZmqListener(id = "barrier", type = SocketType.PULL, bind = "inproc://barrier")
		void onJob(String job) {
			try {
				this.barrier.await(20, TimeUnit.SECONDS);
				this.passed.incrementAndGet();
			}
			catch (Exception ex) {
				this.failed.incrementAndGet();
			}
		}

	}

	static class EchoServer {

		@ZmqListener(id = "echo", type = SocketType.REP, bind = "inproc://echo")
		String echo(String request) {
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ShoutingConverter {

		@Bean
		MessageConverter zmqMessageConverter() {
			return new CompositeMessageConverter(List.of(new Shouting()));
		}

	}

	/** Strings in upper case on the way in, between angle brackets on the way out. */
	static class Shouting implements MessageConverter {

		@Override
		public Object fromMessage(Message<?> message, Class<?> targetClass) {
			Object payload = message.getPayload();
			String text = (payload instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
					: String.valueOf(payload);
			return (targetClass == String.class) ? text.toUpperCase() : null;
		}

		@Override
		public Message<?> toMessage(Object payload, MessageHeaders headers) {
			String text = (payload instanceof String string && !string.startsWith("hello")) ? "<" + string + ">"
					: String.valueOf(payload);
			return MessageBuilder.withPayload(text.getBytes(StandardCharsets.UTF_8)).copyHeaders(headers).build();
		}

	}

}
