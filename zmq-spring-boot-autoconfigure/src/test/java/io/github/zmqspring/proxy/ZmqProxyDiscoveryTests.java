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
package io.github.zmqspring.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqProxyAutoConfiguration;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that announces both sides through discovery: clients and workers find it by
 * name, on this host only (127.255.255.255).
 *
 * @author zmq-spring-boot
 */
@Timeout(60)
class ZmqProxyDiscoveryTests {

	private final int port = freeUdpPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqProxyAutoConfiguration.class))
		.withPropertyValues("zmq.discovery.enabled=true", "zmq.discovery.port=" + this.port,
				"zmq.discovery.broadcast-address=127.255.255.255", "zmq.discovery.interval=200ms",
				"zmq.discovery.ttl=10s");

	@Test
	void clientsAndWorkersFindTheBrokerByName() {
		this.runner
			.withPropertyValues("zmq.proxies.broker.type=router-dealer",
					"zmq.proxies.broker.frontend.bind=tcp://127.0.0.1:0", "zmq.proxies.broker.frontend.announce=broker",
					"zmq.proxies.broker.backend.bind=tcp://127.0.0.1:0",
					"zmq.proxies.broker.backend.announce=broker-workers")
			.run((brokerApp) -> {
				assertThat(brokerApp).hasNotFailed();
				ZmqProxy broker = brokerApp.getBean("broker", ZmqProxy.class);
				this.runner.withUserConfiguration(DiscoveredWorker.class)
					.withPropertyValues("zmq.sockets.client.type=dealer",
							"zmq.sockets.client.connect=discovery://broker")
					.run((app) -> {
						assertThat(app).hasNotFailed();
						ZmqServiceRegistry registry = app.getBean(ZmqServiceRegistry.class);
						await().atMost(Duration.ofSeconds(30))
							.until(() -> !registry.getInstances("broker").isEmpty()
									&& !registry.getInstances("broker-workers").isEmpty());
						assertThat(registry.getInstances("broker")).singleElement()
							.satisfies((instance) -> assertThat(instance.endpoint())
								.isEqualTo(broker.getFrontendBoundEndpoints().get(0)));
						await().atMost(Duration.ofSeconds(30)).until(() -> broker.getBackendPeers() == 1);
						String reply = app.getBean(ZmqTemplate.class)
							.request("client", "hi", String.class, Duration.ofSeconds(20));
						assertThat(reply).isEqualTo("worker:hi");
						assertThat(broker.getFrontendToBackendCount()).isEqualTo(1);
					});
			});
	}

	private static int freeUdpPort() {
		try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class DiscoveredWorker {

		@ZmqListener(id = "worker", type = SocketType.REP, connect = "discovery://broker-workers")
		String work(String request) {
			return "worker:" + request;
		}

	}

}
