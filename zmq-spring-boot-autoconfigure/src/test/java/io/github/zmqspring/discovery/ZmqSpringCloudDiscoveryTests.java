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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.zmqspring.Pyzmq;
import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqSpringCloudDiscoveryAutoConfiguration;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.zmqspring.discovery.DiscoveryTestSupport.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code discovery://} through Spring Cloud's {@code DiscoveryClient}s, with
 * {@code SimpleDiscoveryClient} (static instances from properties, how users point at
 * fixed hosts) and real sockets on 127.0.0.1; a pyzmq REP peer named by a {@code tcp://}
 * URI. The Eureka round trip is in the binder module's {@code ZmqEurekaDiscoveryTests}.
 */
@Timeout(60)
class ZmqSpringCloudDiscoveryTests {

	private final int udpPort = freeUdpPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqSpringCloudDiscoveryAutoConfiguration.class,
						SimpleDiscoveryClientAutoConfiguration.class, UtilAutoConfiguration.class))
		.withPropertyValues("zmq.discovery.enabled=true", "zmq.discovery.port=" + this.udpPort,
				"zmq.discovery.broadcast-address=127.255.255.255", "zmq.discovery.interval=200ms");

	private final ApplicationContextRunner cloudOnly = this.runner
		.withPropertyValues("zmq.discovery.sources=spring-cloud", "zmq.discovery.refresh-interval=200ms");

	@Nested
	class AutoConfiguration {

		@Test
		void resolvesThroughBeaconAndSpringCloudByDefault() {
			ZmqSpringCloudDiscoveryTests.this.runner.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(ZmqSpringCloudServiceRegistry.class)
					.hasSingleBean(ZmqRegistrationMetadataContributor.class);
				assertThat(context.getBean(ZmqServiceRegistry.class)).isInstanceOf(ZmqCompositeServiceRegistry.class);
				ZmqCompositeServiceRegistry composite = context.getBean(ZmqCompositeServiceRegistry.class);
				assertThat(composite.getRegistries()).containsExactly(context.getBean(ZmqBeaconServiceRegistry.class),
						context.getBean(ZmqSpringCloudServiceRegistry.class));
				assertThat(context.getBean(ZmqSpringCloudServiceRegistry.class).getClients()).hasSize(1)
					.allMatch((client) -> client.description().contains("Simple"));
				assertThat(context.getBean(ZmqBeaconServiceRegistry.class).isRunning()).isTrue();
			});
		}

		@Test
		void springCloudOnlyLeavesTheBeaconSilent() {
			ZmqSpringCloudDiscoveryTests.this.cloudOnly.run((context) -> {
				assertThat(context).hasNotFailed();
				// it keeps the announcements for the registration, but sends and hears
				// nothing
				assertThat(context.getBean(ZmqBeaconServiceRegistry.class).isRunning()).isFalse();
				assertThat(context.getBean(ZmqCompositeServiceRegistry.class).getRegistries())
					.containsExactly(context.getBean(ZmqSpringCloudServiceRegistry.class));
				assertThat(context.getBean(ZmqSpringCloudServiceRegistry.class).isRunning()).isTrue();
			});
		}

		@Test
		void beaconOnlyLeavesSpringCloudOut() {
			ZmqSpringCloudDiscoveryTests.this.runner.withPropertyValues("zmq.discovery.sources=beacon")
				.run((context) -> {
					assertThat(context).hasNotFailed()
						.doesNotHaveBean(ZmqSpringCloudServiceRegistry.class)
						.doesNotHaveBean(ZmqCompositeServiceRegistry.class)
						.hasSingleBean(ZmqDiscoveryConnector.class);
					assertThat(context.getBean(ZmqServiceRegistry.class)).isInstanceOf(ZmqBeaconServiceRegistry.class);
				});
		}

		@Test
		void offWhileDiscoveryIsOff() {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class,
						ZmqSpringCloudDiscoveryAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
						UtilAutoConfiguration.class))
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(ZmqSpringCloudServiceRegistry.class)
					.doesNotHaveBean(ZmqDiscoveryConnector.class));
		}

		@Test
		void backsOffFromUserBeans() {
			ZmqSpringCloudServiceRegistry own = new ZmqSpringCloudServiceRegistry(List.of(), Duration.ofMinutes(1));
			ZmqRegistrationRepublisher republisher = (registration, metadata, removed) -> {
			};
			ZmqSpringCloudDiscoveryTests.this.runner.withBean(ZmqSpringCloudServiceRegistry.class, () -> own)
				.withBean(ZmqRegistrationRepublisher.class, () -> republisher)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(ZmqSpringCloudServiceRegistry.class)).isSameAs(own);
					assertThat(context.getBean(ZmqRegistrationRepublisher.class)).isSameAs(republisher);
					assertThat(context.getBean(ZmqCompositeServiceRegistry.class).getRegistries()).contains(own);
				});
		}

		@Test
		void emptySourcesFailNamingTheProperty() {
			ZmqSpringCloudDiscoveryTests.this.runner.withPropertyValues("zmq.discovery.sources=")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("zmq.discovery.sources"));
		}

		@Test
		void nonPositiveRefreshIntervalFailsNamingTheProperty() {
			ZmqSpringCloudDiscoveryTests.this.runner.withPropertyValues("zmq.discovery.refresh-interval=0s")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("zmq.discovery.refresh-interval"));
		}

	}

	@Nested
	class Resolution {

		@Test
		void templateIsServedByAnInstanceFromRegistryMetadata() {
			int port = freeTcpPort();
			ZmqSpringCloudDiscoveryTests.this.cloudOnly.withUserConfiguration(EchoServer.class)
				.withPropertyValues("zmq.sockets.echo.type=rep", "zmq.sockets.echo.bind=tcp://127.0.0.1:" + port)
				.run((server) -> {
					assertThat(server).hasNotFailed();
					client()
						.withPropertyValues(
								"spring.cloud.discovery.client.simple.instances.echo-app[0].uri=http://127.0.0.1:8080",
								"spring.cloud.discovery.client.simple.instances.echo-app[0].metadata.zmq-port-echo="
										+ port)
						.run((client) -> {
							assertThat(client).hasNotFailed();
							ZmqServiceRegistry registry = client.getBean(ZmqServiceRegistry.class);
							await().atMost(Duration.ofSeconds(10))
								.until(() -> registry.getInstances("echo").size() == 1);
							assertThat(registry.getInstances("echo").get(0).endpoint())
								.isEqualTo("tcp://127.0.0.1:" + port);
							assertThat(client.getBean(ZmqOperations.class)
								.request("client", "hello", String.class, Duration.ofSeconds(20)))
								.isEqualTo("echo:hello");
						});
				});
		}

		@Test
		void fixedHostFromPropertiesServesThroughPyzmq() throws Exception {
			Pyzmq.assumeAvailable();
			String script = String.join("\n", "import sys, zmq", "ctx = zmq.Context()", "s = ctx.socket(zmq.REP)",
					"s.setsockopt(zmq.LINGER, 0)", "port = s.bind_to_random_port('tcp://127.0.0.1')",
					"print(port, flush=True)", "s.RCVTIMEO = 30000", "msg = s.recv()", "s.send(b'py:' + msg)",
					"s.close()", "ctx.term()");
			Process python = new ProcessBuilder(Pyzmq.PYTHON, "-c", script).redirectErrorStream(true).start();
			try {
				BufferedReader out = new BufferedReader(
						new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
				int port = Integer.parseInt(out.readLine().trim());
				client()
					.withPropertyValues(
							"spring.cloud.discovery.client.simple.instances.echo[0].uri=tcp://127.0.0.1:" + port,
							"spring.cloud.discovery.client.simple.instances.echo[0].metadata.zmq-port=" + port)
					.run((client) -> {
						assertThat(client).hasNotFailed();
						assertThat(client.getBean(ZmqOperations.class)
							.request("client", "hi", String.class, Duration.ofSeconds(20))).isEqualTo("py:hi");
					});
				assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
				assertThat(python.exitValue()).isZero();
			}
			finally {
				python.destroyForcibly();
			}
		}

		@Test
		void heartbeatRefreshesAndInstancesComeAndGo() {
			int port = freeTcpPort();
			// a refresh interval of an hour: only heartbeats refresh here
			client().withPropertyValues("zmq.discovery.refresh-interval=1h").run((client) -> {
				assertThat(client).hasNotFailed();
				ZmqSpringCloudServiceRegistry registry = client.getBean(ZmqSpringCloudServiceRegistry.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> registry.getRefreshCount() >= 1);
				assertThat(registry.getInstances("echo")).isEmpty();
				SimpleDiscoveryProperties simple = client.getBean(SimpleDiscoveryProperties.class);
				InstanceProperties instance = new InstanceProperties();
				instance.setServiceId("echo-app");
				instance.setUri(java.net.URI.create("http://127.0.0.1:8080"));
				instance.getMetadata().put("zmq-port-echo", String.valueOf(port));
				simple.getInstances().put("echo-app", new ArrayList<>(List.of(instance)));
				client.publishEvent(new HeartbeatEvent(this, 1));
				await().atMost(Duration.ofSeconds(10)).until(() -> registry.getInstances("echo").size() == 1);
				// the server starts after the client found it: ZeroMQ connects when it
				// binds
				ZmqSpringCloudDiscoveryTests.this.cloudOnly.withUserConfiguration(EchoServer.class)
					.withPropertyValues("zmq.sockets.echo.type=rep", "zmq.sockets.echo.bind=tcp://127.0.0.1:" + port)
					.run((server) -> assertThat(client.getBean(ZmqOperations.class)
						.request("client", "again", String.class, Duration.ofSeconds(20))).isEqualTo("echo:again"));
				simple.getInstances().remove("echo-app");
				client.publishEvent(new HeartbeatEvent(this, 2));
				await().atMost(Duration.ofSeconds(10)).until(() -> registry.getInstances("echo").isEmpty());
			});
		}

		@Test
		void malformedMetadataIsCountedAndSkipped() {
			client()
				.withPropertyValues("spring.cloud.discovery.client.simple.instances.bad[0].uri=http://127.0.0.1:8080",
						"spring.cloud.discovery.client.simple.instances.bad[0].metadata.zmq-port-echo=not-a-port",
						"spring.cloud.discovery.client.simple.instances.good[0].uri=http://127.0.0.1:8081",
						"spring.cloud.discovery.client.simple.instances.good[0].metadata.zmq-port-echo=5999")
				.run((client) -> {
					assertThat(client).hasNotFailed();
					ZmqSpringCloudServiceRegistry registry = client.getBean(ZmqSpringCloudServiceRegistry.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> registry.getInstances("echo").size() == 1);
					assertThat(registry.getInstances("echo").get(0).endpoint()).isEqualTo("tcp://127.0.0.1:5999");
					assertThat(registry.getRejectedCount()).isPositive();
				});
		}

		@Test
		void failingRegistryKeepsItsLastKnownInstances() {
			FlakyDiscoveryClient flaky = new FlakyDiscoveryClient();
			client().withBean(FlakyDiscoveryClient.class, () -> flaky).run((client) -> {
				assertThat(client).hasNotFailed();
				ZmqSpringCloudServiceRegistry registry = client.getBean(ZmqSpringCloudServiceRegistry.class);
				assertThat(registry.getClients()).contains(flaky);
				await().atMost(Duration.ofSeconds(10)).until(() -> registry.getInstances("echo").size() == 1);
				flaky.failing.set(true);
				long failures = registry.getRefreshFailureCount();
				await().atMost(Duration.ofSeconds(10)).until(() -> registry.getRefreshFailureCount() > failures + 1);
				assertThat(registry.getInstances("echo")).hasSize(1);
				assertThat(registry.isRunning()).isTrue();
			});
		}

	}

	@Nested
	class Registration {

		@Test
		void announcedPortsArePublishedInTheRegistrationAndRepublishedOnChange() {
			TestRegistration registration = new TestRegistration();
			List<Map<String, String>> republished = new ArrayList<>();
			ZmqSpringCloudDiscoveryTests.this.cloudOnly.withUserConfiguration(AnnouncedEcho.class)
				.withBean(TestRegistration.class, () -> registration)
				.withBean(ZmqRegistrationRepublisher.class,
						() -> (reg, metadata, removed) -> republished.add(Map.copyOf(metadata)))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					String bound = context.getBean(ZmqSocketManager.class).getBoundEndpoints("announced-echo").get(0);
					String port = bound.substring(bound.lastIndexOf(':') + 1);
					// registration ran before the listener bound; only pre-registration
					// has been seen so far, as with Spring Cloud's auto-registration
					context.publishEvent(new InstancePreRegisteredEvent(this, registration));
					assertThat(registration.getMetadata()).containsEntry("zmq-port-echo", port)
						.containsEntry("other", "kept");
					assertThat(republished).isEmpty();
					// a later socket is published after registration, through the
					// republisher
					ZmqBeaconServiceRegistry beacon = context.getBean(ZmqBeaconServiceRegistry.class);
					context.publishEvent(new InstanceRegisteredEvent<>(this, registration));
					ZmqServiceInstance extra = beacon.announce("events", "tcp://127.0.0.1:6001", SocketType.PUB.type);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> registration.getMetadata().containsKey("zmq-port-events"));
					await().atMost(Duration.ofSeconds(10)).until(() -> !republished.isEmpty());
					assertThat(republished.get(republished.size() - 1)).containsEntry("zmq-port-echo", port)
						.containsEntry("zmq-port-events", "6001");
					beacon.withdraw(extra);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> !registration.getMetadata().containsKey("zmq-port-events"));
					assertThat(registration.getMetadata()).containsEntry("zmq-port-echo", port)
						.containsEntry("other", "kept");
				});
		}

		@Test
		void standardRepublisherRegistersOtherRegistriesAgain() throws Exception {
			TestRegistration registration = new TestRegistration();
			List<String> registered = new ArrayList<>();
			ServiceRegistry<TestRegistration> serviceRegistry = new ServiceRegistry<>() {

				@Override
				public void register(TestRegistration reg) {
					registered.add(reg.getMetadata().get("zmq-port-echo"));
				}

				@Override
				public void deregister(TestRegistration reg) {
				}

				@Override
				public void close() {
				}

				@Override
				public void setStatus(TestRegistration reg, String status) {
				}

				@Override
				public <T> T getStatus(TestRegistration reg) {
					return null;
				}

			};
			registration.getMetadata().put("zmq-port-echo", "7000");
			ZmqRegistrationRepublisher.standard(serviceRegistry)
				.republish(registration, Map.of("zmq-port-echo", "7000"), java.util.Set.of());
			assertThat(registered).containsExactly("7000");
		}

	}

	@Nested
	class Metadata {

		@Test
		void portsPerServiceFromTcpAnnouncementsOnly() {
			assertThat(
					ZmqCloudMetadata.toMetadata(List.of(new ZmqServiceInstance("echo", "tcp://127.0.0.1:5000", "a", 4),
							new ZmqServiceInstance("echo", "tcp://127.0.0.1:5001", "a", 4),
							new ZmqServiceInstance("events", "tcp://0.0.0.0:6000", "a", 1),
							new ZmqServiceInstance("local", "inproc://local", "a", 1))))
				.containsExactly(Map.entry("zmq-port-echo", "5000,5001"), Map.entry("zmq-port-events", "6000"));
		}

		@Test
		void instancesFromMetadataAtTheRegisteredHost() {
			DefaultServiceInstance instance = new DefaultServiceInstance("app-1", "app", "10.0.0.5", 8080, false,
					Map.of("zmq-port-echo", "5000, 5001", "zmq-port-events", "6000", "version", "1"));
			assertThat(ZmqCloudMetadata.fromServiceInstance(instance)).extracting(ZmqServiceInstance::endpoint)
				.containsExactlyInAnyOrder("tcp://10.0.0.5:5000", "tcp://10.0.0.5:5001", "tcp://10.0.0.5:6000");
			assertThat(ZmqCloudMetadata.fromServiceInstance(instance)).extracting(ZmqServiceInstance::instanceId)
				.containsOnly("app-1");
		}

		@Test
		void badPortNamesKeyAndInstance() {
			DefaultServiceInstance instance = new DefaultServiceInstance("app-1", "app", "10.0.0.5", 8080, false,
					Map.of("zmq-port-echo", "70000"));
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> ZmqCloudMetadata.fromServiceInstance(instance))
				.withMessageContaining("zmq-port-echo")
				.withMessageContaining("app-1")
				.withMessageContaining("70000");
		}

		@Test
		void plainPortKeyNamesTheInstancesOwnService() {
			assertThat(ZmqCloudMetadata.fromServiceInstance(
					new DefaultServiceInstance("e-1", "echo", "10.0.0.5", 5555, false, Map.of("zmq-port", "5555"))))
				.containsExactly(new ZmqServiceInstance("echo", "tcp://10.0.0.5:5555", "e-1", -1));
		}

		@Test
		void instancesWithoutZmqMetadataAreIgnoredUnlessTcp() {
			assertThat(ZmqCloudMetadata
				.fromServiceInstance(new DefaultServiceInstance("w-1", "web", "10.0.0.5", 8080, false, Map.of())))
				.isEmpty();
		}

	}

	private ApplicationContextRunner client() {
		return this.cloudOnly.withPropertyValues("zmq.sockets.client.type=dealer",
				"zmq.sockets.client.connect=discovery://echo");
	}

	private static int freeTcpPort() {
		return io.github.zmqspring.TestPorts.free();
	}

	static class EchoServer {

		@ZmqListener(socket = "echo")
		String echo(String request) {
			return "echo:" + request;
		}

	}

	static class AnnouncedEcho {

		@ZmqListener(id = "announced-echo", type = SocketType.REP, bind = "tcp://127.0.0.1:0", announce = "echo")
		String echo(String request) {
			return "echo:" + request;
		}

	}

	static class FlakyDiscoveryClient implements DiscoveryClient {

		final AtomicBoolean failing = new AtomicBoolean();

		@Override
		public String description() {
			return "flaky";
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			return List.of(new DefaultServiceInstance("f-1", "flaky-app", "127.0.0.1", 8080, false,
					Map.of("zmq-port-echo", "5998")));
		}

		@Override
		public List<String> getServices() {
			if (this.failing.get()) {
				throw new IllegalStateException("registry unreachable");
			}
			return List.of("flaky-app");
		}

	}

	static class TestRegistration implements org.springframework.cloud.client.serviceregistry.Registration {

		private final Map<String, String> metadata = new java.util.concurrent.ConcurrentHashMap<>(
				Map.of("other", "kept"));

		@Override
		public String getServiceId() {
			return "test-app";
		}

		@Override
		public String getHost() {
			return "127.0.0.1";
		}

		@Override
		public int getPort() {
			return 8080;
		}

		@Override
		public boolean isSecure() {
			return false;
		}

		@Override
		public java.net.URI getUri() {
			return java.net.URI.create("http://127.0.0.1:8080");
		}

		@Override
		public Map<String, String> getMetadata() {
			return this.metadata;
		}

	}

}
