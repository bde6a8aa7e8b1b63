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
package io.github.zmqspring.cloud.stream.binder.config;

import io.github.zmqspring.autoconfigure.ZmqProperties;
import io.github.zmqspring.cloud.stream.binder.ZmqExtendedBindingProperties;
import io.github.zmqspring.cloud.stream.binder.ZmqMessageChannelBinder;
import io.github.zmqspring.cloud.stream.binder.ZmqProvisioningProvider;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;

import java.util.LinkedHashSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code zmq} binder's configuration, named in {@code META-INF/spring.binders}. It
 * runs in the binder's context, a child of the application's, and uses the application's
 * ZeroMQ beans (sockets, template, listener container factory, discovery).
 *
 * @author zmq-spring-boot
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(Binder.class)
@EnableConfigurationProperties(ZmqExtendedBindingProperties.class)
public class ZmqBinderConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqProvisioningProvider zmqProvisioningProvider(ZmqSocketManager socketManager) {
		return new ZmqProvisioningProvider(() -> new LinkedHashSet<>(socketManager.getSocketNames()));
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqMessageChannelBinder zmqMessageChannelBinder(ZmqProvisioningProvider zmqProvisioningProvider,
			ZmqExtendedBindingProperties zmqExtendedBindingProperties, ZmqSocketManager socketManager,
			ZmqTemplate template, ZmqListenerContainerFactory containerFactory,
			ObjectProvider<ZmqBeaconServiceRegistry> beacon, ObjectProvider<ZmqDiscoveryConnector> connector,
			ObjectProvider<ZmqProperties> properties) {
		ZmqProperties zmq = properties.getIfAvailable();
		return new ZmqMessageChannelBinder(zmqProvisioningProvider, zmqExtendedBindingProperties, socketManager,
				template, containerFactory, beacon, connector,
				(zmq != null) ? zmq.getDiscovery().getAdvertisedAddress() : null);
	}

}
