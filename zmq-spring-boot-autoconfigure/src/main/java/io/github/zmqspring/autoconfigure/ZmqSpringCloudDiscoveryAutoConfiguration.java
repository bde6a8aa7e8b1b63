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

import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqCompositeServiceRegistry;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.discovery.ZmqRegistrationMetadataContributor;
import io.github.zmqspring.discovery.ZmqRegistrationRepublisher;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.discovery.ZmqSpringCloudServiceRegistry;
import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Discovery beyond one network: {@code discovery://service} endpoints resolve through
 * every Spring Cloud {@link DiscoveryClient} (Eureka, Consul, Kubernetes, simple) as well
 * as the beacon, and this application's announced services are published in its
 * registration's metadata. Active with {@code zmq.discovery.enabled=true} when
 * spring-cloud-commons is present and {@code zmq.discovery.sources} includes
 * {@code spring-cloud} (it does by default).
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(before = ZmqAutoConfiguration.class)
@ConditionalOnClass({ ZContext.class, DiscoveryClient.class })
@ConditionalOnBooleanProperty("zmq.discovery.enabled")
@Conditional(ZmqSpringCloudDiscoveryAutoConfiguration.OnSpringCloudSource.class)
@EnableConfigurationProperties(ZmqProperties.class)
public final class ZmqSpringCloudDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqSpringCloudServiceRegistry zmqSpringCloudServiceRegistry(ObjectProvider<DiscoveryClient> discoveryClients,
			ZmqProperties properties, ApplicationEventPublisher eventPublisher) {
		List<DiscoveryClient> clients = discoveryClients.orderedStream()
			.filter((client) -> !(client instanceof CompositeDiscoveryClient))
			.toList();
		ZmqSpringCloudServiceRegistry registry = new ZmqSpringCloudServiceRegistry(clients,
				properties.getDiscovery().getRefreshInterval());
		registry.setApplicationEventPublisher(eventPublisher);
		return registry;
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	ZmqCompositeServiceRegistry zmqCompositeServiceRegistry(ObjectProvider<ZmqBeaconServiceRegistry> beacon,
			ZmqSpringCloudServiceRegistry zmqSpringCloudServiceRegistry, ZmqProperties properties) {
		List<ZmqServiceRegistry> registries = new ArrayList<>();
		if (properties.getDiscovery().getSources().contains(ZmqProperties.Discovery.Source.BEACON)) {
			beacon.ifAvailable(registries::add);
		}
		registries.add(zmqSpringCloudServiceRegistry);
		return new ZmqCompositeServiceRegistry(registries);
	}

	@Bean
	@ConditionalOnMissingBean
	ZmqDiscoveryConnector zmqDiscoveryConnector(ZmqCompositeServiceRegistry zmqCompositeServiceRegistry) {
		return new ZmqDiscoveryConnector(zmqCompositeServiceRegistry);
	}

	/**
	 * Publishing this application's services in its registration, when it registers.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Registration.class)
	static class RegistrationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqRegistrationRepublisher zmqRegistrationRepublisher(ObjectProvider<ServiceRegistry<?>> serviceRegistry) {
			return ZmqRegistrationRepublisher.standard(serviceRegistry.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean
		ZmqRegistrationMetadataContributor zmqRegistrationMetadataContributor(
				ZmqBeaconServiceRegistry zmqBeaconServiceRegistry, ObjectProvider<Registration> registration,
				ZmqRegistrationRepublisher zmqRegistrationRepublisher, ZmqProperties properties) {
			return new ZmqRegistrationMetadataContributor(zmqBeaconServiceRegistry, registration::getIfUnique,
					zmqRegistrationRepublisher, properties.getDiscovery().getRefreshInterval());
		}

	}

	/**
	 * Whether {@code zmq.discovery.sources} includes {@code spring-cloud}.
	 */
	static class OnSpringCloudSource extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<ZmqProperties.Discovery.Source> sources = Binder.get(context.getEnvironment())
				.bind("zmq.discovery.sources", Bindable.listOf(ZmqProperties.Discovery.Source.class))
				.orElse(new ZmqProperties.Discovery().getSources());
			return sources.contains(ZmqProperties.Discovery.Source.SPRING_CLOUD)
					? ConditionOutcome.match("zmq.discovery.sources includes spring-cloud")
					: ConditionOutcome.noMatch("zmq.discovery.sources " + sources + " does not include spring-cloud");
		}

	}

}
