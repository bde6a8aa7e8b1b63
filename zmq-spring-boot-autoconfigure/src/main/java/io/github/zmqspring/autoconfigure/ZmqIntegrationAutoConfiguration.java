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

import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.integration.ZmqIntegrationComponents;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.core.MessageProducer;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Auto-configuration of the Spring Integration module
 * ({@code io.github.zmqspring.integration} and its DSL factory {@code Zmq}), active when
 * {@code spring-integration-core} is on the class path: the components its adapters,
 * gateways and channels share.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({ MessageProducer.class, ZmqIntegrationComponents.class })
public final class ZmqIntegrationAutoConfiguration {

	/**
	 * The shared components, when the library's sockets, listeners and template are
	 * there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ ZmqSocketManager.class, ZmqOperations.class, ZmqListenerEndpointRegistry.class })
	static class ComponentsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqIntegrationComponents zmqIntegrationComponents(ZmqSocketManager zmqSocketManager,
				ZmqListenerEndpointRegistry endpointRegistry, ZmqListenerContainerFactory containerFactory,
				ZmqOperations zmqOperations, @Qualifier("zmqMessageConverter") MessageConverter zmqMessageConverter) {
			return new ZmqIntegrationComponents(zmqSocketManager, endpointRegistry, containerFactory, zmqOperations,
					zmqMessageConverter);
		}

	}

}
