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

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The instance metadata through which ZeroMQ services travel in Spring Cloud registries
 * (Eureka, Consul, Kubernetes, or the static instances of {@code SimpleDiscoveryClient}).
 * An application instance that announces service {@code echo} on tcp port 41234 publishes
 * {@code zmq-port-echo=41234}; peers connect to {@code tcp://<instance
 * host>:41234}. Several endpoints of one service are comma-separated ports. The key names
 * use only letters, digits and hyphens, which every registry accepts (Consul refuses
 * dots), as grpc-spring's {@code gRPC_port} does.
 * <p>
 * A plain {@code zmq-port} key (no service name) makes the instance an instance of the
 * ZeroMQ service named by its own service id: that is how
 * {@code spring.cloud.discovery.client.simple.instances.echo[0].uri=tcp://10.0.0.5:5555}
 * with {@code ...echo[0].metadata.zmq-port=5555} points at a fixed host, such as a libzmq
 * peer that registers nowhere. An instance whose client keeps a {@code tcp} URI scheme
 * needs no metadata at all.
 *
 * @author zmq-spring-boot
 */
public final class ZmqCloudMetadata {

	/** The prefix of the key that carries the tcp port(s) of a service. */
	public static final String PORT_PREFIX = "zmq-port-";

	/**
	 * The key that carries the tcp port(s) of the service named by the instance's own
	 * service id.
	 */
	public static final String PORT = "zmq-port";

	/**
	 * The prefix of the key reserved for the Z85 CURVE public key of a service's sockets
	 * (published with the security settings).
	 */
	public static final String CURVE_KEY_PREFIX = "zmq-curve-key-";

	private ZmqCloudMetadata() {
	}

	/**
	 * Return the metadata that publishes announced instances: their tcp ports by service.
	 * Endpoints that are not tcp (inproc, ipc) cannot be reached from another host and
	 * are left out.
	 * @param announcements the instances this application announces
	 * @return the metadata, sorted by key
	 */
	public static Map<String, String> toMetadata(List<ZmqServiceInstance> announcements) {
		Map<String, List<String>> ports = new TreeMap<>();
		for (ZmqServiceInstance instance : announcements) {
			String endpoint = instance.endpoint();
			if (!endpoint.startsWith("tcp://")) {
				continue;
			}
			String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
			List<String> list = ports.computeIfAbsent(instance.service(), (key) -> new ArrayList<>());
			if (!list.contains(port)) {
				list.add(port);
			}
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		ports.forEach((service, list) -> metadata.put(PORT_PREFIX + service, String.join(",", list)));
		return metadata;
	}

	/**
	 * Return the ZeroMQ service instances a registry's instance publishes.
	 * @param instance the registry's instance
	 * @return the ZeroMQ instances, empty when it publishes none
	 * @throws IllegalArgumentException when a {@code zmq-port-} value is not a list of
	 * ports (the message names the key and the instance)
	 */
	public static List<ZmqServiceInstance> fromServiceInstance(ServiceInstance instance) {
		String host = instance.getHost();
		String id = instanceId(instance);
		List<ZmqServiceInstance> result = new ArrayList<>();
		Map<String, String> metadata = (instance.getMetadata() != null) ? instance.getMetadata() : Map.of();
		boolean published = false;
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			String service;
			if (entry.getKey().startsWith(PORT_PREFIX)) {
				service = entry.getKey().substring(PORT_PREFIX.length());
			}
			else if (entry.getKey().equals(PORT)) {
				service = instance.getServiceId();
			}
			else {
				continue;
			}
			published = true;
			if (service.isEmpty()) {
				throw new IllegalArgumentException(
						"Metadata key '" + entry.getKey() + "' of " + id + " names no service");
			}
			for (String part : String.valueOf(entry.getValue()).split(",")) {
				int port = parsePort(part.trim(), entry.getKey(), id);
				result.add(new ZmqServiceInstance(service, "tcp://" + hostPart(host) + ":" + port, id, -1));
			}
		}
		if (!published) {
			URI uri = instance.getUri();
			boolean tcp = "tcp".equalsIgnoreCase(instance.getScheme())
					|| (uri != null && "tcp".equalsIgnoreCase(uri.getScheme()));
			if (tcp && uri != null && uri.getHost() != null && uri.getPort() > 0) {
				result.add(new ZmqServiceInstance(instance.getServiceId(),
						"tcp://" + hostPart(uri.getHost()) + ":" + uri.getPort(), id, -1));
			}
		}
		return result;
	}

	private static String instanceId(ServiceInstance instance) {
		String id = instance.getInstanceId();
		return (id != null && !id.isBlank()) ? id
				: instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
	}

	private static int parsePort(String text, String key, String id) {
		try {
			int port = Integer.parseInt(text);
			if (port > 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Metadata '" + key + "' of " + id
				+ " must be tcp ports 1-65535 separated by commas, not '" + text + "'");
	}

	private static String hostPart(String host) {
		return (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

}
