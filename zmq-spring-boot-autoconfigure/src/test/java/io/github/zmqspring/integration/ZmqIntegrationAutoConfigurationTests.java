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
package io.github.zmqspring.integration;

import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqIntegrationAutoConfiguration;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.core.MessageProducer;
import org.springframework.messaging.converter.MessageConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqIntegrationAutoConfiguration}: the shared components when Spring Integration
 * is on the class path, backing off for the application's own, absent without it.
 */
class ZmqIntegrationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqIntegrationAutoConfiguration.class));

	@Test
	void definesTheSharedComponents() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ZmqIntegrationComponents.class);
			ZmqIntegrationComponents components = context.getBean(ZmqIntegrationComponents.class);
			assertThat(components.getSocketManager()).isSameAs(context.getBean(ZmqSocketManager.class));
			assertThat(components.getOperations()).isSameAs(context.getBean(ZmqOperations.class));
			assertThat(components.getEndpointRegistry()).isSameAs(context.getBean(ZmqListenerEndpointRegistry.class));
			assertThat(components.getMessageConverter())
				.isSameAs(context.getBean("zmqMessageConverter", MessageConverter.class));
		});
	}

	@Test
	void backsOffForTheApplicationsComponents() {
		this.runner.withUserConfiguration(OwnComponents.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqIntegrationComponents.class);
			assertThat(context).hasBean("ownComponents");
		});
	}

	@Test
	void absentWithoutSpringIntegration() {
		this.runner.withClassLoader(new FilteredClassLoader(MessageProducer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZmqIntegrationComponents.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnComponents {

		@Bean
		ZmqIntegrationComponents ownComponents(ZmqSocketManager socketManager, ZmqListenerEndpointRegistry registry,
				ZmqListenerContainerFactory containerFactory, ZmqOperations operations) {
			return new ZmqIntegrationComponents(socketManager, registry, containerFactory, operations,
					new org.springframework.messaging.converter.StringMessageConverter());
		}

	}

}
