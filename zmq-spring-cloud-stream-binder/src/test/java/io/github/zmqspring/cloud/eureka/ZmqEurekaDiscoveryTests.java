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
package io.github.zmqspring.cloud.eureka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqServiceInstance;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.discovery.ZmqSpringCloudServiceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code discovery://} through a real registry: a Eureka server started by the test as
 * its own application on a free port of 127.0.0.1, a REP service that registers
 * (publishing its bound port as {@code zmq-port-echo}) and a client that asks
 * {@code discovery://echo} through the template and is served; a second service instance
 * joins and takes a share; one deregisters and is dropped. Intervals are cut to a second
 * so that the round trip takes seconds, not minutes.
 */
class ZmqEurekaDiscoveryTests {

	@Test
	@Timeout(240)
	void servicesRegisteredInEurekaServeThroughDiscovery() {
		try (ConfigurableApplicationContext eureka = new SpringApplicationBuilder(EurekaServer.class)
			.web(WebApplicationType.SERVLET)
			.properties("spring.main.web-application-type=servlet", "server.port=0", "server.address=127.0.0.1",
					"spring.application.name=eureka", "eureka.client.enabled=true",
					"eureka.client.register-with-eureka=false", "eureka.client.fetch-registry=false",
					"eureka.server.enable-self-preservation=false", "eureka.server.eviction-interval-timer-in-ms=1000",
					"eureka.server.use-read-only-response-cache=false",
					"eureka.server.response-cache-update-interval-ms=500", "eureka.instance.hostname=127.0.0.1",
					"spring.main.banner-mode=off")
			.run()) {
			String url = "http://127.0.0.1:" + eureka.getEnvironment().getProperty("local.server.port") + "/eureka/";
			try (ConfigurableApplicationContext a = service(url, "A")) {
				try (ConfigurableApplicationContext client = client(url)) {
					ZmqSpringCloudServiceRegistry registry = client.getBean(ZmqSpringCloudServiceRegistry.class);
					assertThat(registry.getClients()).extracting(DiscoveryClient::description)
						.anyMatch((d) -> d.contains("Eureka"));
					String endpointA = announced(a);
					await().atMost(Duration.ofSeconds(60)).until(() -> endpoints(registry).contains(endpointA));
					ZmqOperations template = client.getBean(ZmqOperations.class);
					assertThat(template.request("client", "hi", String.class, Duration.ofSeconds(30)))
						.isEqualTo("A:hi");

					try (ConfigurableApplicationContext b = service(url, "B")) {
						String endpointB = announced(b);
						await().atMost(Duration.ofSeconds(60)).until(() -> endpoints(registry).contains(endpointB));
						// the DEALER round-robins over both connected servers
						Map<String, Integer> answers = new HashMap<>();
						await().atMost(Duration.ofSeconds(30)).until(() -> {
							String reply = template.request("client", "x", String.class, Duration.ofSeconds(10));
							answers.merge(reply.substring(0, 1), 1, Integer::sum);
							return answers.size() == 2;
						});
						System.out.println("eureka discovery: answers by service " + answers);
					}
					// b deregistered at close: dropped, and everything goes to a again
					await().atMost(Duration.ofSeconds(60)).until(() -> endpoints(registry).equals(List.of(endpointA)));
					for (int i = 0; i < 4; i++) {
						assertThat(template.request("client", "y" + i, String.class, Duration.ofSeconds(10)))
							.isEqualTo("A:y" + i);
					}
				}
			}
		}
	}

	private static List<String> endpoints(ZmqServiceRegistry registry) {
		List<String> result = new ArrayList<>();
		registry.getInstances("echo").forEach((ZmqServiceInstance instance) -> result.add(instance.endpoint()));
		return result;
	}

	// the endpoint the service bound (a free port) and announced, which its registration
	// publishes
	private static String announced(ConfigurableApplicationContext service) {
		List<ZmqServiceInstance> announced = service.getBean(ZmqBeaconServiceRegistry.class).getAnnouncements();
		assertThat(announced).hasSize(1);
		assertThat(announced.get(0).endpoint()).startsWith("tcp://127.0.0.1:").doesNotEndWith(":0");
		return announced.get(0).endpoint();
	}

	private static ConfigurableApplicationContext service(String url, String name) {
		return eurekaClient(EchoService.class, url, "echo-app", "echo-app-" + name, "test.name=" + name,
				"zmq.sockets.echo.type=rep", "zmq.sockets.echo.bind=tcp://127.0.0.1:0",
				"zmq.sockets.echo.announce=echo");
	}

	private static ConfigurableApplicationContext client(String url) {
		return eurekaClient(Client.class, url, "echo-client", "echo-client-1", "zmq.sockets.client.type=dealer",
				"zmq.sockets.client.connect=discovery://echo");
	}

	private static ConfigurableApplicationContext eurekaClient(Class<?> application, String url, String name,
			String instanceId, String... more) {
		List<String> properties = new ArrayList<>(List.of("spring.application.name=" + name,
				"eureka.client.enabled=true", "eureka.client.service-url.defaultZone=" + url,
				// the server's Jersey is on the classpath: the clients talk through
				// RestClient
				"eureka.client.jersey.enabled=false", "eureka.client.registry-fetch-interval-seconds=1",
				"eureka.client.instance-info-replication-interval-seconds=1",
				"eureka.client.initial-instance-info-replication-interval-seconds=1",
				"eureka.instance.lease-renewal-interval-in-seconds=1",
				"eureka.instance.lease-expiration-duration-in-seconds=3", "eureka.instance.hostname=127.0.0.1",
				"eureka.instance.ip-address=127.0.0.1", "eureka.instance.prefer-ip-address=true",
				"eureka.instance.instance-id=" + instanceId, "zmq.discovery.enabled=true",
				"zmq.discovery.sources=spring-cloud", "zmq.discovery.refresh-interval=1s",
				"spring.main.banner-mode=off"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(properties.toArray(new String[0]))
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableEurekaServer
	static class EurekaServer {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EchoService {

		@Value("${test.name}")
		String name;

		@ZmqListener(socket = "echo")
		String echo(String request) {
			return this.name + ":" + request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Client {

	}

}
