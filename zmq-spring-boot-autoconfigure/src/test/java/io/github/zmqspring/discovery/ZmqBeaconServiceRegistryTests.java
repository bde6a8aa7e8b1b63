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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * expire or leave.
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

}
