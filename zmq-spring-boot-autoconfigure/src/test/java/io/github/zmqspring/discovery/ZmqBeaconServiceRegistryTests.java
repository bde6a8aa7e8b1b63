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

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.github.zmqspring.discovery.DiscoveryTestSupport.HOST_BROADCAST;
import static io.github.zmqspring.discovery.DiscoveryTestSupport.freeUdpPort;
import static io.github.zmqspring.discovery.DiscoveryTestSupport.sendRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The beacon registry on real UDP sockets (host-local broadcast only): garbage is counted
 * and ignored while discovery keeps working, signed beacons are enforced, and instances
 * expire or leave. Also: several registries share one port in one JVM, callbacks run
 * outside the registry's lock, late listeners are told of live instances, and a connector
 * keeps an endpoint connected while any instance there is live.
 */
@Timeout(30)
class ZmqBeaconServiceRegistryTests {

	private final List<ZmqBeaconServiceRegistry> started = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopAll() {
		this.started.forEach(ZmqBeaconServiceRegistry::stop);
	}

	private ZmqBeaconServiceRegistry start(int port, Duration interval, Duration ttl, String secret) {
		ZmqBeaconServiceRegistry registry = new ZmqBeaconServiceRegistry(port, HOST_BROADCAST, interval, ttl, secret);
		registry.start();
		this.started.add(registry);
		return registry;
	}

	@Test
	void garbageIsCountedAndDiscoveryKeepsWorking() {
		int port = freeUdpPort();
		ZmqBeaconServiceRegistry registry = start(port, Duration.ofMillis(200), Duration.ofSeconds(2), null);
		ZmqServiceInstance fake = new ZmqServiceInstance("svc", "tcp://127.0.0.1:1", "fake", 8);
		byte[] good = new ZmqBeaconCodec(null).encode(new ZmqBeacon(fake, false));
		Random random = new Random(7);
		int sent = 0;
		for (int i = 0; i < 200; i++) {
			byte[] junk = new byte[random.nextInt(1500)];
			random.nextBytes(junk);
			sendRaw(port, junk);
			sent++;
			if (sent % 10 == 0) {
				// paced, so the kernel's receive buffer never drops any
				int batch = sent;
				await().atMost(Duration.ofSeconds(5)).until(() -> registry.getRejectedCount() == batch);
			}
		}
		sendRaw(port, new byte[0]);
		sendRaw(port, Arrays.copyOf(good, good.length - 3));
		sendRaw(port, Arrays.copyOf(good, 2000));
		sent += 3;
		int expected = sent;
		await().atMost(Duration.ofSeconds(5)).until(() -> registry.getRejectedCount() == expected);
		assertThat(registry.getRejectedCount(ZmqBeaconCodec.Reason.OVERSIZED)).isPositive();
		assertThat(registry.getRejectedCount(ZmqBeaconCodec.Reason.TRUNCATED)).isPositive();
		assertThat(registry.getRejectedCount(ZmqBeaconCodec.Reason.FOREIGN)).isPositive();
		// still alive: a valid beacon is heard, and the registry's own announcement too
		sendRaw(port, good);
		registry.announce("own", "tcp://127.0.0.1:2", 8);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> registry.getInstances("svc").size() == 1 && registry.getInstances("own").size() == 1);
		assertThat(registry.getInstances("svc")).containsExactly(fake);
	}

	@Test
	void secretRejectsUnsignedAndWronglySignedBeacons() {
		int port = freeUdpPort();
		ZmqBeaconServiceRegistry registry = start(port, Duration.ofMillis(200), Duration.ofSeconds(2), "right");
		ZmqBeaconServiceRegistry intruder = start(port, Duration.ofMillis(200), Duration.ofSeconds(2), "wrong");
		ZmqBeaconServiceRegistry peer = start(port, Duration.ofMillis(200), Duration.ofSeconds(2), "right");
		ZmqServiceInstance fake = new ZmqServiceInstance("svc", "tcp://127.0.0.1:1", "unsigned", 8);
		sendRaw(port, new ZmqBeaconCodec(null).encode(new ZmqBeacon(fake, false)));
		intruder.announce("svc", "tcp://127.0.0.1:3", 8);
		peer.announce("svc", "tcp://127.0.0.1:4", 8);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> registry.getRejectedCount(ZmqBeaconCodec.Reason.UNSIGNED) >= 1
					&& registry.getRejectedCount(ZmqBeaconCodec.Reason.BAD_SIGNATURE) >= 2
					&& registry.getInstances("svc").size() == 1);
		assertThat(registry.getInstances("svc")).extracting(ZmqServiceInstance::endpoint)
			.containsExactly("tcp://127.0.0.1:4");
	}

	@Test
	void instanceWithoutGoodbyeExpiresAfterTtlAndGoodbyeDropsAtOnce() {
		int port = freeUdpPort();
		Duration ttl = Duration.ofMillis(1500);
		ZmqBeaconServiceRegistry registry = start(port, Duration.ofMillis(200), ttl, null);
		List<String> events = new CopyOnWriteArrayList<>();
		Map<String, Long> times = new ConcurrentHashMap<>();
		registry.addListener(new ZmqServiceInstanceListener() {

			@Override
			public void joined(ZmqServiceInstance instance) {
				times.put("joined " + instance.instanceId(), System.nanoTime());
				events.add("joined " + instance.instanceId());
			}

			@Override
			public void left(ZmqServiceInstance instance, LeaveReason reason) {
				times.put("left " + instance.instanceId(), System.nanoTime());
				events.add("left " + instance.instanceId() + " " + reason);
			}

		});
		ZmqServiceInstance ghost = new ZmqServiceInstance("svc", "tcp://127.0.0.1:1", "ghost", 8);
		ZmqBeaconCodec codec = new ZmqBeaconCodec(null);
		sendRaw(port, codec.encode(new ZmqBeacon(ghost, false)));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("joined ghost"));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("left ghost EXPIRED"));
		long expiredAfter = Duration.ofNanos(times.get("left ghost") - times.get("joined ghost")).toMillis();
		// expiry is checked every interval / 2
		assertThat(expiredAfter).isGreaterThanOrEqualTo(ttl.toMillis()).isLessThan(ttl.toMillis() + 1000);
		// a peer that vanishes without goodbye (package-private hook) expires too
		ZmqBeaconServiceRegistry vanishing = start(port, Duration.ofMillis(200), ttl, null);
		vanishing.announce("svc", "tcp://127.0.0.1:5", 8);
		await().atMost(Duration.ofSeconds(5)).until(() -> registry.getInstances("svc").size() == 1);
		vanishing.stop(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> registry.getInstances("svc").isEmpty());
		assertThat(events).contains("left " + vanishing.getInstanceId() + " EXPIRED");
		// goodbye: gone well before the ttl
		ZmqBeaconServiceRegistry polite = start(port, Duration.ofMillis(200), Duration.ofSeconds(20), null);
		polite.announce("svc", "tcp://127.0.0.1:6", 8);
		await().atMost(Duration.ofSeconds(5)).until(() -> registry.getInstances("svc").size() == 1);
		polite.stop();
		await().atMost(Duration.ofSeconds(1)).until(() -> registry.getInstances("svc").isEmpty());
		assertThat(events).contains("left " + polite.getInstanceId() + " GOODBYE");
	}

	@Test
	void twoRegistriesInOneJvmShareThePortAndHearEachOther() {
		int port = freeUdpPort();
		ZmqBeaconServiceRegistry first = start(port, Duration.ofMillis(200), Duration.ofSeconds(5), null);
		// SO_REUSEADDR (and SO_REUSEPORT) on the receiver: the second bind does not clash
		ZmqBeaconServiceRegistry second = start(port, Duration.ofMillis(200), Duration.ofSeconds(5), null);
		first.announce("svc", "tcp://127.0.0.1:11", 8);
		second.announce("svc", "tcp://127.0.0.1:12", 8);
		for (ZmqBeaconServiceRegistry registry : List.of(first, second)) {
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(registry.getInstances("svc")).extracting(ZmqServiceInstance::endpoint)
					.containsExactlyInAnyOrder("tcp://127.0.0.1:11", "tcp://127.0.0.1:12"));
		}
	}

	@Test
	void callbackMayReadTheRegistryFromAnotherThread() {
		int port = freeUdpPort();
		ZmqBeaconServiceRegistry registry = start(port, Duration.ofMillis(200), Duration.ofSeconds(5), null);
		List<Object> seen = new CopyOnWriteArrayList<>();
		registry.addListener(new ZmqServiceInstanceListener() {

			@Override
			public void joined(ZmqServiceInstance instance) {
				// a callback that waits for another thread reading the registry: it used
				// to deadlock, since callbacks ran under the registry's lock
				try {
					seen.add(CompletableFuture.supplyAsync(() -> registry.getInstances(instance.service()))
						.get(5, TimeUnit.SECONDS));
				}
				catch (Exception ex) {
					seen.add(ex);
				}
			}

			@Override
			public void left(ZmqServiceInstance instance, LeaveReason reason) {
			}

		});
		ZmqServiceInstance instance = new ZmqServiceInstance("svc", "tcp://127.0.0.1:1", "other", 8);
		sendRaw(port, new ZmqBeaconCodec(null).encode(new ZmqBeacon(instance, false)));
		await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
		assertThat(seen).containsExactly(List.of(instance));
	}

	@Test
	void listenerAddedLaterIsToldOfLiveInstancesAtOnceThenOfTheirLeaving() {
		int port = freeUdpPort();
		ZmqBeaconServiceRegistry registry = start(port, Duration.ofMillis(200), Duration.ofSeconds(20), null);
		ZmqServiceInstance instance = new ZmqServiceInstance("svc", "tcp://127.0.0.1:1", "early", 8);
		ZmqBeaconCodec codec = new ZmqBeaconCodec(null);
		sendRaw(port, codec.encode(new ZmqBeacon(instance, false)));
		await().atMost(Duration.ofSeconds(5)).until(() -> registry.getInstances("svc").size() == 1);
		List<String> events = new CopyOnWriteArrayList<>();
		Thread caller = Thread.currentThread();
		ZmqServiceRegistry.Subscription subscription = registry.addListener(new ZmqServiceInstanceListener() {

			@Override
			public void joined(ZmqServiceInstance joined) {
				events.add("joined " + joined.instanceId() + ((Thread.currentThread() == caller) ? " (replay)" : ""));
			}

			@Override
			public void left(ZmqServiceInstance left, LeaveReason reason) {
				events.add("left " + left.instanceId() + " " + reason);
			}

		});
		// told before addListener returns, long before the next beacon or the ttl
		assertThat(events).containsExactly("joined early (replay)");
		sendRaw(port, codec.encode(new ZmqBeacon(instance, true)));
		await().atMost(Duration.ofSeconds(2)).until(() -> events.size() == 2);
		assertThat(events).containsExactly("joined early (replay)", "left early GOODBYE");
		subscription.close();
	}

	@Test
	void connectorKeepsAnEndpointWhileAnyInstanceThereIsLiveAndDetachesOnlyItsTarget() {
		int port = freeUdpPort();
		ZmqBeaconServiceRegistry registry = start(port, Duration.ofMillis(200), Duration.ofSeconds(20), null);
		ZmqDiscoveryConnector connector = new ZmqDiscoveryConnector(registry);
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		ZmqServiceRegistry.Subscription firstAttachment = connector.attach("svc", recorder(first));
		connector.attach("svc", recorder(second));
		ZmqBeaconCodec codec = new ZmqBeaconCodec(null);
		// an application restarted on a fixed port: a new instance id at the same
		// endpoint
		// before the old one is gone
		ZmqServiceInstance old = new ZmqServiceInstance("svc", "tcp://127.0.0.1:7", "old", 8);
		ZmqServiceInstance restarted = new ZmqServiceInstance("svc", "tcp://127.0.0.1:7", "new", 8);
		ZmqServiceInstance other = new ZmqServiceInstance("svc", "tcp://127.0.0.1:8", "other", 8);
		for (ZmqServiceInstance instance : List.of(old, restarted, other)) {
			registry.handle(codec.encode(new ZmqBeacon(instance, false)),
					codec.encode(new ZmqBeacon(instance, false)).length);
		}
		assertThat(first).containsExactly("connect tcp://127.0.0.1:7", "connect tcp://127.0.0.1:8");
		byte[] goodbye = codec.encode(new ZmqBeacon(old, true));
		registry.handle(goodbye, goodbye.length);
		// the restarted instance is still there: the endpoint stays connected
		assertThat(first).containsExactly("connect tcp://127.0.0.1:7", "connect tcp://127.0.0.1:8");
		goodbye = codec.encode(new ZmqBeacon(restarted, true));
		registry.handle(goodbye, goodbye.length);
		assertThat(first).containsExactly("connect tcp://127.0.0.1:7", "connect tcp://127.0.0.1:8",
				"disconnect tcp://127.0.0.1:7");
		assertThat(second).isEqualTo(first);
		// detaching one target disconnects that one only
		firstAttachment.close();
		assertThat(first).endsWith("disconnect tcp://127.0.0.1:8");
		assertThat(second).doesNotContain("disconnect tcp://127.0.0.1:8");
	}

	private static ZmqEndpointTarget recorder(List<String> calls) {
		return new ZmqEndpointTarget() {

			@Override
			public void connect(String endpoint) {
				calls.add("connect " + endpoint);
			}

			@Override
			public void disconnect(String endpoint) {
				calls.add("disconnect " + endpoint);
			}

		};
	}

}
