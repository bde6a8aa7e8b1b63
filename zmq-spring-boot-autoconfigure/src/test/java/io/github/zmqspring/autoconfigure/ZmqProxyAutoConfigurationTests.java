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

import io.github.zmqspring.core.ZmqLifecyclePhases;
import io.github.zmqspring.proxy.ZmqProxy;
import io.github.zmqspring.proxy.ZmqProxyType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqProxyAutoConfiguration}: one bean per declared proxy, and
 * configuration errors that name the property at fault.
 *
 * @author zmq-spring-boot
 */
@Timeout(60)
class ZmqProxyAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqProxyAutoConfiguration.class));

	@Nested
	class Beans {

		@Test
		void noProxyDeclaredNoProxyBean() {
			ZmqProxyAutoConfigurationTests.this.runner
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZmqProxy.class));
		}

		@Test
		void oneRunningBeanPerProxyNamedAfterIt() {
			ZmqProxyAutoConfigurationTests.this.runner
				.withPropertyValues("zmq.proxies.broker.type=router-dealer",
						"zmq.proxies.broker.frontend.bind=tcp://127.0.0.1:0",
						"zmq.proxies.broker.backend.bind=tcp://127.0.0.1:0", "zmq.proxies.weather.type=xsub-xpub",
						"zmq.proxies.weather.frontend.bind=inproc://weather-in",
						"zmq.proxies.weather.backend.bind=inproc://weather-out",
						"zmq.proxies.weather.backend.send-high-water-mark=5000")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBeansOfType(ZmqProxy.class)).containsOnlyKeys("broker", "weather");
					ZmqProxy broker = context.getBean("broker", ZmqProxy.class);
					assertThat(broker.getType()).isEqualTo(ZmqProxyType.ROUTER_DEALER);
					assertThat(broker.isRunning()).isTrue();
					assertThat(broker.getFrontendSpec().getType()).isEqualTo(SocketType.ROUTER);
					assertThat(broker.getBackendSpec().getType()).isEqualTo(SocketType.DEALER);
					assertThat(broker.getFrontendBoundEndpoints()).singleElement()
						.asString()
						.startsWith("tcp://127.0.0.1:")
						.doesNotEndWith(":0");
					ZmqProxy weather = context.getBean("weather", ZmqProxy.class);
					assertThat(weather.getBackendSpec().getOptions().getSendHighWaterMark()).isEqualTo(5000);
					assertThat(weather.getBackendBoundEndpoints()).containsExactly("inproc://weather-out");
				});
		}

		@Test
		void startsBeforeListenersAndStopsAfterThem() {
			assertThat(ZmqProxy.PHASE).isGreaterThan(ZmqLifecyclePhases.SOCKETS)
				.isLessThan(ZmqLifecyclePhases.LISTENERS);
		}

		@Test
		void autoStartupCanBeTurnedOff() {
			ZmqProxyAutoConfigurationTests.this.runner
				.withPropertyValues("zmq.proxies.later.type=pull-push", "zmq.proxies.later.auto-startup=false",
						"zmq.proxies.later.frontend.bind=inproc://later-in",
						"zmq.proxies.later.backend.bind=inproc://later-out")
				.run((context) -> {
					ZmqProxy later = context.getBean("later", ZmqProxy.class);
					assertThat(later.isRunning()).isFalse();
					later.start();
					assertThat(later.isRunning()).isTrue();
				});
		}

		@Test
		void backsOffFromAUserDefinedRegistrar() {
			ZmqProxyAutoConfigurationTests.this.runner
				.withBean("zmqProxyBeanRegistrar", ZmqProxyAutoConfiguration.ZmqProxyBeanRegistrar.class,
						NoProxies::new)
				.withPropertyValues("zmq.proxies.broker.type=router-dealer",
						"zmq.proxies.broker.frontend.bind=inproc://a", "zmq.proxies.broker.backend.bind=inproc://b")
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZmqProxy.class));
		}

	}

	@Nested
	class Errors {

		@Test
		void typeIsRequired() {
			assertFailure("Invalid zmq.proxies.broker.type: a proxy type is required",
					"zmq.proxies.broker.frontend.bind=inproc://a", "zmq.proxies.broker.backend.bind=inproc://b");
		}

		@Test
		void unknownType() {
			assertFailure("zmq.proxies.broker.type", "zmq.proxies.broker.type=router-router",
					"zmq.proxies.broker.frontend.bind=inproc://a", "zmq.proxies.broker.backend.bind=inproc://b");
		}

		@Test
		void invalidEndpoint() {
			assertFailure("Invalid zmq.proxies.broker.frontend.bind[0] 'foo://bar'",
					"zmq.proxies.broker.type=router-dealer", "zmq.proxies.broker.frontend.bind=foo://bar",
					"zmq.proxies.broker.backend.bind=inproc://b");
		}

		@Test
		void sideWithoutEndpoint() {
			assertFailure("Invalid zmq.proxies.broker.backend: socket needs at least one endpoint",
					"zmq.proxies.broker.type=router-dealer", "zmq.proxies.broker.frontend.bind=inproc://a");
		}

		@Test
		void invalidOption() {
			assertFailure("zmq.proxies.broker.frontend.receive-high-water-mark",
					"zmq.proxies.broker.type=router-dealer", "zmq.proxies.broker.frontend.bind=inproc://a",
					"zmq.proxies.broker.frontend.receive-high-water-mark=-1",
					"zmq.proxies.broker.backend.bind=inproc://b");
		}

		@Test
		void portInUse() {
			assertFailure("Invalid zmq.proxies.other.frontend.bind[0] 'inproc://taken': cannot bind",
					"zmq.proxies.broker.type=router-dealer", "zmq.proxies.broker.frontend.bind=tcp://127.0.0.1:0",
					"zmq.proxies.other.type=pull-push", "zmq.proxies.broker.backend.bind=inproc://taken",
					"zmq.proxies.other.frontend.bind=inproc://taken",
					"zmq.proxies.other.backend.bind=inproc://other-out");
		}

		@Test
		void captureTypeThatCannotSend() {
			assertFailure("Invalid zmq.proxies.broker.capture-type 'SUB'", "zmq.proxies.broker.type=router-dealer",
					"zmq.proxies.broker.frontend.bind=inproc://a", "zmq.proxies.broker.backend.bind=inproc://b",
					"zmq.proxies.broker.capture=inproc://c", "zmq.proxies.broker.capture-type=sub");
		}

		@Test
		void invalidCaptureEndpoint() {
			assertFailure("Invalid zmq.proxies.broker.capture 'nowhere'", "zmq.proxies.broker.type=router-dealer",
					"zmq.proxies.broker.frontend.bind=inproc://a", "zmq.proxies.broker.backend.bind=inproc://b",
					"zmq.proxies.broker.capture=nowhere");
		}

		@Test
		void announceNeedsDiscovery() {
			assertFailure("Invalid zmq.proxies.broker.backend.announce 'workers'",
					"zmq.proxies.broker.type=router-dealer", "zmq.proxies.broker.frontend.bind=inproc://a",
					"zmq.proxies.broker.backend.bind=tcp://127.0.0.1:0", "zmq.proxies.broker.backend.announce=workers");
		}

		@Test
		void discoveryEndpointNeedsDiscovery() {
			assertFailure("Invalid zmq.proxies.broker.frontend.connect[0] 'discovery://feed'",
					"zmq.proxies.broker.type=xsub-xpub", "zmq.proxies.broker.frontend.connect=discovery://feed",
					"zmq.proxies.broker.backend.bind=inproc://b");
		}

		@Test
		void nameOfAnExistingBean() {
			ZmqProxyAutoConfigurationTests.this.runner.withBean("broker", String.class, () -> "taken")
				.withPropertyValues("zmq.proxies.broker.type=router-dealer",
						"zmq.proxies.broker.frontend.bind=inproc://a", "zmq.proxies.broker.backend.bind=inproc://b")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasMessageContaining("Invalid zmq.proxies.broker 'broker': a bean named 'broker' already exists"));
		}

		private void assertFailure(String message, String... properties) {
			ZmqProxyAutoConfigurationTests.this.runner.withPropertyValues(properties)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.satisfies((failure) -> assertThat(allMessages(failure)).contains(message)));
		}

		private static String allMessages(Throwable failure) {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			return messages.toString();
		}

	}

	static class NoProxies extends ZmqProxyAutoConfiguration.ZmqProxyBeanRegistrar {

		@Override
		public void postProcessBeanDefinitionRegistry(
				org.springframework.beans.factory.support.BeanDefinitionRegistry registry) {
		}

	}

}
