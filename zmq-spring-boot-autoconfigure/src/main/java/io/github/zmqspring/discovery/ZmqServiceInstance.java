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

import java.util.Objects;

/**
 * One live instance of a service: the endpoint to connect to, the id of the application
 * instance that announced it and the type of its socket.
 *
 * @param service the service name
 * @param endpoint the endpoint peers connect to, such as {@code tcp://10.0.0.5:41234}
 * @param instanceId the id of the announcing application instance
 * @param socketType the announcing socket's type (JeroMQ's numeric type), or -1 if
 * unknown
 * @param curveKey the CURVE public key (Z85) of a CURVE server, carried in the signed
 * beacon, or {@code null}
 * @author zmq-spring-boot
 */
public record ZmqServiceInstance(String service, String endpoint, String instanceId, int socketType, String curveKey) {

	/**
	 * Create an instance, checking that the names are present.
	 */
	public ZmqServiceInstance {
		Objects.requireNonNull(service, "service");
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(instanceId, "instanceId");
	}

	/**
	 * Create an instance of a socket that is not a CURVE server.
	 * @param service the service name
	 * @param endpoint the endpoint peers connect to
	 * @param instanceId the id of the announcing application instance
	 * @param socketType the socket's type number, or -1
	 */
	public ZmqServiceInstance(String service, String endpoint, String instanceId, int socketType) {
		this(service, endpoint, instanceId, socketType, null);
	}

	/**
	 * @return the key that identifies this instance within its service
	 */
	String key() {
		return this.instanceId + "|" + this.endpoint;
	}

}
