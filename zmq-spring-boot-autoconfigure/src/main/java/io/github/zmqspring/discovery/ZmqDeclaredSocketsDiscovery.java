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
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.security.ZmqSocketSecurity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Brings the sockets of a {@link ZmqSocketManager} into discovery: announces the real
 * bound endpoints of sockets that declare {@code announce}, and keeps sockets that
 * connect to {@code discovery://service} connected to every live instance. Sockets
 * claimed by listeners are left to their containers.
 *
 * @author zmq-spring-boot
 */
public class ZmqDeclaredSocketsDiscovery implements SmartLifecycle {

	/** The phase: after the beacon starts, so it stops (and detaches) first. */
	public static final int PHASE = ZmqBeaconServiceRegistry.PHASE + 10;

	private static final Log logger = LogFactory.getLog(ZmqDeclaredSocketsDiscovery.class);

	private final ZmqSocketManager manager;

	private final ZmqBeaconServiceRegistry beacon;

	private final ZmqDiscoveryConnector connector;

	private final String advertisedAddress;

	private final List<ZmqServiceInstance> announced = new ArrayList<>();

	private final List<ZmqServiceRegistry.Subscription> attachments = new ArrayList<>();

	private volatile boolean running;

	/**
	 * Create the binding.
	 * @param manager the declared sockets
	 * @param beacon the beacon that announces
	 * @param connector the connector that resolves {@code discovery://} endpoints
	 * @param advertisedAddress the host announced in place of the bound one, or
	 * {@code null}
	 */
	public ZmqDeclaredSocketsDiscovery(ZmqSocketManager manager, ZmqBeaconServiceRegistry beacon,
			ZmqDiscoveryConnector connector, String advertisedAddress) {
		this.manager = manager;
		this.beacon = beacon;
		this.connector = connector;
		this.advertisedAddress = (advertisedAddress != null && !advertisedAddress.isBlank()) ? advertisedAddress.trim()
				: null;
	}

	/**
	 * Return the endpoint to announce for a bound endpoint: tcp hosts are replaced by the
	 * advertised address when one is set.
	 * @param bound the endpoint as bound, with its real port
	 * @param advertisedAddress the advertised host, or {@code null}
	 * @return the endpoint to announce
	 */
	public static String advertise(String bound, String advertisedAddress) {
		if (advertisedAddress == null || !bound.startsWith("tcp://")) {
			return bound;
		}
		int colon = bound.lastIndexOf(':');
		String host = advertisedAddress.contains(":") && !advertisedAddress.startsWith("[")
				? "[" + advertisedAddress + "]" : advertisedAddress;
		return "tcp://" + host + bound.substring(colon);
	}

	/**
	 * Announce the bound endpoints of a socket whose spec sets {@code announce}.
	 * @param beacon the beacon
	 * @param spec the socket's spec
	 * @param boundEndpoints the endpoints it bound, with their real ports
	 * @param advertisedAddress the advertised host, or {@code null}
	 * @return the announced instances, empty when the spec announces nothing
	 */
	static List<ZmqServiceInstance> announce(ZmqBeaconServiceRegistry beacon, ZmqSocketSpec spec,
			List<String> boundEndpoints, String advertisedAddress) {
		if (spec.getAnnounce() == null) {
			return List.of();
		}
		List<ZmqServiceInstance> announced = new ArrayList<>();
		for (String bound : boundEndpoints) {
			String endpoint = advertise(bound, advertisedAddress);
			if (endpoint.startsWith("tcp://0.0.0.0:") || endpoint.startsWith("tcp://*:")) {
				logger.warn("Socket '" + spec.getName() + "' announces " + endpoint
						+ ", which peers cannot reach; set zmq.discovery.advertised-address");
			}
			ZmqSocketSecurity security = spec.getSecurity();
			// a CURVE server's public key travels in the (signed) beacon:
			// docs/security.md
			String curveKey = (security != null && security.getMechanism() == ZmqSocketSecurity.Mechanism.CURVE
					&& security.isServer()) ? security.getPublicKey() : null;
			announced.add(beacon.announce(spec.getAnnounce(), endpoint, spec.getType().type, curveKey));
		}
		return announced;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		for (String name : this.manager.getSocketNames()) {
			ZmqSocketSpec spec = this.manager.getSpec(name);
			boolean discovers = spec.getConnect().stream().anyMatch(ZmqEndpoint::isDiscovery);
			if (spec.getAnnounce() == null && !discovers) {
				continue;
			}
			try {
				this.manager.getOwner(name);
			}
			catch (ZmqException ex) {
				// claimed by a listener container, which attaches it itself
				logger.debug("Socket '" + name + "' is not managed here: " + ex.getMessage());
				continue;
			}
			this.announced
				.addAll(announce(this.beacon, spec, this.manager.getBoundEndpoints(name), this.advertisedAddress));
			for (ZmqEndpoint endpoint : spec.getConnect()) {
				if (endpoint.isDiscovery()) {
					this.attachments.add(this.connector.attach(endpoint.getAddress(),
							ZmqEndpointTarget.of(this.manager.getOwner(name))));
				}
			}
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.attachments.forEach(ZmqServiceRegistry.Subscription::close);
		this.attachments.clear();
		this.announced.forEach(this.beacon::withdraw);
		this.announced.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
