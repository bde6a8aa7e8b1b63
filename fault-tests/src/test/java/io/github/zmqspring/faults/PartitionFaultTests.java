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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.testcontainers.containers.GenericContainer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 1 of docs/reliability.md: a server host is cut from the network for 5 s
 * mid-stream ({@code docker network disconnect}, then connect at the same address), below
 * the high-water mark.
 */
class PartitionFaultTests {

	private static final Duration CUT = Duration.ofSeconds(5);

	private static FaultLab lab;

	@BeforeAll
	static void openLab() {
		lab = FaultLab.open(11);
	}

	@AfterAll
	static void closeLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@RepeatedTest(3)
	void pushPullDeliversEveryMessageSentDuringTheCutOnceAndInOrder() throws Exception {
		GenericContainer<?> server = lab.peer(20, "pull_server.py", "5555");
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.jobs.type=push",
				"zmq.sockets.jobs.connect=tcp://" + lab.ip(20) + ":5555",
				"zmq.sockets.jobs.send-high-water-mark=1000")) {
			ZmqOperations template = app.getBean(ZmqOperations.class);
			assertThat(template.awaitPeers("jobs", 1, Duration.ofSeconds(30))).isTrue();
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				sent.add("before-" + i);
				template.send("jobs", "before-" + i);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> received(server).size() >= 100);
			lab.partition(server);
			long cut = System.nanoTime();
			// 300 messages while the server is unreachable: below the high-water
			// mark, so none is dropped and no send blocks
			for (int i = 0; i < 300; i++) {
				sent.add("during-" + i);
				template.send("jobs", "during-" + i);
			}
			long left = CUT.toNanos() - (System.nanoTime() - cut);
			if (left > 0) {
				await().pollDelay(Duration.ofNanos(left)).until(() -> true);
			}
			assertThat(received(server)).hasSize(100);
			lab.heal(server, 20);
			for (int i = 0; i < 100; i++) {
				sent.add("after-" + i);
				template.send("jobs", "after-" + i);
			}
			await().atMost(Duration.ofSeconds(45)).until(() -> received(server).size() >= sent.size());
			assertThat(received(server)).containsExactlyElementsOf(sent);
		}
		finally {
			server.stop();
		}
	}

	@RepeatedTest(3)
	void everyRequestEndsInAReplyOrATimeoutAndRequestsSucceedAfterTheHeal() throws Exception {
		GenericContainer<?> server = lab.peer(21, "echo_router.py", "5556");
		try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.rpc.type=dealer",
				"zmq.sockets.rpc.connect=tcp://" + lab.ip(21) + ":5556", "zmq.template.request-timeout=1s",
				"zmq.template.request-retries=1")) {
			ZmqOperations template = app.getBean(ZmqOperations.class);
			assertThat(template.awaitPeers("rpc", 1, Duration.ofSeconds(30))).isTrue();
			assertThat(template.request("rpc", "warm-up", String.class)).isEqualTo("warm-up");
			// each attempt waits 1 s, one retry: a request ends within about 2 s
			Duration bound = Duration.ofSeconds(2 + 10);
			List<String> outcomes = new CopyOnWriteArrayList<>();
			lab.partition(server);
			long cut = System.nanoTime();
			List<CompletableFuture<String>> during = new ArrayList<>();
			while (System.nanoTime() - cut < CUT.toNanos()) {
				String payload = "during-" + during.size();
				during.add(template.requestAsync("rpc", payload, String.class));
				await().pollDelay(Duration.ofMillis(250)).until(() -> true);
			}
			for (int i = 0; i < during.size(); i++) {
				String payload = "during-" + i;
				try {
					String reply = during.get(i).get(bound.toMillis(), TimeUnit.MILLISECONDS);
					assertThat(reply).isEqualTo(payload);
					outcomes.add("reply");
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(ZmqRequestTimeoutException.class);
					outcomes.add("timeout");
				}
			}
			lab.heal(server, 21);
			// after the heal, requests succeed again (the DEALER's connection resumes)
			await().atMost(Duration.ofSeconds(45)).ignoreException(ZmqRequestTimeoutException.class).until(() -> {
				String reply = template.request("rpc", "after", String.class, Duration.ofSeconds(1));
				return "after".equals(reply);
			});
			List<String> after = IntStream.range(0, 20)
				.mapToObj((i) -> template.request("rpc", "after-" + i, String.class, Duration.ofSeconds(5)))
				.toList();
			assertThat(after).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "after-" + i).toList());
			assertThat(outcomes).hasSize(during.size()).contains("timeout");
			System.out.println("partition, request/reply: " + during.size() + " requests during the cut: "
					+ outcomes.stream().filter("reply"::equals).count() + " replies, "
					+ outcomes.stream().filter("timeout"::equals).count() + " timeouts");
		}
		finally {
			server.stop();
		}
	}

	@RepeatedTest(3)
	void pubSubResumesAfterTheHealInOrderWithTheLossCounted() throws Exception {
		GenericContainer<?> publisher = lab.peer(22, "pub_seq.py", "5557", "200");
		try (ConfigurableApplicationContext app = FaultApplication.start(List.of(SequenceListener.class),
				"zmq.sockets.ticks.type=sub", "zmq.sockets.ticks.connect=tcp://" + lab.ip(22) + ":5557",
				"zmq.sockets.ticks.topics=seq")) {
			SequenceListener listener = app.getBean(SequenceListener.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> listener.received.size() >= 200);
			lab.partition(publisher);
			await().pollDelay(CUT).until(() -> true);
			lab.heal(publisher, 22);
			int atHeal = listener.received.size();
			await().atMost(Duration.ofSeconds(45)).until(() -> listener.received.size() >= atHeal + 400);
			List<Long> seqs = List.copyOf(listener.received);
			// in order and never twice
			for (int i = 1; i < seqs.size(); i++) {
				assertThat(seqs.get(i)).isGreaterThan(seqs.get(i - 1));
			}
			long span = seqs.get(seqs.size() - 1) - seqs.get(0) + 1;
			long lost = span - seqs.size();
			System.out.println("partition, PUB/SUB: " + seqs.size() + " received of " + span + " published, " + lost
					+ " lost during a 5 s cut at 200 msg/s (send high-water mark 1000)");
			assertThat(lost).isBetween(0L, 200L * 30);
		}
		finally {
			publisher.stop();
		}
	}

	private static List<String> received(GenericContainer<?> server) {
		return FaultLab.lines(server)
			.stream()
			.filter((line) -> line.startsWith("RECV "))
			.map((line) -> line.substring(5))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class SequenceListener {

		final List<Long> received = new CopyOnWriteArrayList<>();

		@ZmqListener(socket = "ticks")
		void onTick(String seq) {
			this.received.add(Long.parseLong(seq));
		}

	}

}
