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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5 of docs/reliability.md: two hosts, each running our application, find each
 * other by beacon on the internal network (its broadcast address, not loopback) and talk.
 */
class BeaconAcrossHostsFaultTests {

	private static FaultLab lab;

	@BeforeAll
	static void openLab() {
		lab = FaultLab.open(16);
	}

	@AfterAll
	static void closeLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@RepeatedTest(3)
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void twoHostsDiscoverEachOtherAndTalk() {
		String[] discovery = { "--zmq.discovery.enabled=true", "--zmq.discovery.port=5670",
				"--zmq.discovery.broadcast-address=" + lab.broadcastAddress(), "--zmq.discovery.interval=500ms" };
		assertThat(lab.broadcastAddress()).doesNotStartWith("127.");
		GenericContainer<?> server = lab.application(61, PeerApplication.class,
				concat(new String[] { "server", "--peer.bind=tcp://" + lab.ip(61) + ":5600" }, discovery));
		GenericContainer<?> client = lab.application(62, PeerApplication.class, concat(new String[] { "client",
				"--zmq.sockets.echo.type=dealer", "--zmq.sockets.echo.connect=discovery://echo" }, discovery));
		try {
			lab.start(server);
			lab.start(client);
			await().atMost(Duration.ofSeconds(90)).until(() -> FaultLab.count(client, "REPLY ping-") >= 5);
			assertThat(FaultLab.lines(client).stream().filter((line) -> line.startsWith("REPLY ")))
				.allMatch((line) -> line.startsWith("REPLY ping-"));
		}
		finally {
			client.stop();
			server.stop();
		}
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
