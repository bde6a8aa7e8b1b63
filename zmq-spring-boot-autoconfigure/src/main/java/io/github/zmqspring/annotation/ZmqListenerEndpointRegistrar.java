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
package io.github.zmqspring.annotation;

import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerEndpoint;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Collects the listener endpoints found by the
 * {@link ZmqListenerAnnotationBeanPostProcessor} (and those
 * {@link ZmqListenerConfigurer}s add) and registers them with the
 * {@link ZmqListenerEndpointRegistry}, each with its container factory, as spring-kafka's
 * {@code KafkaListenerEndpointRegistrar}.
 * <p>
 * The container factory of an endpoint is, in order: the one given with it; the bean
 * named by {@link ZmqListener#containerFactory()}; the registrar's default (set by a
 * configurer); the bean named {@value #DEFAULT_CONTAINER_FACTORY_BEAN_NAME}; the only
 * {@link ZmqListenerContainerFactory} bean; a new factory when there is none. Several
 * factories and none of these fails with a message naming the listener.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerEndpointRegistrar {

	/** The name of the container factory bean used when a listener names none. */
	public static final String DEFAULT_CONTAINER_FACTORY_BEAN_NAME = "zmqListenerContainerFactory";

	private final List<Registration> registrations = new ArrayList<>();

	private @Nullable BeanFactory beanFactory;

	private @Nullable ZmqListenerEndpointRegistry endpointRegistry;

	private @Nullable ZmqListenerContainerFactory containerFactory;

	private @Nullable String containerFactoryBeanName;

	private boolean registerImmediately;

	/**
	 * Set the bean factory that container factories are looked up in.
	 * @param beanFactory the bean factory
	 */
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Set the registry the endpoints are registered with.
	 * @param endpointRegistry the registry
	 */
	public void setEndpointRegistry(ZmqListenerEndpointRegistry endpointRegistry) {
		this.endpointRegistry = endpointRegistry;
	}

	/**
	 * @return the registry the endpoints are registered with
	 */
	public @Nullable ZmqListenerEndpointRegistry getEndpointRegistry() {
		return this.endpointRegistry;
	}

	/**
	 * Set the container factory of endpoints that name none.
	 * @param containerFactory the factory
	 */
	public void setContainerFactory(ZmqListenerContainerFactory containerFactory) {
		this.containerFactory = containerFactory;
	}

	/**
	 * Set the name of the container factory bean of endpoints that name none.
	 * @param containerFactoryBeanName the bean name
	 */
	public void setContainerFactoryBeanName(String containerFactoryBeanName) {
		this.containerFactoryBeanName = containerFactoryBeanName;
	}

	/**
	 * Register an endpoint with the default container factory.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(ZmqListenerEndpoint endpoint) {
		registerEndpoint(endpoint, null, null, null);
	}

	/**
	 * Register an endpoint with a container factory.
	 * @param endpoint the endpoint
	 * @param factory the factory, {@code null} for the default
	 */
	public void registerEndpoint(ZmqListenerEndpoint endpoint, @Nullable ZmqListenerContainerFactory factory) {
		registerEndpoint(endpoint, factory, null, null);
	}

	/**
	 * Register an endpoint with the container factory bean of the given name.
	 * @param endpoint the endpoint
	 * @param factory the factory, {@code null} to look it up
	 * @param factoryBeanName the factory's bean name, {@code null} or empty for the
	 * default
	 * @param origin where the endpoint was declared, for messages
	 */
	void registerEndpoint(ZmqListenerEndpoint endpoint, @Nullable ZmqListenerContainerFactory factory,
			@Nullable String factoryBeanName, @Nullable String origin) {
		Assert.notNull(endpoint, "'endpoint' must not be null");
		Registration registration = new Registration(endpoint, factory, factoryBeanName,
				(origin != null) ? origin : "listener '" + endpoint.getId() + "'");
		synchronized (this.registrations) {
			if (!this.registerImmediately) {
				this.registrations.add(registration);
				return;
			}
		}
		register(registration);
	}

	/**
	 * Register every endpoint collected so far; from then on endpoints are registered as
	 * they come.
	 */
	public void registerAllEndpoints() {
		List<Registration> toRegister;
		synchronized (this.registrations) {
			toRegister = new ArrayList<>(this.registrations);
			this.registrations.clear();
			this.registerImmediately = true;
		}
		toRegister.forEach(this::register);
	}

	private void register(Registration registration) {
		Assert.state(this.endpointRegistry != null, "No ZmqListenerEndpointRegistry set");
		this.endpointRegistry.registerListenerContainer(registration.endpoint(), resolveContainerFactory(registration));
	}

	private ZmqListenerContainerFactory resolveContainerFactory(Registration registration) {
		if (registration.factory() != null) {
			return registration.factory();
		}
		String origin = registration.origin();
		if (StringUtils.hasText(registration.factoryBeanName())) {
			return namedFactory(registration.factoryBeanName(), origin + ".containerFactory");
		}
		if (this.containerFactory != null) {
			return this.containerFactory;
		}
		if (StringUtils.hasText(this.containerFactoryBeanName)) {
			return namedFactory(this.containerFactoryBeanName, origin + ".containerFactory");
		}
		Assert.state(this.beanFactory != null, "No BeanFactory set");
		if (this.beanFactory.containsBean(DEFAULT_CONTAINER_FACTORY_BEAN_NAME)) {
			return namedFactory(DEFAULT_CONTAINER_FACTORY_BEAN_NAME, origin + ".containerFactory");
		}
		ObjectProvider<ZmqListenerContainerFactory> factories = this.beanFactory
			.getBeanProvider(ZmqListenerContainerFactory.class);
		List<ZmqListenerContainerFactory> all = factories.stream().toList();
		if (all.size() == 1) {
			return all.get(0);
		}
		if (all.isEmpty()) {
			ZmqListenerContainerFactory created = new ZmqListenerContainerFactory(
					this.beanFactory.getBean(ZmqSocketManager.class));
			this.containerFactory = created;
			return created;
		}
		throw new InvalidZmqSocketSpecException(origin + ".containerFactory", "",
				"names no container factory, and there are " + all.size()
						+ " ZmqListenerContainerFactory beans and none named '" + DEFAULT_CONTAINER_FACTORY_BEAN_NAME
						+ "'; name one in containerFactory");
	}

	private ZmqListenerContainerFactory namedFactory(String name, String attribute) {
		Assert.state(this.beanFactory != null, "No BeanFactory set");
		try {
			return this.beanFactory.getBean(name, ZmqListenerContainerFactory.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new InvalidZmqSocketSpecException(attribute, name,
					"names no ZmqListenerContainerFactory bean (" + ex.getMessage() + ")");
		}
	}

	private record Registration(ZmqListenerEndpoint endpoint, @Nullable ZmqListenerContainerFactory factory,
			@Nullable String factoryBeanName, String origin) {
	}

}
