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
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.model.Capability;
import io.github.zmqspring.core.ZmqOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.testcontainers.containers.GenericContainer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4 of docs/reliability.md: request/reply with retries over a slow link (50 ms
 * delay, 1 % loss) keeps its guarantees: every request ends in its own reply, none hangs.
 */
class SlowLinkFaultTests {

	private static FaultLab lab;

	@BeforeAll
	static void openLab() {
		lab = FaultLab.open(14);
	}

	@AfterAll
	static void closeLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@RepeatedTest(3)
	void requestReplyWithRetriesKeepsItsGuarantees() throws Exception {
		GenericContainer<?> server = lab.container(40)
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN))
			.withCommand("/bin/sh", "/peers/slow_link.sh", "5570");
		lab.start(server);
		try {
			String link = FaultLab.lines(server)
				.stream()
				.filter((line) -> line.startsWith("LINK "))
				.findFirst()
				.orElse("");
			if (link.equals("LINK relay")) {
				lab.dropInbound(server, 0.01);
			}
			try (ConfigurableApplicationContext app = FaultApplication.start("zmq.sockets.rpc.type=dealer",
					"zmq.sockets.rpc.connect=tcp://" + lab.ip(40) + ":5570", "zmq.template.request-timeout=1s",
					"zmq.template.request-retries=3")) {
				ZmqOperations template = app.getBean(ZmqOperations.class);
				assertThat(template.awaitPeers("rpc", 1, Duration.ofSeconds(30))).isTrue();
				long started = System.nanoTime();
				// 200 requests, 16 in flight at a time
				int requests = 200;
				int failures = 0;
				List<Long> latencies = new ArrayList<>();
				for (int batch = 0; batch < requests / 16 + 1; batch++) {
					List<CompletableFuture<String>> futures = new ArrayList<>();
					List<Long> sentAt = new ArrayList<>();
					for (int i = batch * 16; i < Math.min(requests, (batch + 1) * 16); i++) {
						sentAt.add(System.nanoTime());
						futures.add(template.requestAsync("rpc", "req-" + i, String.class));
					}
					for (int j = 0; j < futures.size(); j++) {
						int i = batch * 16 + j;
						// 4 attempts of 1 s: no request may take longer (plus slack)
						try {
							assertThat(futures.get(j).get(4 + 10, TimeUnit.SECONDS)).isEqualTo("req-" + i);
							latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt.get(j)));
						}
						catch (java.util.concurrent.ExecutionException ex) {
							failures++;
						}
					}
				}
				latencies.sort(null);
				System.out.printf(
						"slow link (%s): %d requests in %d ms, %d failed after 3 retries, p50 %d ms, max %d ms%n", link,
						requests, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), failures,
						latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
				assertThat(failures).isZero();
				assertThat(latencies.get(latencies.size() / 2)).isGreaterThanOrEqualTo(50);
			}
		}
		finally {
			server.stop();
		}
	}

}
