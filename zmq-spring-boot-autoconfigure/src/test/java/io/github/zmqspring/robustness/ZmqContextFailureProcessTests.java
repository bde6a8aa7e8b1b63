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

import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.HostileZmtp;
import io.github.zmqspring.autoconfigure.ZmqContextFailureExit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the size limit prevents, with the limit switched off ({@code -1}): one connection
 * announcing a frame larger than the JVM's direct memory kills JeroMQ's I/O thread with
 * an {@code OutOfMemoryError}. With {@code zmq.context.exit-on-failure=true} the service
 * then exits with status {@value ZmqContextFailureExit#EXIT_STATUS} instead of staying up
 * and deaf.
 */
class ZmqContextFailureProcessTests {

	@Test
	@Timeout(240)
	void deadIoThreadExitsTheServiceWhenAskedTo() throws Exception {
		try (ForkedService service = ForkedService
			.start(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=16m"), "--zmq.context.max-message-size=-1",
					"--zmq.context.exit-on-failure=true", "--zmq.context.shutdown-timeout=2s", "--zmq.context.linger=0")
			.awaitReady()) {
			try (Socket hostile = HostileZmtp.connect(service.endpoint("pull"))) {
				OutputStream out = hostile.getOutputStream();
				out.write(HostileZmtp.announce("PUSH", 64L << 20));
				out.flush();
				assertThat(service.process().waitFor(120, TimeUnit.SECONDS)).as("exited:\n%s", service.output())
					.isTrue();
			}
			assertThat(service.process().exitValue()).isEqualTo(ZmqContextFailureExit.EXIT_STATUS);
			assertThat(service.output()).contains("OutOfMemoryError")
				.contains("ended with an error")
				.contains("Exiting with status " + ZmqContextFailureExit.EXIT_STATUS);
		}
	}

}
