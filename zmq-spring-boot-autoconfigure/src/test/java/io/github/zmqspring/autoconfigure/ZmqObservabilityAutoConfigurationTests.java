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
import io.github.zmqspring.observation.ZmqBacklogMonitor;
import io.github.zmqspring.observation.ZmqListenerObservations;
import io.github.zmqspring.observation.ZmqSocketEventPublisher;
import io.github.zmqspring.observation.ZmqTemplateObservations;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability auto-configurations: what they create, when, and that each bean backs
 * off from the application's own.
 */
class ZmqObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(ZmqAutoConfiguration.class, ZmqObservationAutoConfiguration.class, ZmqEndpointAutoConfiguration.class));

	@Test
	void socketEventsAndTheBacklogMonitorByDefaultObservationsOnlyWhenEnabled() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ZmqSocketEventPublisher.class)
			.hasSingleBean(ZmqBacklogMonitor.class)
			.doesNotHaveBean(ZmqTemplateObservations.class)
			.doesNotHaveBean(ZmqListenerObservations.class)
			.doesNotHaveBean(ZmqActuatorEndpoint.class));
		this.runner
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.listener.observation-enabled=true",
					"zmq.backlog.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZmqTemplateObservations.class)
				.hasSingleBean(ZmqListenerObservations.class)
				.doesNotHaveBean(ZmqBacklogMonitor.class));
	}

	@Test
	void eachBeanBacksOff() {
		ZmqTemplateObservations templateObservations = new ZmqTemplateObservations(ObservationRegistry.NOOP, null);
		ZmqListenerObservations listenerObservations = new ZmqListenerObservations(ObservationRegistry.NOOP, null);
		this.runner
			.withPropertyValues("zmq.template.observation-enabled=true", "zmq.listener.observation-enabled=true",
					"management.endpoints.web.exposure.include=zmq")
			.withBean("myTemplateObservations", ZmqTemplateObservations.class, () -> templateObservations)
			.withBean("myListenerObservations", ZmqListenerObservations.class, () -> listenerObservations)
			.withBean("myEvents", ZmqSocketEventPublisher.class, () -> new ZmqSocketEventPublisher((event) -> {
			}))
			.withBean("myMonitor", ZmqBacklogMonitor.class,
					() -> new ZmqBacklogMonitor(new ZmqSocketManager(null, java.util.List.of()), java.util.List::of, 1,
							java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1)))
			.run((context) -> {
				assertThat(context).getBean(ZmqTemplateObservations.class).isSameAs(templateObservations);
				assertThat(context).getBean(ZmqListenerObservations.class).isSameAs(listenerObservations);
				assertThat(context).hasSingleBean(ZmqSocketEventPublisher.class).hasSingleBean(ZmqBacklogMonitor.class);
				assertThat(context.getBeanNamesForType(ZmqSocketEventPublisher.class)).containsExactly("myEvents");
				assertThat(context.getBeanNamesForType(ZmqBacklogMonitor.class)).containsExactly("myMonitor");
			});
	}

	@Test
	void theEndpointWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=zmq")
			.run((context) -> assertThat(context).hasSingleBean(ZmqActuatorEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=zmq")
			.withUserConfiguration(OwnEndpoint.class)
			.run((context) -> assertThat(context.getBeanNamesForType(ZmqActuatorEndpoint.class))
				.containsExactly("myEndpoint"));
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class OwnEndpoint {

		@org.springframework.context.annotation.Bean
		ZmqActuatorEndpoint myEndpoint(ZmqSocketManager manager) {
			return new ZmqActuatorEndpoint(new ZmqOperationsView(manager,
					new org.springframework.beans.factory.support.StaticListableBeanFactory()
						.getBeanProvider(io.github.zmqspring.listener.ZmqListenerEndpointRegistry.class),
					new org.springframework.beans.factory.support.StaticListableBeanFactory()
						.getBeanProvider(io.github.zmqspring.discovery.ZmqServiceRegistry.class)));
		}

	}

	@Test
	void badBacklogSettingsFailNamingTheProperty() {
		this.runner.withPropertyValues("zmq.backlog.threshold=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zmq.backlog.threshold"));
		this.runner.withPropertyValues("zmq.backlog.sample-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zmq.backlog.sample-interval"));
	}

}
