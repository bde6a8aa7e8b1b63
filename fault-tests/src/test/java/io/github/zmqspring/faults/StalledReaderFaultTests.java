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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.ZmqSendTimeoutException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.testcontainers.containers.GenericContainer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 3 of docs/reliability.md: a peer that stops reading. PUSH and DEALER senders
 * reach the high-water mark, where {@code trySend} returns false and {@code send} blocks
 * until its timeout; PUB drops (the subscriber counts what it got); the heap stays
 * bounded.
 */
class StalledReaderFaultTests {

	/**
	 * Most messages one sender may have accepted before it pushes back (HWM 100 + TCP
	 * buffers).
	 */
	private static final int BOUND = 200_000;

	private static final byte[] PAYLOAD = new byte[100];

	private static FaultLab lab;

	@BeforeAll
	static void openLab() {
		lab = FaultLab.open(13);
	}

	@AfterAll
	static void closeLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@RepeatedTest(3)
	void pushBlocksAtTheHighWaterMarkAndLosesNothing() throws Exception {
		senderBlocksAndLosesNothing("push", "PULL", 30);
	}

	@RepeatedTest(3)
	void dealerBlocksAtTheHighWaterMarkAndLosesNothing() throws Exception {
		senderBlocksAndLosesNothing("dealer", "ROUTER", 31);
	}

	private void senderBlocksAndLosesNothing(String type, String peerType, int host) throws Exception {
		GenericContainer<?> peer = lab.peer(host, "stalled.py", peerType, "5560", "10");
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.out.type=" + type,
				"zmq.sockets.out.connect=tcp://" + lab.ip(host) + ":5560", "zmq.sockets.out.send-high-water-mark=100",
				"zmq.sockets.out.send-timeout=500ms")) {
			ZmqOperations template = app.getBean(ZmqOperations.class);
			assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(30))).isTrue();
			long heapBefore = usedHeapAfterGc();
			AtomicInteger accepted = new AtomicInteger();
			BooleanSupplier trySend = () -> {
				boolean sent = template.trySend("out", PAYLOAD);
				if (sent) {
					accepted.incrementAndGet();
				}
				return sent;
			};
			fill(trySend);
			assertThat(accepted.get()).isPositive().isLessThan(BOUND);
			// the queue is full, so trySend is refused again and send waits its timeout
			await().atMost(Duration.ofSeconds(10)).until(() -> !trySend.getAsBoolean());
			long blocked = System.nanoTime();
			assertThatExceptionOfType(ZmqSendTimeoutException.class).isThrownBy(() -> template.send("out", PAYLOAD));
			long blockedMs = Duration.ofNanos(System.nanoTime() - blocked).toMillis();
			assertThat(blockedMs).isGreaterThanOrEqualTo(400);
			long heapGrowth = usedHeapAfterGc() - heapBefore;
			System.out.printf(
					"stalled %s reader: %s accepted %d messages of 100 B before pushing back, send blocked "
							+ "%d ms then timed out, heap growth %d KiB%n",
					peerType, type, accepted.get(), blockedMs, heapGrowth / 1024);
			assertThat(heapGrowth).isLessThan(64L * 1024 * 1024);
			// the reader wakes up: everything accepted arrives, nothing more
			peer.execInContainer("touch", "/tmp/go");
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(drained(peer)).isEqualTo(accepted.get()));
		}
		finally {
			peer.stop();
		}
	}

	@RepeatedTest(3)
	void pubNeverBlocksAndDropsForTheStalledSubscriber() throws Exception {
		// the subscriber connects to our publisher, the usual topology for PUB/SUB
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.news.type=pub",
				"zmq.sockets.news.bind=tcp://" + lab.ip(1) + ":0", "zmq.sockets.news.send-high-water-mark=100")) {
			String endpoint = app.getBean(ZmqSocketManager.class).getBoundEndpoints("news").get(0);
			GenericContainer<?> peer = lab.peer(32, "stalled.py", "SUB", endpoint, "10");
			try {
				ZmqOperations template = app.getBean(ZmqOperations.class);
				assertThat(template.awaitSubscribers("news", 1, Duration.ofSeconds(30))).isTrue();
				long heapBefore = usedHeapAfterGc();
				int published = 200_000;
				long started = System.nanoTime();
				for (int i = 0; i < published; i++) {
					template.publish("news", "t", PAYLOAD);
				}
				long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
				long heapGrowth = usedHeapAfterGc() - heapBefore;
				peer.execInContainer("touch", "/tmp/go");
				await().atMost(Duration.ofSeconds(60)).until(() -> drained(peer) > 0);
				int received = drained(peer);
				System.out.printf(
						"stalled SUB reader: %d published in %d ms, %d received, %d dropped, heap growth %d KiB%n",
						published, tookMs, received, published - received, heapGrowth / 1024);
				assertThat(received).isLessThan(published);
				assertThat(heapGrowth).isLessThan(64L * 1024 * 1024);
			}
			finally {
				peer.stop();
			}
		}
	}

	private static void fill(BooleanSupplier trySend) {
		int accepted = 0;
		// trySend hands over to the socket's thread; it is refused once that
		// thread's queue and the socket's pipe are full. Bounded: a sender that
		// never pushes back fails.
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int refusedInARow = 0;
		while (accepted < BOUND && System.nanoTime() < deadline && refusedInARow < 50) {
			if (trySend.getAsBoolean()) {
				accepted++;
				refusedInARow = 0;
			}
			else {
				refusedInARow++;
				await().pollDelay(Duration.ofMillis(20)).until(() -> true);
			}
		}
	}

	private static int drained(GenericContainer<?> peer) {
		return FaultLab.lines(peer)
			.stream()
			.filter((line) -> line.startsWith("DRAINED "))
			.mapToInt((line) -> Integer.parseInt(line.substring(8).trim()))
			.reduce((first, second) -> second)
			.orElse(-1);
	}

	static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
