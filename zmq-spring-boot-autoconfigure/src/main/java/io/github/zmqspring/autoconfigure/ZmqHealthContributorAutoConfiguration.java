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

import io.github.zmqspring.core.socket.ZmqContextLifecycle;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.github.zmqspring.observation.ZmqContextHealth;
import org.zeromq.ZContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zmq} health component ({@link ZmqHealthIndicator}).
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass({ ZContext.class, HealthIndicator.class })
@ConditionalOnBean(ZmqSocketManager.class)
@ConditionalOnEnabledHealthIndicator("zmq")
public final class ZmqHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "zmqHealthIndicator", "zmqHealthContributor" })
	ZmqHealthIndicator zmqHealthIndicator(ZmqSocketManager socketManager,
			ObjectProvider<ZmqListenerEndpointRegistry> listenerRegistry,
			ObjectProvider<ZmqServiceRegistry> serviceRegistry, ObjectProvider<ZmqContextHealth> contextHealth) {
		return new ZmqHealthIndicator(new ZmqOperationsView(socketManager, listenerRegistry, serviceRegistry),
				contextHealth);
	}

	// a dead JeroMQ thread (ZmqContextLifecycle marks the context failed), or a context
	// closed under a running application: its sockets are gone either way
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ZContext.class, ZmqContextLifecycle.class })
	ZmqContextHealth zmqContextHealth(ZContext zmqContext, ZmqContextLifecycle zmqContextLifecycle) {
		return () -> {
			if (zmqContextLifecycle.isFailed()) {
				return "ZeroMQ thread '" + zmqContextLifecycle.getFailedThreadName() + "' died: "
						+ zmqContextLifecycle.getFailure();
			}
			return (zmqContextLifecycle.isRunning() && zmqContext.isClosed())
					? "the ZeroMQ context was closed while the application runs" : null;
		};
	}

}
