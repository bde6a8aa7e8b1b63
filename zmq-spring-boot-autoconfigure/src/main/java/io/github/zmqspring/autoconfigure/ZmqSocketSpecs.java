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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.security.ZmqSocketSecurity;

/**
 * Turns the sockets declared under {@code zmq.sockets} into validated specs.
 *
 * @author zmq-spring-boot
 */
final class ZmqSocketSpecs {

	private ZmqSocketSpecs() {
	}

	static List<ZmqSocketSpec> from(ZmqProperties properties) {
		List<ZmqSocketSpec> specs = new ArrayList<>();
		for (Map.Entry<String, ZmqProperties.Socket> entry : properties.getSockets().entrySet()) {
			ZmqSocketSpec spec = from(entry.getKey(), entry.getValue());
			checkBeaconKey(spec, properties);
			specs.add(spec);
		}
		return specs;
	}

	static ZmqSocketSpec from(String name, ZmqProperties.Socket socket) {
		ZmqSocketOptions options = socket.toSocketOptions();
		return ZmqSocketSpec.builder(name, "zmq.sockets." + name)
			.type(socket.getType())
			.bind(socket.getBind())
			.connect(socket.getConnect())
			.topics(socket.getTopics())
			.options(options)
			.awaitPeers(socket.getAwaitPeers())
			.awaitSubscribers(socket.getAwaitSubscribers())
			.awaitTimeout(socket.getAwaitTimeout())
			.announce(socket.getAnnounce())
			.contentType(socket.getContentType())
			.security(security("zmq.sockets." + name, socket))
			.build();
	}

	// a CURVE client that takes its server key from a beacon trusts the beacon: only a
	// signed one (docs/security.md, the beacon trust model)
	private static void checkBeaconKey(ZmqSocketSpec spec, ZmqProperties properties) {
		ZmqSocketSecurity security = spec.getSecurity();
		String secret = properties.getDiscovery().getSecret();
		if (security != null && security.getMechanism() == ZmqSocketSecurity.Mechanism.CURVE && !security.isServer()
				&& security.getServerKey() == null && (secret == null || secret.isEmpty())) {
			throw new InvalidZmqSocketSpecException("zmq.discovery.secret", null,
					spec.getOrigin() + " takes its CURVE server key from discovery beacons (no " + security.getPrefix()
							+ ".server-key), which is safe only when beacons are signed: set zmq.discovery.secret, or "
							+ security.getPrefix() + ".server-key");
		}
	}

	private static ZmqSocketSecurity.Builder security(String prefix, ZmqProperties.Socket socket) {
		ZmqSecurityProperties.SocketCurve curve = socket.getCurve();
		ZmqSecurityProperties.SocketPlain plain = socket.getPlain();
		if (curve.isConfigured() && plain.isConfigured()) {
			throw new InvalidZmqSocketSpecException(prefix + ".plain", null,
					"a socket uses CURVE or PLAIN, not both (" + prefix + ".curve is set too)");
		}
		if (curve.isConfigured()) {
			return ZmqSocketSecurity.curve(prefix + ".curve")
				.server(curve.isServer())
				.publicKey(curve.getPublicKey())
				.secretKey(curve.getSecretKey())
				.certificate(curve.getCertificate())
				.serverKey(curve.getServerKey())
				.allowedKeys(curve.getAllowedKeys())
				.allowedKeysLocation(curve.getAllowedKeysLocation())
				.allowAny(curve.getAllowAny());
		}
		if (plain.isConfigured()) {
			return ZmqSocketSecurity.plain(prefix + ".plain")
				.server(plain.isServer())
				.username(plain.getUsername())
				.password(plain.getPassword());
		}
		return null;
	}

}
