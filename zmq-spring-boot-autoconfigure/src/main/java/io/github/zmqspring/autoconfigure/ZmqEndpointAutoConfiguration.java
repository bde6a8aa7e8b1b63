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

import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zmq} actuator endpoint ({@link ZmqActuatorEndpoint}); expose it with
 * {@code management.endpoints.web.exposure.include=zmq}.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({ ZContext.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(ZmqSocketManager.class)
@ConditionalOnAvailableEndpoint(ZmqActuatorEndpoint.class)
public final class ZmqEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqActuatorEndpoint zmqActuatorEndpoint(ZmqSocketManager socketManager,
			ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry,
			ObjectProvider<ZmqServiceRegistry> serviceRegistry) {
		return new ZmqActuatorEndpoint(new ZmqOperationsView(socketManager, listenerRegistry, serviceRegistry));
	}

}
