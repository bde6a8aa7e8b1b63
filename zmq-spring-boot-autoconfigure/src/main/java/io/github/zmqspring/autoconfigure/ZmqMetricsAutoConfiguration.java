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

import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.github.zmqspring.observation.ZmqMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The meters of ZeroMQ sockets, listeners and requests ({@link ZmqMetrics}), whenever a
 * {@link MeterRegistry} exists.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ ZContext.class, MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, ZmqSocketManager.class })
public final class ZmqMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZmqMetrics zmqMetrics(ZmqSocketManager socketManager, ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry,
			ObjectProvider<ZmqTemplate> template) {
		return new ZmqMetrics(socketManager, () -> {
			ZmqListenerEndpointRegistry registry = listenerRegistry.getIfAvailable();
			return (registry != null) ? registry.getListenerContainers() : List.of();
		}, template::getIfUnique);
	}

	@Bean
	ZmqTemplateCustomizer zmqTemplateMetricsCustomizer(ObjectProvider<ZmqMetrics> metrics) {
		return (template) -> metrics.ifUnique(template::setRequestListener);
	}

}
