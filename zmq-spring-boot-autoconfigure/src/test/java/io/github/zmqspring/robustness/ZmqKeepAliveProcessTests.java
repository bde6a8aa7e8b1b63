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
package io.github.zmqspring.robustness;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless application whose only work is {@code @ZmqListener}s, as a separate JVM: it
 * stays up while its listeners run and exits promptly on SIGTERM.
 */
class ZmqKeepAliveProcessTests {

	private static final Duration LINGER = Duration.ofSeconds(1);

	// JVM shutdown on a loaded 2-core machine: the listeners stop and the sockets
	// close well within it; a hang would take the 5 s shutdown timeout per stage or more
	private static final Duration MARGIN = Duration.ofSeconds(15);

	@Test
	@Timeout(180)
	void staysAliveWhileListenersRunAndExitsOnSigterm() throws Exception {
		try (ForkedService service = ForkedService.start(List.of("-Xmx256m"), "--zmq.context.linger=" + LINGER)
			.awaitReady()) {
			// main() has returned: only the keep-alive holds the JVM
			Awaitility.await()
				.during(Duration.ofSeconds(5))
				.atMost(Duration.ofSeconds(10))
				.until(() -> service.process().isAlive());
			assertThat(service.terminate(LINGER.plus(MARGIN))).as("exited after SIGTERM:\n%s", service.output())
				.isTrue();
			assertThat(service.output()).doesNotContain("did not stop within").doesNotContain("did not close within");
		}
	}

	@Test
	@Timeout(180)
	void withoutRunningListenersTheApplicationEndsByItself() throws Exception {
		try (ForkedService service = ForkedService.start(List.of("-Xmx256m"), "--listeners.auto-startup=false")) {
			assertThat(service.process()
				.waitFor(ForkedService.START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
				.as("ended by itself:\n%s", service.output())
				.isTrue();
			assertThat(service.process().exitValue()).isZero();
			assertThat(service.output()).contains("Started HeadlessService");
		}
	}

}
