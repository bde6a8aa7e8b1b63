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

import io.github.zmqspring.core.ZmqKeepAlive;
import io.github.zmqspring.listener.ZmqListenerSocketHook;
import org.zeromq.ZContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration that keeps a ZeroMQ service running while it serves and makes it
 * fail loudly: the {@link ZmqKeepAlive} that listener containers hold while they run,
 * and, with {@code zmq.context.exit-on-failure=true}, an exit of the application when a
 * thread of the ZeroMQ context dies.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration
@ConditionalOnClass(ZContext.class)
@Import({ ZmqServiceAutoConfiguration.KeepAliveConfiguration.class,
		ZmqServiceAutoConfiguration.ExitOnFailureConfiguration.class })
public final class ZmqServiceAutoConfiguration {

	/**
	 * The keep-alive, held by every running listener container.
	 */
	@Configuration(proxyBeanMethods = false)
	static class KeepAliveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqKeepAlive zmqKeepAlive() {
			return new ZmqKeepAlive();
		}

		@Bean
		@ConditionalOnMissingBean(name = "zmqKeepAliveListenerHook")
		ZmqListenerSocketHook zmqKeepAliveListenerHook(ZmqKeepAlive zmqKeepAlive) {
			return (container, boundEndpoints) -> zmqKeepAlive.acquire("listener '" + container.getListenerId() + "'");
		}

	}

	/**
	 * Exit the application when a thread of the ZeroMQ context dies, when
	 * {@code zmq.context.exit-on-failure=true}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("zmq.context.exit-on-failure")
	static class ExitOnFailureConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqContextFailureExit zmqContextFailureExit(ConfigurableApplicationContext applicationContext) {
			return new ZmqContextFailureExit(applicationContext);
		}

	}

}
