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

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketHandle;
import io.github.zmqspring.core.socket.ZmqSocketOption;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.proxy.ZmqProxy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every socket option ({@link ZmqSocketOption#values()}) is a property of a declared
 * socket and of each proxy side, and reaches the real JeroMQ socket before it binds or
 * connects: read back through the socket's own getters on the thread that opened it.
 *
 * @author zmq-spring-boot
 */
@Timeout(60)
class ZmqSocketOptionPropertiesTests {

	/**
	 * For each option: a property value different from JeroMQ's default, and what the
	 * socket reports once it is set ({@code null}: JeroMQ 0.6.0 has no getter).
	 */
	private static final Map<ZmqSocketOption<?>, Expectation> EXPECTATIONS = new LinkedHashMap<>();

	static {
		expect(ZmqSocketOption.SEND_HIGH_WATER_MARK, "1234", ZMQ.Socket::getSndHWM, 1234);
		expect(ZmqSocketOption.RECEIVE_HIGH_WATER_MARK, "4321", ZMQ.Socket::getRcvHWM, 4321);
		expect(ZmqSocketOption.LINGER, "700ms", ZMQ.Socket::getLinger, 700);
		expect(ZmqSocketOption.RECONNECT_INTERVAL, "150ms", ZMQ.Socket::getReconnectIVL, 150);
		expect(ZmqSocketOption.RECONNECT_INTERVAL_MAX, "4s", ZMQ.Socket::getReconnectIVLMax, 4000);
		expect(ZmqSocketOption.HANDSHAKE_INTERVAL, "3s", ZMQ.Socket::getHandshakeIvl, 3000);
		expect(ZmqSocketOption.HEARTBEAT_INTERVAL, "2s", ZMQ.Socket::getHeartbeatIvl, 2000);
		expect(ZmqSocketOption.HEARTBEAT_TIMEOUT, "7s", ZMQ.Socket::getHeartbeatTimeout, 7000);
		expect(ZmqSocketOption.HEARTBEAT_TTL, "9s", ZMQ.Socket::getHeartbeatTtl, 9000);
		expect(ZmqSocketOption.MAX_MESSAGE_SIZE, "64KB", ZMQ.Socket::getMaxMsgSize, 65536L);
		expect(ZmqSocketOption.SEND_BUFFER, "96KB", ZMQ.Socket::getSendBufferSize, 98304);
		expect(ZmqSocketOption.RECEIVE_BUFFER, "48KB", ZMQ.Socket::getReceiveBufferSize, 49152);
		expect(ZmqSocketOption.SEND_TIMEOUT, "1500ms", ZMQ.Socket::getSendTimeOut, 1500);
		expect(ZmqSocketOption.RECEIVE_TIMEOUT, "2500ms", ZMQ.Socket::getReceiveTimeOut, 2500);
		// libzmq's meaning; JeroMQ's own flag is the opposite
		expect(ZmqSocketOption.IMMEDIATE, "true", ZMQ.Socket::getImmediate, false);
		expect(ZmqSocketOption.IDENTITY, "side-identity",
				(socket) -> new String(socket.getIdentity(), StandardCharsets.UTF_8), "side-identity");
		expect(ZmqSocketOption.TCP_KEEP_ALIVE, "true", ZMQ.Socket::getTCPKeepAlive, 1);
		expect(ZmqSocketOption.TCP_KEEP_ALIVE_IDLE, "30s", ZMQ.Socket::getTCPKeepAliveIdle, 30L);
		expect(ZmqSocketOption.TCP_KEEP_ALIVE_INTERVAL, "5s", ZMQ.Socket::getTCPKeepAliveInterval, 5L);
		expect(ZmqSocketOption.TCP_KEEP_ALIVE_COUNT, "4", ZMQ.Socket::getTCPKeepAliveCount, 4L);
		expect(ZmqSocketOption.ROUTER_MANDATORY, "true", null, null);
		expect(ZmqSocketOption.CONFLATE, "true", ZMQ.Socket::getConflate, true);
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqProxyAutoConfiguration.class))
		.withUserConfiguration(RecordingFactoryConfiguration.class);

	@Test
	void everyOptionIsCoveredHere() {
		assertThat(EXPECTATIONS.keySet()).containsExactlyElementsOf(ZmqSocketOption.values());
	}

	@Nested
	class OnTheRealSocket {

		@Test
		void aDeclaredSocketTakesEveryOption() {
			// ROUTER (router-mandatory) and PULL (conflate) share no type: two sockets
			ZmqSocketOptionPropertiesTests.this.runner
				.withPropertyValues(withEveryOption("zmq.sockets.server", "zmq.sockets.server.type=router",
						"zmq.sockets.server.bind=inproc://options-server"))
				.withPropertyValues("zmq.sockets.server.conflate=", "zmq.sockets.sink.type=pull",
						"zmq.sockets.sink.bind=inproc://options-sink", "zmq.sockets.sink.conflate=true")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					RecordingSocketFactory factory = context.getBean(RecordingSocketFactory.class);
					assertEveryOption(factory.awaitOptions("server"), ZmqSocketOption.CONFLATE);
					assertThat(factory.awaitOptions("sink").get(ZmqSocketOption.CONFLATE)).isEqualTo(true);
				});
		}

		@ParameterizedTest
		@ValueSource(strings = { "frontend", "backend" })
		void eachProxySideTakesEveryOption(String side) {
			// pull-push: conflate is valid on both sides; router-mandatory is for a
			// ROUTER (below)
			String prefix = "zmq.proxies.relay." + side;
			ZmqSocketOptionPropertiesTests.this.runner
				.withPropertyValues(withEveryOption(prefix, "zmq.proxies.relay.type=pull-push",
						"zmq.proxies.relay.frontend.bind=inproc://relay-in",
						"zmq.proxies.relay.backend.bind=inproc://relay-out"))
				.withPropertyValues(prefix + ".router-mandatory=")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean("relay", ZmqProxy.class).isRunning()).isTrue();
					RecordingSocketFactory factory = context.getBean(RecordingSocketFactory.class);
					assertEveryOption(factory.awaitOptions("relay." + side));
					String other = side.equals("frontend") ? "backend" : "frontend";
					assertThat(factory.awaitOptions("relay." + other).get(ZmqSocketOption.SEND_HIGH_WATER_MARK))
						.as("the other side keeps the context's default")
						.isEqualTo(1000);
				});
		}

		@Test
		void aRouterProxySideTakesRouterMandatory() {
			ZmqSocketOptionPropertiesTests.this.runner
				.withPropertyValues("zmq.proxies.broker.type=router-dealer",
						"zmq.proxies.broker.frontend.bind=inproc://broker-in",
						"zmq.proxies.broker.frontend.router-mandatory=true",
						"zmq.proxies.broker.frontend.max-message-size=1KB",
						"zmq.proxies.broker.backend.bind=inproc://broker-out",
						"zmq.proxies.broker.backend.receive-high-water-mark=77")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					RecordingSocketFactory factory = context.getBean(RecordingSocketFactory.class);
					assertThat(factory.awaitOptions("broker.frontend").get(ZmqSocketOption.MAX_MESSAGE_SIZE))
						.isEqualTo(1024L);
					assertThat(factory.awaitOptions("broker.backend").get(ZmqSocketOption.RECEIVE_HIGH_WATER_MARK))
						.isEqualTo(77);
					assertThat(context.getBean("broker", ZmqProxy.class)
						.getFrontendSpec()
						.getOptions()
						.getRouterMandatory()).isTrue();
				});
		}

		private static void assertEveryOption(Map<ZmqSocketOption<?>, Object> actual, ZmqSocketOption<?>... except) {
			Set<ZmqSocketOption<?>> skipped = Set.of(except);
			EXPECTATIONS.forEach((option, expectation) -> {
				if (expectation.getter() != null && !skipped.contains(option)) {
					assertThat(actual.get(option)).as(option.getName()).isEqualTo(expectation.expected());
				}
			});
		}

	}

	@Nested
	class Errors {

		@ParameterizedTest
		@ValueSource(strings = { "zmq.sockets.s", "zmq.proxies.p.frontend", "zmq.proxies.p.backend" })
		void anInvalidValueNamesItsProperty(String prefix) {
			List<String> properties = new ArrayList<>(
					List.of("zmq.sockets.s.type=pull", "zmq.sockets.s.bind=inproc://s", "zmq.proxies.p.type=pull-push",
							"zmq.proxies.p.frontend.bind=inproc://p-in", "zmq.proxies.p.backend.bind=inproc://p-out"));
			properties.add(prefix + ".heartbeat-ttl=-1s");
			ZmqSocketOptionPropertiesTests.this.runner.withPropertyValues(properties.toArray(String[]::new))
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("Invalid " + prefix + ".heartbeat-ttl")
					.hasMessageContaining("must not be negative"));
		}

		@ParameterizedTest
		@ValueSource(strings = { "zmq.sockets.s", "zmq.proxies.p.frontend", "zmq.proxies.p.backend" })
		void aValueOfTheWrongTypeNamesItsProperty(String prefix) {
			ZmqSocketOptionPropertiesTests.this.runner
				.withPropertyValues("zmq.sockets.s.type=pull", "zmq.sockets.s.bind=inproc://s",
						"zmq.proxies.p.type=pull-push", "zmq.proxies.p.frontend.bind=inproc://p-in",
						"zmq.proxies.p.backend.bind=inproc://p-out", prefix + ".send-high-water-mark=lots")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.satisfies((failure) -> assertThat(allMessages(failure))
						.contains("'" + prefix + ".send-high-water-mark'")));
		}

		@Test
		void anOptionTheSocketTypeDoesNotKnowNamesItsProperty() {
			ZmqSocketOptionPropertiesTests.this.runner
				.withPropertyValues("zmq.proxies.p.type=pull-push", "zmq.proxies.p.frontend.bind=inproc://p-in",
						"zmq.proxies.p.frontend.router-mandatory=true", "zmq.proxies.p.backend.bind=inproc://p-out")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.satisfies((failure) -> assertThat(allMessages(failure)).contains(
							"Invalid zmq.proxies.p.frontend.router-mandatory 'true': rejected by the PULL socket")));
		}

		private static String allMessages(Throwable failure) {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			return messages.toString();
		}

	}

	@Nested
	class OneList {

		@Test
		void thePropertiesDeclareEveryOptionWithItsType() throws Exception {
			Map<String, Class<?>> properties = new LinkedHashMap<>();
			for (PropertyDescriptor descriptor : Introspector
				.getBeanInfo(ZmqProperties.SocketOptions.class, Object.class)
				.getPropertyDescriptors()) {
				if (descriptor.getWriteMethod() != null) {
					properties.put(descriptor.getName(), descriptor.getPropertyType());
				}
			}
			Map<String, Class<?>> options = new LinkedHashMap<>();
			ZmqSocketOption.values().forEach((option) -> options.put(option.getPropertyName(), option.getType()));
			assertThat(properties).containsExactlyInAnyOrderEntriesOf(options);
		}

		@Test
		void socketsAndProxySidesShareTheOptions() {
			assertThat(ZmqProperties.SocketOptions.class).isAssignableFrom(ZmqProperties.Socket.class)
				.isAssignableFrom(ZmqProperties.Proxy.Side.class);
			assertThat(
					io.github.zmqspring.core.socket.ZmqSocketOptions.class.isAssignableFrom(ZmqProperties.Socket.class)
							|| io.github.zmqspring.core.socket.ZmqSocketOptions.class
								.isAssignableFrom(ZmqProperties.Proxy.Side.class))
				.as("properties map onto the core's options, they do not extend them")
				.isFalse();
		}

		@Test
		void everyOptionIsMappedOntoTheCoreOptions() {
			ZmqProperties.Socket socket = new ZmqProperties.Socket();
			socket.setSendHighWaterMark(1);
			socket.setReceiveHighWaterMark(2);
			socket.setLinger(Duration.ofMillis(3));
			socket.setReconnectInterval(Duration.ofMillis(4));
			socket.setReconnectIntervalMax(Duration.ofMillis(5));
			socket.setHandshakeInterval(Duration.ofMillis(6));
			socket.setHeartbeatInterval(Duration.ofMillis(7));
			socket.setHeartbeatTimeout(Duration.ofMillis(8));
			socket.setHeartbeatTtl(Duration.ofMillis(9));
			socket.setMaxMessageSize(org.springframework.util.unit.DataSize.ofBytes(10));
			socket.setSendBuffer(org.springframework.util.unit.DataSize.ofBytes(16));
			socket.setReceiveBuffer(org.springframework.util.unit.DataSize.ofBytes(17));
			socket.setSendTimeout(Duration.ofMillis(11));
			socket.setReceiveTimeout(Duration.ofMillis(12));
			socket.setImmediate(true);
			socket.setIdentity("id");
			socket.setTcpKeepAlive(false);
			socket.setTcpKeepAliveIdle(Duration.ofSeconds(13));
			socket.setTcpKeepAliveInterval(Duration.ofSeconds(14));
			socket.setTcpKeepAliveCount(15);
			socket.setRouterMandatory(true);
			socket.setConflate(false);
			io.github.zmqspring.core.socket.ZmqSocketOptions options = socket.toSocketOptions();
			for (ZmqSocketOption<?> option : ZmqSocketOption.values()) {
				assertThat(options.get(option)).as(option.getName()).isNotNull();
			}
			assertThat(options.getTcpKeepAliveCount()).isEqualTo(15);
			assertThat(options.getIdentity()).isEqualTo("id");
		}

	}

	private static String[] withEveryOption(String prefix, String... others) {
		List<String> properties = new ArrayList<>(List.of(others));
		EXPECTATIONS.forEach((option, expectation) -> properties
			.add(prefix + "." + option.getName() + "=" + expectation.propertyValue()));
		return properties.toArray(String[]::new);
	}

	private static <T> void expect(ZmqSocketOption<?> option, String propertyValue, Function<ZMQ.Socket, T> getter,
			T expected) {
		EXPECTATIONS.put(option, new Expectation(propertyValue, getter, expected));
	}

	record Expectation(String propertyValue, Function<ZMQ.Socket, ?> getter, Object expected) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingFactoryConfiguration {

		@Bean
		RecordingSocketFactory zmqSocketFactory(ZContext context) {
			return new RecordingSocketFactory(context);
		}

	}

	/**
	 * Reads every option back through JeroMQ's getters, on the thread that opens the
	 * socket, before anything else touches it.
	 */
	static class RecordingSocketFactory extends ZmqSocketFactory {

		private final Map<String, Map<ZmqSocketOption<?>, Object>> options = new ConcurrentHashMap<>();

		RecordingSocketFactory(ZContext context) {
			super(context);
		}

		@Override
		public ZmqSocketHandle open(ZmqSocketSpec spec, SocketType actual) {
			ZmqSocketHandle handle = super.open(spec, actual);
			Map<ZmqSocketOption<?>, Object> read = new LinkedHashMap<>();
			EXPECTATIONS.forEach((option, expectation) -> {
				if (expectation.getter() != null) {
					read.put(option, expectation.getter().apply(handle.getSocket()));
				}
			});
			this.options.put(spec.getName(), read);
			return handle;
		}

		Map<ZmqSocketOption<?>, Object> awaitOptions(String name) {
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.options.containsKey(name));
			return this.options.get(name);
		}

	}

}
