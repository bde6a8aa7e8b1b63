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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.zmqspring.discovery.DiscoveryTestSupport.freeUdpPort;
import static io.github.zmqspring.discovery.DiscoveryTestSupport.sendRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Applications on one host find each other through the beacon (host-local broadcast only)
 * and pass work over the discovered endpoints: a PUSH socket declared with
 * {@code connect=discovery://workers} reaches every PULL socket announced as
 * {@code workers}, as they come and go.
 */
@Timeout(60)
class ZmqDiscoveryIntegrationTests {

	private final int port = freeUdpPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(EventRecorder.class)
		.withPropertyValues("zmq.discovery.enabled=true", "zmq.discovery.port=" + this.port,
				"zmq.discovery.broadcast-address=127.255.255.255", "zmq.discovery.interval=200ms");

	private final ApplicationContextRunner worker = this.runner.withPropertyValues("zmq.sockets.work.type=pull",
			"zmq.sockets.work.bind=tcp://127.0.0.1:0", "zmq.sockets.work.announce=workers",
			"zmq.sockets.work.receive-timeout=200ms", "zmq.discovery.ttl=10s");

	private final ApplicationContextRunner producer = this.runner.withPropertyValues("zmq.sockets.jobs.type=push",
			"zmq.sockets.jobs.connect=discovery://workers", "zmq.discovery.ttl=10s");

	@Test
	void disabledByDefault() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZmqServiceRegistry.class)
				.doesNotHaveBean(ZmqDiscoveryConnector.class));
	}

	@Test
	void producerFindsWorkersAsTheyJoinAndLeave() {
		this.worker.run((a) -> {
			assertThat(a).hasNotFailed();
			ZmqBeaconServiceRegistry registryA = a.getBean(ZmqBeaconServiceRegistry.class);
			String endpointA = a.getBean(ZmqSocketManager.class).getBoundEndpoints("work").get(0);
			assertThat(endpointA).startsWith("tcp://127.0.0.1:").doesNotEndWith(":0");
			assertThat(registryA.getAnnouncements()).extracting(ZmqServiceInstance::endpoint)
				.containsExactly(endpointA);
			this.producer.run((b) -> {
				assertThat(b).hasNotFailed();
				ZmqSocketManager managerB = b.getBean(ZmqSocketManager.class);
				ZmqServiceRegistry registryB = b.getBean(ZmqServiceRegistry.class);
				List<String> eventsB = b.getBean(EventRecorder.class).events;
				// events come after the registry's listeners ran, so the connect is
				// queued
				await().atMost(Duration.ofSeconds(5)).until(() -> eventsB.contains("joined workers " + endpointA));
				connectsDone(managerB);
				assertThat(registryB.getInstances("workers").get(0).endpoint()).isEqualTo(endpointA);
				assertThat(managerB.getOwner("jobs").send(frames("job-1"), Duration.ofSeconds(5))).isTrue();
				// the first receive may wait for the TCP connection
				assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> receive(a), Objects::nonNull))
					.isEqualTo("job-1");
				assertThat(b.getBean(EventRecorder.class).events).contains("joined workers " + endpointA);

				// a third application joins and takes a share of the work
				this.worker.run((c) -> {
					assertThat(c).hasNotFailed();
					String endpointC = c.getBean(ZmqSocketManager.class).getBoundEndpoints("work").get(0);
					await().atMost(Duration.ofSeconds(5)).until(() -> eventsB.contains("joined workers " + endpointC));
					connectsDone(managerB);
					for (int i = 0; i < 20; i++) {
						assertThat(managerB.getOwner("jobs").send(frames("job-" + i), Duration.ofSeconds(5))).isTrue();
					}
					AtomicInteger receivedByA = new AtomicInteger();
					AtomicInteger receivedByC = new AtomicInteger();
					await().atMost(Duration.ofSeconds(10)).until(() -> {
						receivedByA.addAndGet(drain(a));
						receivedByC.addAndGet(drain(c));
						return receivedByA.get() + receivedByC.get() >= 20;
					});
					int toA = receivedByA.get();
					int toC = receivedByC.get();
					assertThat(toA + toC).isEqualTo(20);
					assertThat(toA).isPositive();
					assertThat(toC).isPositive();
					System.out.println("discovery: 20 jobs split " + toA + " / " + toC);
					assertThat(b.getBean(EventRecorder.class).events).contains("joined workers " + endpointC);
				});
				// c closed: its goodbye drops it at once (ttl is 10s)
				long closed = System.nanoTime();
				await().atMost(Duration.ofSeconds(2))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> eventsB.stream()
						.anyMatch((e) -> e.startsWith("left workers") && e.endsWith("GOODBYE")));
				System.out.println("discovery: goodbye dropped the instance after "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed) + " ms");
				assertThat(registryB.getInstances("workers")).hasSize(1);
				connectsDone(managerB);
				// and all work goes to a again
				for (int i = 0; i < 5; i++) {
					assertThat(managerB.getOwner("jobs").send(frames("after-" + i), Duration.ofSeconds(5))).isTrue();
				}
				AtomicInteger after = new AtomicInteger();
				await().atMost(Duration.ofSeconds(10)).until(() -> after.addAndGet(drain(a)) >= 5);
				assertThat(after.get()).isEqualTo(5);
			});
		});
	}

	@Test
	void vanishedInstanceIsDroppedAfterTtlAndDisconnected() {
		this.producer.withPropertyValues("zmq.discovery.ttl=1s").run((b) -> {
			ZmqServiceRegistry registryB = b.getBean(ZmqServiceRegistry.class);
			ZmqSocketManager managerB = b.getBean(ZmqSocketManager.class);
			// the leave time is taken on the registry's thread; the ghost's last beacon
			// cannot be stamped before it was sent, and it expires only once the ttl has
			// passed since that stamp: left - sent >= ttl holds however slow the machine
			Map<String, Long> times = new ConcurrentHashMap<>();
			registryB.addListener(new ZmqServiceInstanceListener() {

				@Override
				public void joined(ZmqServiceInstance instance) {
				}

				@Override
				public void left(ZmqServiceInstance instance, LeaveReason reason) {
					times.put("left", System.nanoTime());
				}

			});
			List<String> events = b.getBean(EventRecorder.class).events;
			// an instance that announces once and then vanishes without goodbye
			ZmqServiceInstance ghost = new ZmqServiceInstance("workers", "tcp://127.0.0.1:1", "ghost", 7);
			long sent = System.nanoTime();
			sendRaw(this.port, new ZmqBeaconCodec(null).encode(new ZmqBeacon(ghost, false)));
			// the events, not the registry, are awaited: a test thread descheduled for
			// longer than the ttl would miss the ghost's short stay in the registry
			await().atMost(Duration.ofSeconds(30))
				.until(() -> events.contains("joined workers tcp://127.0.0.1:1")
						&& events.contains("left workers tcp://127.0.0.1:1 EXPIRED"));
			assertThat(registryB.getInstances("workers")).isEmpty();
			long after = TimeUnit.NANOSECONDS.toMillis(times.get("left") - sent);
			System.out.println("discovery: vanished instance dropped " + after + " ms after its beacon (ttl 1000 ms)");
			assertThat(after).isGreaterThanOrEqualTo(1000);
			assertThat(events).contains("joined workers tcp://127.0.0.1:1", "left workers tcp://127.0.0.1:1 EXPIRED");
			// the socket was disconnected from it: nothing is queued towards the ghost
			assertThat(managerB.getOwner("jobs")
				.execute((handle) -> handle.getSocket().disconnect("tcp://127.0.0.1:1"))
				.get()).isFalse();
		});
	}

	@Test
	void advertisedAddressReplacesTheBoundHost() {
		this.worker.withPropertyValues("zmq.discovery.advertised-address=192.0.2.7").run((a) -> {
			String bound = a.getBean(ZmqSocketManager.class).getBoundEndpoints("work").get(0);
			String port = bound.substring(bound.lastIndexOf(':'));
			assertThat(a.getBean(ZmqBeaconServiceRegistry.class).getAnnouncements())
				.extracting(ZmqServiceInstance::endpoint)
				.containsExactly("tcp://192.0.2.7" + port);
		});
		assertThat(ZmqDeclaredSocketsDiscovery.advertise("tcp://0.0.0.0:5", "fe80::1")).isEqualTo("tcp://[fe80::1]:5");
		assertThat(ZmqDeclaredSocketsDiscovery.advertise("inproc://x", "h")).isEqualTo("inproc://x");
	}

	@Test
	void announceWithoutBindFailsNamingTheProperty() {
		this.runner
			.withPropertyValues("zmq.sockets.x.type=push", "zmq.sockets.x.connect=tcp://127.0.0.1:1",
					"zmq.sockets.x.announce=svc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("zmq.sockets.x.announce"));
	}

	// a registry reports an instance only after its listeners ran, so the connect is
	// already queued on the owning thread: a no-op task behind it proves it ran
	private static void connectsDone(ZmqSocketManager manager) throws Exception {
		manager.getOwner("jobs").execute((handle) -> null).get(5, TimeUnit.SECONDS);
	}

	private static String receive(ConfigurableApplicationContext context) throws Exception {
		return context.getBean(ZmqSocketManager.class)
			.getOwner("work")
			.execute((handle) -> handle.getSocket().recvStr())
			.get(10, TimeUnit.SECONDS);
	}

	// receives until a receive-timeout passes with nothing
	private static int drain(ConfigurableApplicationContext context) throws Exception {
		int count = 0;
		while (receive(context) != null) {
			count++;
		}
		return count;
	}

	private static byte[][] frames(String text) {
		return new byte[][] { text.getBytes(StandardCharsets.UTF_8) };
	}

	/**
	 * Records the discovery events of a context.
	 */
	static class EventRecorder implements ApplicationListener<ApplicationEvent> {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ZmqServiceInstanceJoinedEvent joined) {
				this.events.add("joined " + joined.getInstance().service() + " " + joined.getInstance().endpoint());
			}
			else if (event instanceof ZmqServiceInstanceLeftEvent left) {
				this.events.add("left " + left.getInstance().service() + " " + left.getInstance().endpoint() + " "
						+ left.getReason());
			}
		}

	}

}
