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

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.annotation.ZmqListenerConfigurer;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqRemoteException;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZMsg;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * spring-kafka's listener layering: the container factory a listener names, the
 * configurer callback, registration order, the error reply's detail and an error handler
 * that chooses the reply.
 */
@Timeout(60)
class ZmqListenerLayeringTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void aListenerUsesTheContainerFactoryItNames() {
		this.runner.withUserConfiguration(CountingFactoryConfiguration.class, NamedFactoryListener.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CountingFactoryConfiguration.class).created).hasValue(1);
				assertThat(context.getBean(ZmqListenerEndpointRegistry.class).getListenerContainer("named"))
					.isInstanceOf(DefaultZmqListenerContainer.class);
			});
	}

	@Test
	void aContainerFactoryThatDoesNotExistFailsStartUpNamingTheAttribute() {
		this.runner.withUserConfiguration(MissingFactoryListener.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("containerFactory")
				.hasMessageContaining("noSuchFactory"));
	}

	@Test
	void aConfigurerRegistersEndpointsAndIdsKeepRegistrationOrder() {
		this.runner.withUserConfiguration(ConfigurerConfiguration.class)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=inproc://by-hand")
			.run((context) -> {
				assertThat(context.getBean(ZmqListenerEndpointRegistry.class).getListenerContainerIds())
					.containsExactly("by-hand-1", "by-hand-2", "by-hand-3");
				context.getBean(ZmqTemplate.class).send("out", "hello");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> context.getBean(ConfigurerConfiguration.class).received, (r) -> !r.isEmpty());
				assertThat(context.getBean(ConfigurerConfiguration.class).received).containsExactly("hello");
			});
	}

	@Test
	void anEndpointCanGiveEveryReceivedMessageAnIdAndTimestampAndFilterItsHeaders() {
		this.runner.withUserConfiguration(HeadersFactoryConfiguration.class)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=inproc://with-ids")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.send("out", "plain");
				template.send("out",
						MessageBuilder.withPayload("with metadata")
							.setHeader("x-kept", "k")
							.setHeader("x-dropped", "d")
							.build());
				List<Message<?>> received = context.getBean(HeadersFactoryConfiguration.class).received;
				await().atMost(Duration.ofSeconds(10)).until(received::size, (n) -> n == 2);
				for (Message<?> message : received) {
					// a fresh id and timestamp, the zmq_* headers whatever the filter
					assertThat(message.getHeaders().getId()).isNotNull();
					assertThat(message.getHeaders().getTimestamp()).isNotNull();
					assertThat(message.getHeaders()).containsEntry(ZmqHeaders.SOCKET, "with-ids")
						.doesNotContainKey(ZmqHeaders.RAW_MESSAGE)
						.doesNotContainKey("x-dropped");
				}
				assertThat(received.get(1).getHeaders()).containsEntry("x-kept", "k");
				assertThat(received.get(0).getHeaders().getId()).isNotEqualTo(received.get(1).getHeaders().getId());
			});
	}

	@Test
	void receivedMessagesCarryNoIdOrTimestampByDefault() {
		this.runner.withUserConfiguration(RawMessageHeaderConfiguration.class)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=inproc://no-raw")
			.run((context) -> {
				context.getBean(ZmqTemplate.class)
					.send("out", MessageBuilder.withPayload("no id").setHeader("x-kept", "k").build());
				List<Message<?>> messages = context.getBean(RawMessageHeaderConfiguration.class).messages;
				await().atMost(Duration.ofSeconds(10)).until(messages::size, (n) -> n == 1);
				assertThat(messages.get(0).getHeaders().getId()).isNull();
				assertThat(messages.get(0).getHeaders().getTimestamp()).isNull();
				assertThat(messages.get(0).getHeaders()).containsEntry("x-kept", "k");
			});
	}

	@Test
	void anEndpointWithoutTheRawMessageHeaderStillFillsAZMsgParameter() {
		this.runner.withUserConfiguration(RawMessageHeaderConfiguration.class)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=inproc://no-raw",
					"zmq.sockets.out2.type=push", "zmq.sockets.out2.connect=inproc://no-raw-frames")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				RawMessageHeaderConfiguration received = context.getBean(RawMessageHeaderConfiguration.class);
				template.send("out", "no raw frames");
				template.send("out2", "frames wanted");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> received.messages.size() == 1 && received.frames.size() == 1);
				// the zmq_* headers without the raw frames
				assertThat(received.messages.get(0).getHeaders()).containsEntry(ZmqHeaders.SOCKET, "no-raw")
					.doesNotContainKey(ZmqHeaders.RAW_MESSAGE);
				// a ZMsg parameter is filled whatever the switch says
				assertThat(received.frames.get(0).getLast().getString(StandardCharsets.UTF_8))
					.isEqualTo("frames wanted");
			});
	}

	@Test
	void errorReplyDiscloseOnlyTheTypeWhenAskedTo() {
		this.runner.withUserConfiguration(FailingServer.class)
			.withPropertyValues("zmq.listener.error-reply-detail=type-only", "zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=inproc://failing")
			.run((context) -> assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class)
					.request("client", "x", String.class, Duration.ofSeconds(10)))
				.satisfies((ex) -> {
					assertThat(ex.getRemoteType()).isEqualTo(IllegalStateException.class.getName());
					assertThat(ex.getRemoteMessage()).isEmpty();
				}));
		this.runner.withUserConfiguration(FailingServer.class)
			.withPropertyValues("zmq.listener.error-reply-detail=none", "zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=inproc://failing")
			.run((context) -> assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> context.getBean(ZmqTemplate.class)
					.request("client", "x", String.class, Duration.ofSeconds(10)))
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).doesNotContain("IllegalStateException").doesNotContain("secret");
					assertThat(ex.getRemoteMessage()).isEmpty();
				}));
	}

	@Test
	void anErrorHandlerMayReturnTheReply() {
		this.runner.withUserConfiguration(FailingServer.class)
			.withBean("fallback", ZmqListenerErrorHandler.class, () -> new ZmqListenerErrorHandler() {

				@Override
				public void handleError(Message<?> message, ZmqListenerExecutionFailedException exception) {
				}

				@Override
				public Object handleErrorAndReply(Message<?> message, ZmqListenerExecutionFailedException exception) {
					return "fallback reply";
				}

			})
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://failing")
			.run((context) -> assertThat(
					context.getBean(ZmqTemplate.class).request("client", "x", String.class, Duration.ofSeconds(10)))
				.isEqualTo("fallback reply"));
	}

	@Configuration(proxyBeanMethods = false)
	static class HeadersFactoryConfiguration {

		final List<Message<?>> received = new CopyOnWriteArrayList<>();

		public void onMessage(Message<byte[]> message) {
			this.received.add(message);
		}

		@Bean
		ZmqListenerConfigurer withIds() throws NoSuchMethodException {
			Method method = HeadersFactoryConfiguration.class.getMethod("onMessage", Message.class);
			return (registrar) -> {
				DefaultMessageHandlerMethodFactory handlerMethods = new DefaultMessageHandlerMethodFactory();
				handlerMethods.afterPropertiesSet();
				ZmqSocketSpec spec = ZmqSocketSpec.builder("with-ids", "test")
					.type(SocketType.PULL)
					.bind(List.of("inproc://with-ids"))
					.build();
				ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint("with-ids", spec, this, method, handlerMethods);
				endpoint.setMessageIdAndTimestamp(true);
				endpoint.setRawMessageHeader(false);
				endpoint.setMetadataHeaderFilter((name) -> !name.equals("x-dropped"));
				registrar.registerEndpoint(endpoint);
			};
		}

	}

	static class RawMessageHeaderConfiguration {

		final List<Message<?>> messages = new CopyOnWriteArrayList<>();

		final List<ZMsg> frames = new CopyOnWriteArrayList<>();

		public void onMessage(Message<byte[]> message) {
			this.messages.add(message);
		}

		public void onFrames(ZMsg msg) {
			this.frames.add(msg);
		}

		@Bean
		ZmqListenerConfigurer withoutRawFrames() throws NoSuchMethodException {
			Method onMessage = RawMessageHeaderConfiguration.class.getMethod("onMessage", Message.class);
			Method onFrames = RawMessageHeaderConfiguration.class.getMethod("onFrames", ZMsg.class);
			return (registrar) -> {
				DefaultMessageHandlerMethodFactory handlerMethods = new DefaultMessageHandlerMethodFactory();
				handlerMethods.setCustomArgumentResolvers(List.of(new ZmqMsgArgumentResolver()));
				handlerMethods.afterPropertiesSet();
				registrar.registerEndpoint(endpoint("no-raw", onMessage, handlerMethods));
				registrar.registerEndpoint(endpoint("no-raw-frames", onFrames, handlerMethods));
			};
		}

		private ZmqListenerEndpoint endpoint(String name, Method method,
				DefaultMessageHandlerMethodFactory handlerMethods) {
			ZmqSocketSpec spec = ZmqSocketSpec.builder(name, "test")
				.type(SocketType.PULL)
				.bind(List.of("inproc://" + name))
				.build();
			ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(name, spec, this, method, handlerMethods);
			endpoint.setRawMessageHeader(false);
			return endpoint;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingFactoryConfiguration {

		final AtomicInteger created = new AtomicInteger();

		@Bean
		ZmqListenerContainerFactory countingFactory(ZmqSocketManager socketManager) {
			return new ZmqListenerContainerFactory(socketManager) {

				@Override
				public ZmqListenerContainer createContainer(ZmqListenerEndpoint endpoint) {
					CountingFactoryConfiguration.this.created.incrementAndGet();
					return super.createContainer(endpoint);
				}

			};
		}

	}

	static class NamedFactoryListener {

		@ZmqListener(id = "named", type = SocketType.PULL, bind = "inproc://named",
				containerFactory = "countingFactory")
		void onMessage(String text) {
		}

	}

	static class MissingFactoryListener {

		@ZmqListener(id = "missing", type = SocketType.PULL, bind = "inproc://missing",
				containerFactory = "noSuchFactory")
		void onMessage(String text) {
		}

	}

	static class FailingServer {

		@ZmqListener(id = "failing", type = SocketType.REP, bind = "inproc://failing")
		String fail(String request) {
			throw new IllegalStateException("a secret detail");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConfigurerConfiguration {

		final List<String> received = new CopyOnWriteArrayList<>();

		public void onMessage(byte[] text) {
			this.received.add(new String(text, java.nio.charset.StandardCharsets.UTF_8));
		}

		@Bean
		ZmqListenerConfigurer byHand(ZmqSocketManager manager) throws NoSuchMethodException {
			Method method = ConfigurerConfiguration.class.getMethod("onMessage", byte[].class);
			return (registrar) -> {
				DefaultMessageHandlerMethodFactory handlerMethods = new DefaultMessageHandlerMethodFactory();
				handlerMethods.afterPropertiesSet();
				String[] binds = { "inproc://by-hand", "inproc://by-hand-2", "inproc://by-hand-3" };
				for (int i = 0; i < binds.length; i++) {
					String id = "by-hand-" + (i + 1);
					ZmqSocketSpec spec = ZmqSocketSpec.builder(id, "test")
						.type(SocketType.PULL)
						.bind(List.of(binds[i]))
						.build();
					registrar.registerEndpoint(new ZmqListenerEndpoint(id, spec, this, method, handlerMethods));
				}
			};
		}

	}

}
