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

import java.util.List;

import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.github.zmqspring.listener.ZmqMsgArgumentResolver;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.Assert;

/**
 * The collaborators that the Spring Integration components of this library share: the
 * socket manager whose declared sockets they use, the listener registry and container
 * factory that run their inbound sides, the template that runs their outbound sides, and
 * the converter of payloads. Spring Boot defines one as a bean; without it the components
 * build one from the individual beans.
 *
 * @author zmq-spring-boot
 */
public class ZmqIntegrationComponents {

	/**
	 * The name of the optional bean that converts payloads for listeners and template.
	 */
	static final String MESSAGE_CONVERTER_BEAN_NAME = "zmqMessageConverter";

	private final ZmqSocketManager socketManager;

	private final ZmqListenerEndpointRegistry endpointRegistry;

	private final ZmqListenerContainerFactory containerFactory;

	private final ZmqOperations operations;

	private final MessageConverter messageConverter;

	private final DefaultMessageHandlerMethodFactory handlerMethodFactory;

	/**
	 * Create the components.
	 * @param socketManager the manager of the declared sockets
	 * @param endpointRegistry the registry the inbound containers join (so they are
	 * listed, and stopped with the other listeners at the latest)
	 * @param containerFactory the factory of the inbound containers
	 * @param operations the template of the outbound components
	 * @param messageConverter the converter of payloads to and from frames
	 */
	public ZmqIntegrationComponents(ZmqSocketManager socketManager, ZmqListenerEndpointRegistry endpointRegistry,
			ZmqListenerContainerFactory containerFactory, ZmqOperations operations, MessageConverter messageConverter) {
		Assert.notNull(socketManager, "'socketManager' must not be null");
		Assert.notNull(endpointRegistry, "'endpointRegistry' must not be null");
		Assert.notNull(containerFactory, "'containerFactory' must not be null");
		Assert.notNull(operations, "'operations' must not be null");
		Assert.notNull(messageConverter, "'messageConverter' must not be null");
		this.socketManager = socketManager;
		this.endpointRegistry = endpointRegistry;
		this.containerFactory = containerFactory;
		this.operations = operations;
		this.messageConverter = messageConverter;
		DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
		factory.setMessageConverter(messageConverter);
		// the containers invoke only the receivers' receive(Message<byte[]>): the
		// message as it is, without Spring's resolver that works out the payload type
		// per call (ResolvableType, a tenth of the receiving thread in scenario 6b)
		factory.setArgumentResolvers(List.of(new ReceivedMessageResolver(), new ZmqMsgArgumentResolver()));
		factory.afterPropertiesSet();
		this.handlerMethodFactory = factory;
	}

	/**
	 * Return the application's components: the {@link ZmqIntegrationComponents} bean,
	 * else one built from the library's beans.
	 * @param beanFactory the bean factory
	 * @return the components
	 */
	public static ZmqIntegrationComponents of(BeanFactory beanFactory) {
		Assert.notNull(beanFactory, "The Spring Integration components of zmq-spring-boot need a BeanFactory");
		return beanFactory.getBeanProvider(ZmqIntegrationComponents.class).getIfAvailable(() -> {
			ZmqSocketManager socketManager = beanFactory.getBean(ZmqSocketManager.class);
			ZmqOperations operations = beanFactory.getBean(ZmqOperations.class);
			ZmqListenerContainerFactory containerFactory = beanFactory
				.getBeanProvider(ZmqListenerContainerFactory.class)
				.getIfUnique(() -> new ZmqListenerContainerFactory(socketManager));
			MessageConverter converter;
			if (beanFactory.containsBean(MESSAGE_CONVERTER_BEAN_NAME)) {
				converter = beanFactory.getBean(MESSAGE_CONVERTER_BEAN_NAME, MessageConverter.class);
			}
			else if (operations instanceof ZmqTemplate template) {
				converter = template.getMessageConverter();
			}
			else {
				converter = ZmqMessageConverters.basicConverter();
			}
			return new ZmqIntegrationComponents(socketManager, beanFactory.getBean(ZmqListenerEndpointRegistry.class),
					containerFactory, operations, converter);
		});
	}

	/**
	 * @return the manager of the declared sockets
	 */
	public ZmqSocketManager getSocketManager() {
		return this.socketManager;
	}

	/**
	 * @return the registry the inbound containers join
	 */
	public ZmqListenerEndpointRegistry getEndpointRegistry() {
		return this.endpointRegistry;
	}

	/**
	 * @return the factory of the inbound containers
	 */
	public ZmqListenerContainerFactory getContainerFactory() {
		return this.containerFactory;
	}

	/**
	 * @return the template of the outbound components
	 */
	public ZmqOperations getOperations() {
		return this.operations;
	}

	/**
	 * @return the converter of payloads to and from frames
	 */
	public MessageConverter getMessageConverter() {
		return this.messageConverter;
	}

	/**
	 * @return the factory of the handler methods the inbound containers invoke
	 */
	public MessageHandlerMethodFactory getHandlerMethodFactory() {
		return this.handlerMethodFactory;
	}

	/**
	 * Resolves a {@code Message} parameter to the received message itself.
	 */
	private static final class ReceivedMessageResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Message.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, Message<?> message) {
			return message;
		}

	}

}
