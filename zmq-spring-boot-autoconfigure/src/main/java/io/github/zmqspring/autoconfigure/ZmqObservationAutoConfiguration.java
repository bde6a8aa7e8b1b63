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
import io.github.zmqspring.observation.ZmqBacklogListener;
import io.github.zmqspring.observation.ZmqBacklogMonitor;
import io.github.zmqspring.observation.ZmqListenerObservationConvention;
import io.github.zmqspring.observation.ZmqListenerObservations;
import io.github.zmqspring.observation.ZmqSocketEventPublisher;
import io.github.zmqspring.observation.ZmqTemplateObservationConvention;
import io.github.zmqspring.observation.ZmqTemplateObservations;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observability of ZeroMQ that needs no Actuator: {@code zmq.template} and
 * {@code zmq.listener} observations (when enabled by
 * {@code zmq.template.observation-enabled} and {@code zmq.listener.observation-enabled}),
 * socket events as application events, and the backlog monitor.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ZContext.class)
@ConditionalOnBean(ZmqSocketManager.class)
public final class ZmqObservationAutoConfiguration {

	/**
	 * The observations, through the application's {@link ObservationRegistry}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty("zmq.template.observation-enabled")
		ZmqTemplateObservations zmqTemplateObservations(ObjectProvider<ObservationRegistry> registry,
				ObjectProvider<ZmqTemplateObservationConvention> convention) {
			return new ZmqTemplateObservations(registry.getIfUnique(() -> ObservationRegistry.NOOP),
					convention.getIfUnique());
		}

		@Bean
		@ConditionalOnBooleanProperty("zmq.template.observation-enabled")
		ZmqTemplateCustomizer zmqTemplateObservationCustomizer(ObjectProvider<ZmqTemplateObservations> observations) {
			return (template) -> template.setObservations(observations.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty("zmq.listener.observation-enabled")
		ZmqListenerObservations zmqListenerObservations(ObjectProvider<ObservationRegistry> registry,
				ObjectProvider<ZmqListenerObservationConvention> convention) {
			return new ZmqListenerObservations(registry.getIfUnique(() -> ObservationRegistry.NOOP),
					convention.getIfUnique());
		}

	}

	/**
	 * Socket events as {@link io.github.zmqspring.observation.ZmqSocketEvent}s.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SocketEventConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqSocketEventPublisher zmqSocketEventPublisher(ApplicationEventPublisher eventPublisher) {
			return new ZmqSocketEventPublisher(eventPublisher);
		}

	}

	/**
	 * The backlog monitor.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "zmq.backlog.enabled", matchIfMissing = true)
	static class BacklogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqBacklogMonitor zmqBacklogMonitor(ZmqSocketManager socketManager,
				ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry, ZmqProperties properties,
				ObjectProvider<ZmqBacklogListener> listeners, ApplicationEventPublisher eventPublisher) {
			ZmqProperties.Backlog backlog = properties.getBacklog();
			if (backlog.getThreshold() < 0) {
				throw new IllegalArgumentException(
						"Invalid zmq.backlog.threshold " + backlog.getThreshold() + ": must not be negative");
			}
			if (backlog.getPeriod().isNegative()) {
				throw new IllegalArgumentException(
						"Invalid zmq.backlog.period " + backlog.getPeriod() + ": must not be negative");
			}
			if (backlog.getSampleInterval().isNegative() || backlog.getSampleInterval().isZero()) {
				throw new IllegalArgumentException(
						"Invalid zmq.backlog.sample-interval " + backlog.getSampleInterval() + ": must be positive");
			}
			ZmqBacklogMonitor monitor = new ZmqBacklogMonitor(socketManager, () -> {
				ZmqListenerEndpointRegistry registry = listenerRegistry.getIfAvailable();
				return (registry != null) ? registry.getListenerContainers() : java.util.List.of();
			}, backlog.getThreshold(), backlog.getPeriod(), backlog.getSampleInterval());
			monitor.setListeners(listeners.orderedStream().toList());
			monitor.setEventPublisher(eventPublisher);
			return monitor;
		}

	}

}
