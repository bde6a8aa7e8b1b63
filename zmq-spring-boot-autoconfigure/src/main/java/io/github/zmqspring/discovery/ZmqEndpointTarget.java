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

import io.github.zmqspring.core.socket.ZmqSocketAccess;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.security.ZmqSocketSecurity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Something that connects to and disconnects from endpoints, such as a socket reached
 * under its lock. Calls must not block for long: they come from the registry's thread.
 *
 * @author zmq-spring-boot
 */
public interface ZmqEndpointTarget {

	/**
	 * Connect to an endpoint.
	 * @param endpoint the endpoint
	 */
	void connect(String endpoint);

	/**
	 * Connect to an endpoint of a CURVE server whose public key came in its signed
	 * beacon.
	 * @param endpoint the endpoint
	 * @param curveKey the server's CURVE public key (Z85), or {@code null} when the
	 * beacon carried none
	 */
	default void connect(String endpoint, String curveKey) {
		connect(endpoint);
	}

	/**
	 * Disconnect from an endpoint.
	 * @param endpoint the endpoint
	 */
	void disconnect(String endpoint);

	/**
	 * A target that connects and disconnects a declared socket under its lock.
	 * @param owner the socket's loop
	 * @return the target
	 */
	static ZmqEndpointTarget of(ZmqSocketOwner owner) {
		return of(owner, "socket '" + owner.getSpec().getName() + "'");
	}

	/**
	 * A target that connects and disconnects a socket (a declared socket's loop or a
	 * listener container) under its lock; the one implementation discovery uses.
	 * @param socket the socket
	 * @param description what the socket is, for messages
	 * @return the target
	 */
	static ZmqEndpointTarget of(ZmqSocketAccess socket, String description) {
		Log logger = LogFactory.getLog(ZmqEndpointTarget.class);
		return new ZmqEndpointTarget() {

			@Override
			public void connect(String endpoint) {
				connect(endpoint, null);
			}

			@Override
			public void connect(String endpoint, String curveKey) {
				socket.execute((handle) -> {
					ZmqSocketSecurity security = handle.getSpec().getSecurity();
					boolean keyFromBeacon = security != null
							&& security.getMechanism() == ZmqSocketSecurity.Mechanism.CURVE && !security.isServer()
							&& security.getServerKey() == null;
					if (keyFromBeacon) {
						if (curveKey == null) {
							logger.warn(description + " does not connect to discovered " + endpoint
									+ ": its beacon carries no CURVE server key");
							return Boolean.TRUE;
						}
						// options apply to the connections made after them: set per
						// server
						security.applyServerKey(handle.getSocket(), curveKey);
					}
					return handle.getSocket().connect(endpoint);
				}).whenComplete((ok, ex) -> {
					if (ex != null || !Boolean.TRUE.equals(ok)) {
						logger.warn(description + " could not connect to discovered " + endpoint, ex);
					}
				});
			}

			@Override
			public void disconnect(String endpoint) {
				if (socket.isRunning()) {
					socket.execute((handle) -> handle.getSocket().disconnect(endpoint));
				}
			}

			@Override
			public String toString() {
				return description;
			}

		};
	}

}
