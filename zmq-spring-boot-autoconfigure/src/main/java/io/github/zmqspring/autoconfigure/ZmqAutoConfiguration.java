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

import java.util.List;

import io.github.zmqspring.convert.JacksonCborMessageConverter;
import io.github.zmqspring.convert.ZmqConverter;
import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.convert.ZmqTypeResolver;
import io.github.zmqspring.annotation.EnableZmq;
import io.github.zmqspring.core.socket.ZmqContextLifecycle;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.security.ZmqZapHandler;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqDeclaredSocketsDiscovery;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.discovery.ZmqListenerDiscovery;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.core.socket.ZmqSocketEventListener;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOption;
import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerErrorHandler;
import io.github.zmqspring.listener.ZmqListenerSocketHook;
import io.github.zmqspring.observation.ZmqListenerObservations;
import org.zeromq.ZContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

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
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.unit.DataSize;

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
		ZmqAutoConfiguration.JacksonCborMessageConverterConfiguration.class,
		ZmqAutoConfiguration.BasicMessageConverterConfiguration.class,
		ZmqAutoConfiguration.TypeResolverConfiguration.class, ZmqAutoConfiguration.TemplateConfiguration.class,
		ZmqAutoConfiguration.DiscoveryConfiguration.class, ZmqAutoConfiguration.ListenerConfiguration.class })
public final class ZmqAutoConfiguration {

	/**
	 * The managed context, unless the application defines its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ZContext.class)
	static class ContextConfiguration {

		// closed by ZmqContextLifecycle, after every socket, with a bound; it comes from
		// the lifecycle so that no bean can open a socket (the ZAP handler, say) before
		// the lifecycle watches the context's threads, which JeroMQ allows only before
		// the first socket
		@Bean(destroyMethod = "")
		ZContext zmqContext(ZmqContextLifecycle zmqContextLifecycle) {
			return zmqContextLifecycle.getContext();
		}

		@Bean
		ZmqContextLifecycle zmqContextLifecycle(ZmqProperties properties) {
			ZmqProperties.Context settings = properties.getContext();
			ZContext context = new ZContext(settings.getIoThreads());
			context.getContext().setMaxSockets(settings.getMaxSockets());
			context.getContext().setIPv6(settings.isIpv6());
			context.setLinger((int) settings.getLinger().toMillis());
			context.setSndHWM(settings.getSendHighWaterMark());
			context.setRcvHWM(settings.getReceiveHighWaterMark());
			ZmqContextLifecycle.logThreadExceptions(context);
			return new ZmqContextLifecycle(context, settings.getLinger().plus(settings.getShutdownTimeout()));
		}

	}

	/**
	 * The socket factory and the declared sockets.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SocketConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqSocketFactory zmqSocketFactory(ZContext context, ZmqProperties properties,
				ObjectProvider<ZmqSocketEventListener> eventListeners, ObjectProvider<ZmqZapHandler> zapHandler) {
			ZmqSocketFactory factory = new ZmqSocketFactory(context);
			factory.setDiscoveryEnabled(properties.getDiscovery().isEnabled());
			// bound before any socket opens: CURVE and PLAIN servers need it
			// (docs/security.md)
			zapHandler.ifAvailable(factory::setZapHandler);
			DataSize maxMessageSize = properties.getContext().getMaxMessageSize();
			ZmqSocketOptions.checkMaxMessageSize("zmq.context.max-message-size", maxMessageSize);
			factory.setDefaultMaxMessageSize(
					(maxMessageSize != null) ? maxMessageSize : ZmqSocketOptions.UNLIMITED_MESSAGE_SIZE);
			DataSize sendBuffer = properties.getContext().getSendBuffer();
			ZmqSocketOption.SEND_BUFFER.check("zmq.context", sendBuffer);
			factory.setDefaultSendBuffer((sendBuffer != null) ? sendBuffer : ZmqSocketOptions.SYSTEM_SOCKET_BUFFER);
			DataSize receiveBuffer = properties.getContext().getReceiveBuffer();
			ZmqSocketOption.RECEIVE_BUFFER.check("zmq.context", receiveBuffer);
			factory.setDefaultReceiveBuffer(
					(receiveBuffer != null) ? receiveBuffer : ZmqSocketOptions.SYSTEM_SOCKET_BUFFER);
			factory.setEventListeners(eventListeners.orderedStream().toList());
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
	 * The payload converter, with JSON through the application's {@link JsonMapper}, CBOR
	 * when its data format is present, and the application's {@link ZmqConverter} beans
	 * first.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonMessageConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "zmqMessageConverter")
		MessageConverter zmqMessageConverter(ZmqProperties properties, ObjectProvider<JsonMapper> jsonMapper,
				ObjectProvider<CborMessageConverterHolder> cbor,
				@ZmqConverter ObjectProvider<MessageConverter> converters,
				ObjectProvider<ZmqMessageConvertersCustomizer> customizers) {
			ZmqMessageConverters.Builder builder = ZmqMessageConverters.builder()
				.jsonConverter(ZmqMessageConverters.jsonConverter(jsonMapper.getIfAvailable()));
			cbor.ifAvailable((holder) -> builder.cborConverter(holder.converter()));
			return buildMessageConverter(builder, properties, converters, customizers);
		}

		// replies of generic types (ParameterizedTypeReference) are read with the app's
		// mapper
		@Bean
		ZmqTemplateCustomizer zmqTemplateJsonMapperCustomizer(ObjectProvider<JsonMapper> jsonMapper) {
			return (template) -> jsonMapper.ifAvailable(template::setJsonMapper);
		}

	}

	/**
	 * CBOR, when {@code jackson-dataformat-cbor} is on the class path, through the
	 * application's {@code CBORMapper} (Spring Boot's, configured by
	 * {@code spring.jackson.*}) when there is one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JsonMapper.class, CBORMapper.class })
	static class JacksonCborMessageConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CborMessageConverterHolder zmqCborMessageConverterHolder(ObjectProvider<CBORMapper> cborMapper) {
			CBORMapper mapper = cborMapper.getIfAvailable();
			return new CborMessageConverterHolder(
					(mapper != null) ? new JacksonCborMessageConverter(mapper) : new JacksonCborMessageConverter());
		}

	}

	/**
	 * Carries the CBOR converter from the configuration that may name CBOR types to the
	 * one that must not; a holder rather than a {@code MessageConverter} bean, so that an
	 * application injecting a {@code MessageConverter} by type still finds only
	 * {@code zmqMessageConverter}.
	 *
	 * @param converter the CBOR converter
	 */
	record CborMessageConverterHolder(MessageConverter converter) {
	}

	/**
	 * The payload converter of bytes and strings, when Jackson is absent.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
	static class BasicMessageConverterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "zmqMessageConverter")
		MessageConverter zmqMessageConverter(ZmqProperties properties,
				@ZmqConverter ObjectProvider<MessageConverter> converters,
				ObjectProvider<ZmqMessageConvertersCustomizer> customizers) {
			return buildMessageConverter(ZmqMessageConverters.builder(), properties, converters, customizers);
		}

	}

	// as Boot's HttpMessageConverters: the application's converters come first, in
	// order, then the built-in ones; customizers have the last word
	private static MessageConverter buildMessageConverter(ZmqMessageConverters.Builder builder,
			ZmqProperties properties, ObjectProvider<MessageConverter> converters,
			ObjectProvider<ZmqMessageConvertersCustomizer> customizers) {
		builder.charset(properties.getConverter().getCharset());
		builder.addConverters(converters.orderedStream().toList());
		List<MessageConverter> list = builder.converters();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(list));
		return new CompositeMessageConverter(list);
	}

	/**
	 * The allow-list of classes a {@code type-id} header may name.
	 */
	@Configuration(proxyBeanMethods = false)
	static class TypeResolverConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqTypeResolver zmqTypeResolver(ZmqProperties properties) {
			List<String> packages = properties.getConverter().getTrustedPackages();
			for (int i = 0; i < packages.size(); i++) {
				try {
					new ZmqTypeResolver(List.of(packages.get(i)));
				}
				catch (IllegalArgumentException ex) {
					// the resolver's message already says what is wrong; this one adds
					// where
					throw new IllegalArgumentException(
							"Invalid zmq.converter.trusted-packages[" + i + "]: " + ex.getMessage());
				}
			}
			return new ZmqTypeResolver(packages);
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
			if (discovery.getSources() == null || discovery.getSources().isEmpty()) {
				throw new IllegalArgumentException("zmq.discovery.sources must name beacon, spring-cloud or both");
			}
			ZmqBeaconServiceRegistry registry = new ZmqBeaconServiceRegistry(discovery.getPort(),
					discovery.getBroadcastAddress(), discovery.getInterval(), discovery.getTtl(),
					discovery.getSecret());
			registry.setApplicationEventPublisher(eventPublisher);
			// without the beacon source it only keeps the announcements (for Spring Cloud
			// registration): no UDP
			registry.setAutoStartup(discovery.getSources().contains(ZmqProperties.Discovery.Source.BEACON));
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
				ObjectProvider<ZmqListenerSocketHook> socketHooks, ObjectProvider<ZmqListenerObservations> observations,
				@Qualifier("zmqMessageConverter") MessageConverter zmqMessageConverter) {
			ZmqListenerContainerFactory factory = new ZmqListenerContainerFactory(socketManager);
			factory.setStopTimeout(properties.getContext().getShutdownTimeout());
			ZmqProperties.Listener listener = properties.getListener();
			listener.validate();
			factory.setConcurrency(listener.getConcurrency());
			factory.setQueueCapacity(listener.getQueueCapacity());
			factory.setStartTimeout(listener.getStartTimeout());
			// the one converter: the template's, and every listener's arguments and
			// replies
			factory.setMessageConverter(zmqMessageConverter);
			factory.setErrorReplyDetail(listener.getErrorReplyDetail());
			errorHandler.ifUnique(factory::setErrorHandler);
			factory.setSocketHooks(socketHooks.orderedStream().toList());
			factory.setObservations(observations.getIfUnique());
			return factory;
		}

	}

}
