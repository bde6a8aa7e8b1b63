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
package io.github.zmqspring.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2 of docs/reliability.md: a peer killed with SIGKILL (no goodbye from the
 * application) and restarted at the same address; and a peer that vanishes from the
 * network, detected by ZMTP heartbeats within their timeout.
 */
class PeerKilledFaultTests {

	/** Where each start of the publisher of scenario 2b begins to count. */
	private static final long EPOCH = 1_000_000_000L;

	private static FaultLab lab;

	@BeforeAll
	static void openLab() {
		lab = FaultLab.open(15);
	}

	@AfterAll
	static void closeLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@RepeatedTest(3)
	void dealerRequestsResumeAfterTheServerIsKilledAndRestarted() throws Exception {
		GenericContainer<?> server = lab.peer(50, "echo_router.py", "5580");
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.rpc.type=dealer",
				"zmq.sockets.rpc.connect=tcp://" + lab.ip(50) + ":5580", "zmq.template.request-timeout=1s",
				"zmq.template.request-retries=1")) {
			ZmqOperations template = app.getBean(ZmqOperations.class);
			assertThat(template.request("rpc", "before", String.class, Duration.ofSeconds(20))).isEqualTo("before");
			lab.kill(server);
			assertThat(requestOutcome(template, "while-dead")).isEqualTo("timeout");
			lab.restart(server);
			long restarted = System.nanoTime();
			await().atMost(Duration.ofSeconds(45)).until(() -> "reply".equals(requestOutcome(template, "after")));
			System.out.println("peer killed, DEALER: requests answered again "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted) + " ms after the restart");
			List<String> replies = IntStream.range(0, 20)
				.mapToObj((i) -> template.request("rpc", "r-" + i, String.class, Duration.ofSeconds(5)))
				.toList();
			assertThat(replies).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "r-" + i).toList());
		}
		finally {
			server.stop();
		}
	}

	@RepeatedTest(3)
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void subListenerReceivesAgainAfterThePublisherIsKilledAndRestarted() throws Exception {
		// each start of the publisher counts from start number x EPOCH: the restarted
		// publisher's messages are told from the killed one's by their value, not by when
		// they arrive (they may arrive before lab.restart() has seen the READY line)
		GenericContainer<?> publisher = lab.peer(51, "pub_seq.py", "5581", "200", String.valueOf(EPOCH));
		try (ConfigurableApplicationContext app = FaultApplication.start(List.of(TimedSequenceListener.class),
				"zmq.sockets.ticks.type=sub", "zmq.sockets.ticks.connect=tcp://" + lab.ip(51) + ":5581",
				"zmq.sockets.ticks.topics=seq",
				// a SUB sends nothing once subscribed: without heartbeats a publisher
				// that vanished without a FIN or RST would never be noticed
				"zmq.sockets.ticks.heartbeat-interval=500ms", "zmq.sockets.ticks.heartbeat-timeout=2s")) {
			TimedSequenceListener listener = app.getBean(TimedSequenceListener.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> listener.received.size() >= 100);
			lab.kill(publisher);
			lab.restart(publisher);
			await().atMost(Duration.ofSeconds(45)).until(() -> listener.fromEpoch(1).size() >= 100);
			List<long[]> first = listener.fromEpoch(0);
			List<long[]> second = listener.fromEpoch(1);
			long firstSeq = second.get(0)[0] - EPOCH;
			System.out.println("peer killed, SUB: " + first.size() + " received before the kill; after docker start "
					+ "the restarted publisher's messages arrive from seq " + firstSeq + " on (it was up "
					+ (firstSeq * 1000 / 200) + " ms before the resubscription reached it)");
			assertThat(listener.received.stream().filter((r) -> r[0] >= 2 * EPOCH)).isEmpty();
			assertInOrder(first);
			assertInOrder(second);
		}
		finally {
			publisher.stop();
		}
	}

	private static void assertInOrder(List<long[]> received) {
		for (int i = 1; i < received.size(); i++) {
			assertThat(received.get(i)[0]).isGreaterThan(received.get(i - 1)[0]);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TimedSequenceListener {

		/** Sequence number and arrival time ({@link System#nanoTime()}). */
		final List<long[]> received = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "ticks")
		void onTick(String seq) {
			this.received.add(new long[] { Long.parseLong(seq), System.nanoTime() });
		}

		List<long[]> fromEpoch(int epoch) {
			return this.received.stream().filter((r) -> r[0] / EPOCH == epoch).toList();
		}

	}

	@RepeatedTest(3)
	void heartbeatsDetectAVanishedPeerWithinTheirTimeout() throws Exception {
		GenericContainer<?> server = lab.peer(53, "echo_router.py", "5583");
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.rpc.type=dealer",
				"zmq.sockets.rpc.connect=tcp://" + lab.ip(53) + ":5583", "zmq.sockets.rpc.heartbeat-interval=500ms",
				"zmq.sockets.rpc.heartbeat-timeout=2s")) {
			ZmqOperations template = app.getBean(ZmqOperations.class);
			ZmqSocketManager manager = app.getBean(ZmqSocketManager.class);
			assertThat(template.request("rpc", "before", String.class, Duration.ofSeconds(20))).isEqualTo("before");
			assertThat(manager.getOwner("rpc").getTracker().getPeers()).isEqualTo(1);
			// the host vanishes: no FIN, no RST, nothing answers
			lab.partition(server);
			long cut = System.nanoTime();
			await().atMost(Duration.ofSeconds(2 + 10))
				.until(() -> manager.getOwner("rpc").getTracker().getPeers() == 0);
			long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
			System.out.println("heartbeat-interval 500ms, heartbeat-timeout 2s: vanished peer detected after "
					+ detectedMs + " ms");
			lab.heal(server, 53);
			await().atMost(Duration.ofSeconds(45)).until(() -> "reply".equals(requestOutcome(template, "after")));
		}
		finally {
			server.stop();
		}
	}

	@RepeatedTest(3)
	void withoutHeartbeatsAVanishedIdlePeerStaysConnected() throws Exception {
		GenericContainer<?> server = lab.peer(54, "echo_router.py", "5584");
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.rpc.type=dealer",
				"zmq.sockets.rpc.connect=tcp://" + lab.ip(54) + ":5584")) {
			ZmqOperations template = app.getBean(ZmqOperations.class);
			ZmqSocketManager manager = app.getBean(ZmqSocketManager.class);
			assertThat(template.request("rpc", "before", String.class, Duration.ofSeconds(20))).isEqualTo("before");
			lab.partition(server);
			// the operating system has nothing to notice on an idle connection:
			// the dead peer still counts, and a DEALER would queue requests to it
			await().during(Duration.ofSeconds(8))
				.atMost(Duration.ofSeconds(20))
				.until(() -> manager.getOwner("rpc").getTracker().getPeers() == 1);
			lab.heal(server, 54);
		}
		finally {
			server.stop();
		}
	}

	@RepeatedTest(3)
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void discoveryDropsAKilledInstanceWithinItsTtl() throws Exception {
		int port = freeUdpPort();
		String discovery = "--zmq.discovery.enabled=true";
		GenericContainer<?> server = lab.application(52, PeerApplication.class, "server", discovery,
				"--zmq.discovery.port=" + port, "--zmq.discovery.broadcast-address=" + lab.broadcastAddress(),
				"--zmq.discovery.interval=500ms", "--zmq.discovery.ttl=3s",
				"--peer.bind=tcp://" + lab.ip(52) + ":5590");
		lab.start(server);
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.discovery.enabled=true",
				"zmq.discovery.port=" + port, "zmq.discovery.broadcast-address=" + lab.broadcastAddress(),
				"zmq.discovery.interval=500ms", "zmq.discovery.ttl=3s", "zmq.sockets.echo.type=dealer",
				"zmq.sockets.echo.connect=discovery://echo")) {
			ZmqServiceRegistry registry = app.getBean(ZmqServiceRegistry.class);
			ZmqOperations template = app.getBean(ZmqOperations.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> registry.getInstances("echo").size() == 1);
			assertThat(registry.getInstances("echo").get(0).endpoint()).isEqualTo("tcp://" + lab.ip(52) + ":5590");
			await().atMost(Duration.ofSeconds(30))
				.ignoreException(ZmqRequestTimeoutException.class)
				.until(() -> "hi".equals(template.request("echo", "hi", String.class, Duration.ofSeconds(2))));
			lab.kill(server);
			long killed = System.nanoTime();
			await().atMost(Duration.ofSeconds(3 + 10)).until(() -> registry.getInstances("echo").isEmpty());
			long droppedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
			System.out.println("discovery ttl 3s, interval 500ms: killed instance dropped after " + droppedMs + " ms");
		}
		finally {
			server.stop();
		}
	}

	static String requestOutcome(ZmqOperations template, String payload) {
		try {
			return payload.equals(template.request("rpc", payload, String.class, Duration.ofSeconds(1))) ? "reply"
					: "wrong";
		}
		catch (ZmqRequestTimeoutException ex) {
			return "timeout";
		}
	}

	static int freeUdpPort() {
		try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
			channel.bind(new InetSocketAddress(0));
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
