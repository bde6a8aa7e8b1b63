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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.ZmqKeepAlive;
import io.github.zmqspring.core.socket.ZmqEndpoint;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.proxy.ZmqProxy;
import io.github.zmqspring.proxy.ZmqProxyType;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the proxies declared under {@code zmq.proxies}: one
 * {@link ZmqProxy} bean per proxy, named after it, started before the listener containers
 * and stopped after them.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = { ZmqAutoConfiguration.class, ZmqServiceAutoConfiguration.class })
@ConditionalOnClass(ZContext.class)
@Import(ZmqProxyAutoConfiguration.ProxyConfiguration.class)
public final class ZmqProxyAutoConfiguration {

	/**
	 * Registers a {@link ZmqProxy} bean per declared proxy.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ProxyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		static ZmqProxyBeanRegistrar zmqProxyBeanRegistrar() {
			return new ZmqProxyBeanRegistrar();
		}

	}

	/**
	 * Registers one {@link ZmqProxy} bean per entry of {@code zmq.proxies}, named after
	 * the proxy; each is created from the bound {@link ZmqProperties}.
	 */
	static class ZmqProxyBeanRegistrar
			implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, BeanFactoryAware {

		private Environment environment;

		private BeanFactory beanFactory;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
			this.beanFactory = beanFactory;
		}

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
			Map<String, ZmqProperties.Proxy> proxies = Binder.get(this.environment)
				.bind("zmq.proxies", Bindable.mapOf(String.class, ZmqProperties.Proxy.class))
				.orElse(Map.of());
			for (String name : proxies.keySet()) {
				if (registry.containsBeanDefinition(name)) {
					throw new InvalidZmqSocketSpecException("zmq.proxies." + name, name,
							"a bean named '" + name + "' already exists; a proxy's bean is named after the proxy,"
									+ " so give the proxy another name");
				}
				RootBeanDefinition definition = new RootBeanDefinition(ZmqProxy.class, () -> create(name));
				definition.setDescription("ZeroMQ proxy declared under zmq.proxies." + name);
				registry.registerBeanDefinition(name, definition);
			}
		}

		private ZmqProxy create(String name) {
			ZmqProperties properties = this.beanFactory.getBean(ZmqProperties.class);
			ZmqProxy proxy = ZmqProxies.create(name, properties.getProxies().get(name),
					this.beanFactory.getBean(ZmqSocketFactory.class));
			proxy.setStopTimeout(properties.getContext().getShutdownTimeout());
			ListableBeanFactory beans = (ListableBeanFactory) this.beanFactory;
			beans.getBeanProvider(ZmqKeepAlive.class).ifAvailable(proxy::setKeepAlive);
			ZmqBeaconServiceRegistry beacon = beans.getBeanProvider(ZmqBeaconServiceRegistry.class).getIfAvailable();
			ZmqDiscoveryConnector connector = beans.getBeanProvider(ZmqDiscoveryConnector.class).getIfAvailable();
			if (beacon != null && connector != null) {
				proxy.setDiscovery(beacon, connector, properties.getDiscovery().getAdvertisedAddress());
			}
			else {
				ZmqProxies.requireNoDiscovery(name, proxy);
			}
			return proxy;
		}

	}

	/**
	 * Maps {@code zmq.proxies.<name>} to a {@link ZmqProxy}, validating it with messages
	 * that name the property at fault.
	 */
	static final class ZmqProxies {

		private static final String TYPES = "router-dealer, xsub-xpub or pull-push";

		private ZmqProxies() {
		}

		static ZmqProxy create(String name, ZmqProperties.Proxy properties, ZmqSocketFactory factory) {
			String prefix = "zmq.proxies." + name;
			ZmqProxyType type = properties.getType();
			if (type == null) {
				throw new InvalidZmqSocketSpecException(prefix + ".type", null, "a proxy type is required: " + TYPES);
			}
			ZmqSocketSpec frontend = side(name, "frontend", properties.getFrontend(), type.getFrontendType());
			ZmqSocketSpec backend = side(name, "backend", properties.getBackend(), type.getBackendType());
			ZmqSocketSpec capture = capture(name, properties);
			ZmqProxy proxy = new ZmqProxy(name, type, frontend, backend, capture, factory);
			proxy.setAutoStartup(properties.isAutoStartup());
			return proxy;
		}

		static ZmqSocketSpec side(String name, String side, ZmqProperties.Proxy.Side properties, SocketType type) {
			ZmqSocketOptions options = properties.toSocketOptions();
			return ZmqSocketSpec.builder(name + "." + side, "zmq.proxies." + name + "." + side)
				.type(type)
				.bind(properties.getBind())
				.connect(properties.getConnect())
				.options(options)
				.announce(properties.getAnnounce())
				.build();
		}

		static ZmqSocketSpec capture(String name, ZmqProperties.Proxy properties) {
			String prefix = "zmq.proxies." + name;
			if (!StringUtils.hasText(properties.getCapture())) {
				return null;
			}
			SocketType type = properties.getCaptureType();
			if (type == null || !ZmqProxy.CAPTURE_TYPES.contains(type)) {
				throw new InvalidZmqSocketSpecException(prefix + ".capture-type", type,
						"a capture socket is one of " + ZmqProxy.CAPTURE_TYPES);
			}
			String endpoint = properties.getCapture().trim();
			try {
				if (ZmqEndpoint.parse(endpoint).isDiscovery()) {
					throw new IllegalArgumentException(
							"the capture socket binds; give an address such as inproc://" + name + "-capture");
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidZmqSocketSpecException(prefix + ".capture", endpoint, ex.getMessage(), ex);
			}
			return ZmqSocketSpec.builder(name + ".capture", prefix + ".capture")
				.type(type)
				.bind(new ArrayList<>(List.of(endpoint)))
				.build();
		}

		static void requireNoDiscovery(String name, ZmqProxy proxy) {
			for (ZmqSocketSpec spec : Arrays.asList(proxy.getFrontendSpec(), proxy.getBackendSpec())) {
				if (spec.getAnnounce() != null) {
					throw new InvalidZmqSocketSpecException(spec.getOrigin() + ".announce", spec.getAnnounce(),
							"announcing needs service discovery: set zmq.discovery.enabled=true");
				}
			}
		}

	}

}
