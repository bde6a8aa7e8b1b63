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
package io.github.zmqspring.discovery;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The listeners of one {@link ZmqServiceRegistry} and its application events: tells each
 * listener of a join or leave (a failing listener is logged, the others still hear of
 * it), then publishes the matching event. Callers serialise deliveries themselves, so
 * that listeners hear of changes in the order they happened.
 *
 * @author zmq-spring-boot
 */
final class ZmqServiceInstanceListeners {

	private static final Log logger = LogFactory.getLog(ZmqServiceInstanceListeners.class);

	private final ZmqServiceRegistry source;

	private final String origin;

	private final List<ZmqServiceInstanceListener> listeners = new CopyOnWriteArrayList<>();

	private volatile ApplicationEventPublisher eventPublisher;

	/**
	 * @param source the registry the events come from
	 * @param origin how the registry's log lines name it, such as {@code "Spring Cloud"}
	 */
	ZmqServiceInstanceListeners(ZmqServiceRegistry source, String origin) {
		this.source = source;
		this.origin = origin;
	}

	void setEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Tell a new listener of the live instances, then add it.
	 * @param listener the listener
	 * @param live the instances known now
	 * @return the subscription that removes it
	 */
	ZmqServiceRegistry.Subscription add(ZmqServiceInstanceListener listener, Collection<ZmqServiceInstance> live) {
		live.forEach(listener::joined);
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	void joined(ZmqServiceInstance instance) {
		logger.debug("Service instance joined (" + this.origin + "): " + instance);
		for (ZmqServiceInstanceListener listener : this.listeners) {
			try {
				listener.joined(instance);
			}
			catch (Exception ex) {
				logger.warn("Discovery listener " + listener + " failed on join of " + instance, ex);
			}
		}
		publish(new ZmqServiceInstanceJoinedEvent(this.source, instance));
	}

	void left(ZmqServiceInstance instance, ZmqServiceInstanceListener.LeaveReason reason) {
		logger.debug("Service instance left (" + this.origin + ", " + reason + "): " + instance);
		for (ZmqServiceInstanceListener listener : this.listeners) {
			try {
				listener.left(instance, reason);
			}
			catch (Exception ex) {
				logger.warn("Discovery listener " + listener + " failed on leave of " + instance, ex);
			}
		}
		publish(new ZmqServiceInstanceLeftEvent(this.source, instance, reason));
	}

	private void publish(Object event) {
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			try {
				publisher.publishEvent(event);
			}
			catch (Exception ex) {
				logger.warn("Publishing " + event + " failed", ex);
			}
		}
	}

}
