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

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqSecurityAutoConfiguration;
import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.security.ZmqKeyPair;
import io.github.zmqspring.security.ZmqKeyTool;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A CURVE server announces its public key in the signed beacon; a {@code discovery://}
 * CURVE client without a server key takes it from there, only when beacons are signed.
 */
class ZmqSecureDiscoveryTests {

	static final ZmqKeyPair SERVER = ZmqKeyTool.generate();

	static final ZmqKeyPair CLIENT = ZmqKeyTool.generate();

	private final int port = DiscoveryTestSupport.freeUdpPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class,
				ZmqSecurityAutoConfiguration.class))
		.withPropertyValues("zmq.discovery.enabled=true", "zmq.discovery.port=" + this.port,
				"zmq.discovery.broadcast-address=127.255.255.255", "zmq.discovery.interval=200ms",
				"zmq.discovery.ttl=10s");

	@Test
	void clientTakesTheServerKeyFromTheSignedBeacon() {
		this.runner.withUserConfiguration(SecureServer.class)
			.withPropertyValues("zmq.discovery.secret=s3cret", "zmq.sockets.rpc.type=router",
					"zmq.sockets.rpc.bind=tcp://127.0.0.1:0", "zmq.sockets.rpc.announce=secure-rpc",
					"zmq.sockets.rpc.curve.server=true", "zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
					"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey(),
					"zmq.security.curve.allowed-keys=" + CLIENT.getPublicKey())
			.run((server) -> {
				assertThat(server).hasNotFailed();
				assertThat(server.getBean(ZmqBeaconServiceRegistry.class).getAnnouncements())
					.extracting(ZmqServiceInstance::curveKey)
					.containsExactly(SERVER.getPublicKey());
				this.runner
					.withPropertyValues("zmq.discovery.secret=s3cret", "zmq.sockets.client.type=dealer",
							"zmq.sockets.client.connect=discovery://secure-rpc", "zmq.sockets.client.await-peers=1",
							"zmq.sockets.client.curve.public-key=" + CLIENT.getPublicKey(),
							"zmq.sockets.client.curve.secret-key=" + CLIENT.getSecretKey())
					.run((client) -> {
						assertThat(client).hasNotFailed();
						assertThat(client.getBean(ZmqTemplate.class).request("client", "hi", String.class))
							.isEqualTo("secure:hi");
					});
				assertThat(server.getBean(SecureServer.class).seen).containsExactly("hi");
			});
	}

	@Test
	void clientWithoutServerKeyNeedsSignedBeacons() {
		this.runner
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=discovery://secure-rpc",
					"zmq.sockets.client.curve.public-key=" + CLIENT.getPublicKey(),
					"zmq.sockets.client.curve.secret-key=" + CLIENT.getSecretKey())
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (!(failure instanceof InvalidZmqSocketSpecException) && failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(InvalidZmqSocketSpecException.class);
				assertThat(((InvalidZmqSocketSpecException) failure).getProperty()).isEqualTo("zmq.discovery.secret");
			});
	}

	@Test
	void curveKeyIsSignedWithTheRestOfTheBeacon() throws Exception {
		ZmqBeaconCodec codec = new ZmqBeaconCodec("s3cret");
		ZmqServiceInstance instance = new ZmqServiceInstance("svc", "tcp://127.0.0.1:5000", "id-1", 6,
				SERVER.getPublicKey());
		byte[] packet = codec.encode(new ZmqBeacon(instance, false));
		assertThat(codec.decode(packet, packet.length).instance()).isEqualTo(instance);
		// an attacker swapping the key breaks the signature
		byte[] tampered = Arrays.copyOf(packet, packet.length);
		tampered[tampered.length - 33] ^= 1;
		assertThatExceptionOfType(ZmqBeaconCodec.Rejection.class)
			.isThrownBy(() -> codec.decode(tampered, tampered.length))
			.satisfies((rejection) -> assertThat(rejection.getReason()).isEqualTo(ZmqBeaconCodec.Reason.BAD_SIGNATURE));
		ZmqServiceInstance plain = new ZmqServiceInstance("svc", "tcp://127.0.0.1:5000", "id-1", 6);
		byte[] without = codec.encode(new ZmqBeacon(plain, false));
		assertThat(codec.decode(without, without.length).instance().curveKey()).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class SecureServer {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "secure-listener", socket = "rpc")
		String handle(String request) {
			this.seen.add(request);
			return "secure:" + request;
		}

	}

}
