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
package io.github.zmqspring.samples.pingpong;

import java.time.Duration;

import io.github.zmqspring.TestPorts;
import io.github.zmqspring.core.ZmqRemoteException;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.samples.pingpong.PingPongApplication.Ping;
import io.github.zmqspring.samples.pingpong.PingPongApplication.Pong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Ping-pong end to end over tcp loopback: round trips, a batch with 64 in flight where
 * every pong matches its ping, and a remote error well before the request timeout.
 */
class PingPongApplicationTests {

	@Test
	@Timeout(60)
	void pingsArePongedBatchMatchesAndErrorsComeBackAtOnce() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PingPongApplication.class)
			// command-line arguments: they override application.yml, default properties
			// do not
			.run("--ping-pong.pings=0", "--ping-pong.port=" + TestPorts.free(), "--zmq.template.request-timeout=30s")) {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			assertThat(template.awaitPeers("pinger", 1, Duration.ofSeconds(10))).isTrue();
			Pong pong = template.request("pinger", new Ping(7, "ping"), Pong.class);
			assertThat(pong.seq()).isEqualTo(7);
			assertThat(pong.text()).isEqualTo("pong");
			PingPongApplication.BatchReport report = PingPongApplication.runBatch(template, 2000);
			assertThat(report.matched()).isEqualTo(2000);
			// the request timeout is 30 s, the test's bound 60 s: only the error reply
			// ends this call in time
			assertThatExceptionOfType(ZmqRemoteException.class)
				.isThrownBy(() -> template.request("pinger", new Ping(8, "boom"), Pong.class))
				.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("ping 8 asked for an explosion"));
			assertThat(context.getBean(PongServer.class).getServed()).isEqualTo(2001);
		}
	}

}
