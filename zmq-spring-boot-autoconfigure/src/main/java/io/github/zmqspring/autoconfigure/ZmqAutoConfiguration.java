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

import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.annotation.EnableZmq;
import io.github.zmqspring.core.ZmqContextLifecycle;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqDeclaredSocketsDiscovery;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.discovery.ZmqListenerDiscovery;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.core.ZmqSocketFactory;
import io.github.zmqspring.core.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerErrorHandler;
import io.github.zmqspring.listener.ZmqListenerSocketHook;
import org.zeromq.ZContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Auto-configuration for ZeroMQ: a managed JeroMQ context, the sockets declared under
 * {@code zmq.sockets}, and their orderly shutdown.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration
@ConditionalOnClass(ZContext.class)
@EnableConfigurationProperties(ZmqProperties.class)
@Import({ ZmqAutoConfiguration.ContextConfiguration.class, ZmqAutoConfiguration.SocketConfiguration.class,
		ZmqAutoConfiguration.JacksonMessageConverterConfiguration.class,
		ZmqAutoConfiguration.BasicMessageConverterConfiguration.class, ZmqAutoConfiguration.TemplateConfiguration.class,
		ZmqAutoConfiguration.DiscoveryConfiguration.class, ZmqAutoConfiguration.ListenerConfiguration.class })
public final class ZmqAutoConfiguration {

	/**
	 * The managed context, unless the application defines its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ZContext.class)
	static class ContextConfiguration {

		// closed by ZmqContextLifecycle, after every socket, with a bound
		@Bean(destroyMethod = "")
		ZContext zmqContext(ZmqProperties properties) {
			ZmqProperties.Context settings = properties.getContext();
			ZContext context = new ZContext(settings.getIoThreads());
			context.getContext().setMaxSockets(settings.getMaxSockets());
			context.getContext().setIPv6(settings.isIpv6());
			context.setLinger((int) settings.getLinger().toMillis());
			context.setSndHWM(settings.getSendHighWaterMark());
			context.setRcvHWM(settings.getReceiveHighWaterMark());
			return context;
		}

		@Bean
		ZmqContextLifecycle zmqContextLifecycle(ZContext zmqContext, ZmqProperties properties) {
			ZmqProperties.Context settings = properties.getContext();
			return new ZmqContextLifecycle(zmqContext, settings.getLinger().plus(settings.getShutdownTimeout()));
		}

	}

	/**
	 * The socket factory and the declared sockets.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SocketConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqSocketFactory zmqSocketFactory(ZContext context, ZmqProperties properties) {
			ZmqSocketFactory factory = new ZmqSocketFactory(context);
			factory.setDiscoveryEnabled(properties.getDiscovery().isEnabled());
			return factory;
		}

		@Bean
		@ConditionalOnMissingBean
		ZmqSocketManager zmqSocketManager(ZmqSocketFactory factory, ZmqProperties properties) {
			ZmqSocketManager manager = new ZmqSocketManager(factory, ZmqSocketSpecs.from(properties));
			manager.setStopTimeout(properties.getContext().getShutdownTimeout());
			return manager;
		}

	}

	/**
	 * The payload converter, with JSON through the application's {@link JsonMapper}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonMessageConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "zmqMessageConverter")
		MessageConverter zmqMessageConverter(ObjectProvider<JsonMapper> jsonMapper) {
			return ZmqMessageConverters.defaultConverter(jsonMapper.getIfAvailable());
		}

		// replies of generic types (ParameterizedTypeReference) are read with the app's
		// mapper
		@Bean
		ZmqTemplateCustomizer zmqTemplateJsonMapperCustomizer(ObjectProvider<JsonMapper> jsonMapper) {
			return (template) -> jsonMapper.ifAvailable(template::setJsonMapper);
		}

	}

	/**
	 * The payload converter of bytes and strings, when Jackson is absent.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
	static class BasicMessageConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "zmqMessageConverter")
		MessageConverter zmqMessageConverter() {
			return ZmqMessageConverters.basicConverter();
		}

	}

	/**
	 * The template that sends through the declared sockets.
	 */
	@Configuration(proxyBeanMethods = false)
	static class TemplateConfiguration {

		@Bean
		@ConditionalOnMissingBean(ZmqOperations.class)
		ZmqTemplate zmqTemplate(ZmqSocketManager zmqSocketManager,
				@Qualifier("zmqMessageConverter") MessageConverter zmqMessageConverter, ZmqProperties properties,
				ObjectProvider<ZmqTemplateCustomizer> customizers) {
			ZmqTemplate template = new ZmqTemplate(zmqSocketManager, zmqMessageConverter);
			template.setDefaultSendTimeout(properties.getTemplate().getSendTimeout());
			template.setDefaultRequestTimeout(properties.getTemplate().getRequestTimeout());
			template.setRequestRetries(properties.getTemplate().getRequestRetries());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
			return template;
		}

	}

	/**
	 * Service discovery through a UDP beacon, when {@code zmq.discovery.enabled=true}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("zmq.discovery.enabled")
	static class DiscoveryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqBeaconServiceRegistry zmqBeaconServiceRegistry(ZmqProperties properties,
				ApplicationEventPublisher eventPublisher) {
			ZmqProperties.Discovery discovery = properties.getDiscovery();
			ZmqBeaconServiceRegistry registry = new ZmqBeaconServiceRegistry(discovery.getPort(),
					discovery.getBroadcastAddress(), discovery.getInterval(), discovery.getTtl(),
					discovery.getSecret());
			registry.setApplicationEventPublisher(eventPublisher);
			return registry;
		}

		@Bean
		@ConditionalOnMissingBean
		ZmqDiscoveryConnector zmqDiscoveryConnector(ZmqServiceRegistry registry) {
			return new ZmqDiscoveryConnector(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		ZmqDeclaredSocketsDiscovery zmqDeclaredSocketsDiscovery(ZmqSocketManager manager,
				ZmqBeaconServiceRegistry zmqBeaconServiceRegistry, ZmqDiscoveryConnector connector,
				ZmqProperties properties) {
			return new ZmqDeclaredSocketsDiscovery(manager, zmqBeaconServiceRegistry, connector,
					properties.getDiscovery().getAdvertisedAddress());
		}

		@Bean
		@ConditionalOnMissingBean
		ZmqListenerDiscovery zmqListenerDiscovery(ZmqBeaconServiceRegistry zmqBeaconServiceRegistry,
				ZmqDiscoveryConnector connector, ZmqProperties properties) {
			return new ZmqListenerDiscovery(zmqBeaconServiceRegistry, connector,
					properties.getDiscovery().getAdvertisedAddress());
		}

	}

	/**
	 * {@code @ZmqListener} support: the annotation post-processor, the endpoint registry
	 * and the container factory.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableZmq
	static class ListenerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqListenerContainerFactory zmqListenerContainerFactory(ZmqSocketManager socketManager,
				ZmqProperties properties, ObjectProvider<ZmqListenerErrorHandler> errorHandler,
				ObjectProvider<ZmqListenerSocketHook> socketHooks) {
			ZmqListenerContainerFactory factory = new ZmqListenerContainerFactory(socketManager);
			factory.setStopTimeout(properties.getContext().getShutdownTimeout());
			errorHandler.ifUnique(factory::setErrorHandler);
			factory.setSocketHooks(socketHooks.orderedStream().toList());
			return factory;
		}

	}

}
