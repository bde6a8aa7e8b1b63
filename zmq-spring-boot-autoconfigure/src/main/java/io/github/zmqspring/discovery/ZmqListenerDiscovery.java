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

import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.core.socket.ZmqEndpoint;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerSocketHook;

/**
 * Brings {@code @ZmqListener} sockets into discovery, for as long as each container runs:
 * announces the real bound endpoints of a listener whose socket sets {@code announce}
 * (the annotation attribute, or the declared socket's property), and keeps a listener
 * whose socket connects to {@code discovery://service} connected to every live instance.
 * Connects and disconnects run on the container's socket thread
 * ({@link ZmqListenerContainer#execute}). At stop the container says goodbye and detaches
 * before its socket closes; a restarted container announces its new endpoints.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerDiscovery implements ZmqListenerSocketHook {

	private final ZmqBeaconServiceRegistry beacon;

	private final ZmqDiscoveryConnector connector;

	private final String advertisedAddress;

	/**
	 * Create the hook.
	 * @param beacon the beacon that announces
	 * @param connector the connector that resolves {@code discovery://} endpoints
	 * @param advertisedAddress the host announced in place of the bound one, or
	 * {@code null}
	 */
	public ZmqListenerDiscovery(ZmqBeaconServiceRegistry beacon, ZmqDiscoveryConnector connector,
			String advertisedAddress) {
		this.beacon = beacon;
		this.connector = connector;
		this.advertisedAddress = (advertisedAddress != null && !advertisedAddress.isBlank()) ? advertisedAddress.trim()
				: null;
	}

	@Override
	public AutoCloseable socketOpened(ZmqListenerContainer container, List<String> boundEndpoints) {
		ZmqSocketSpec spec = container.getEndpoint().getSocketSpec();
		List<ZmqServiceRegistry.Subscription> attachments = new ArrayList<>();
		for (ZmqEndpoint endpoint : spec.getConnect()) {
			if (endpoint.isDiscovery()) {
				attachments.add(this.connector.attach(endpoint.getAddress(), ZmqEndpointTarget.of(container,
						"listener '" + container.getListenerId() + "' (socket '" + container.getSocketName() + "')")));
			}
		}
		List<ZmqServiceInstance> announced = ZmqDeclaredSocketsDiscovery.announce(this.beacon, spec, boundEndpoints,
				this.advertisedAddress);
		if (attachments.isEmpty() && announced.isEmpty()) {
			return null;
		}
		return new AutoCloseable() {

			@Override
			public void close() {
				announced.forEach(ZmqListenerDiscovery.this.beacon::withdraw);
				attachments.forEach(ZmqServiceRegistry.Subscription::close);
			}

			@Override
			public String toString() {
				return "discovery of listener '" + container.getListenerId() + "'";
			}

		};
	}

}
