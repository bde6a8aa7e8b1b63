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
package io.github.zmqspring.core.socket;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.HostileZmtp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What hostile connections announcing frames at the limit cost: JeroMQ allocates a
 * frame's whole buffer when its header arrives (direct memory above 1 MiB), so each
 * connection holds up to {@code max-message-size} until it completes its frame or closes.
 * The numbers this test prints are quoted in the README ("Exposed to untrusted
 * networks").
 */
class ZmqInboundMemoryTests {

	private static final int CONNECTIONS = 16;

	private final ZContext context = new ZContext();

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void eachConnectionAnnouncingAFrameAtTheLimitHoldsThatMuchDirectMemory() throws Exception {
		ZmqSocketHandle handle = new ZmqSocketFactory(this.context).open(ZmqSocketSpec.builder("inbox", "test")
			.type(SocketType.PULL)
			.bind(List.of("tcp://127.0.0.1:0"))
			.build());
		long limit = ZmqSocketOptions.DEFAULT_MAX_MESSAGE_SIZE.toBytes();
		String endpoint = handle.getBoundEndpoints().get(0);
		// buffers left by earlier tests in this JVM are freed now rather than during the
		// measurement (a lower bound below, not an equality, absorbs what is left)
		System.gc();
		long before = directMemoryUsed();
		List<Socket> hostile = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				Socket socket = HostileZmtp.connect(endpoint);
				hostile.add(socket);
				socket.getOutputStream().write(HostileZmtp.announce("PUSH", limit));
			}
			// until every header has arrived (most of the memory) and the use is stable
			long[] last = { -1 };
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
				long now = directMemoryUsed();
				boolean stable = now == last[0];
				last[0] = now;
				return stable && now - before >= CONNECTIONS * limit * 3 / 4;
			});
			long held = directMemoryUsed() - before;
			System.out.printf(
					"%d connections announcing %d-byte frames hold %d bytes of direct memory (%.2f MiB each)%n",
					CONNECTIONS, limit, held, held / (double) CONNECTIONS / (1024 * 1024));
			// the frame buffers plus JeroMQ's 8 KiB decoder buffer per connection,
			// nothing more
			assertThat(held).isLessThan(CONNECTIONS * (limit + 256 * 1024));
			assertThat(handle.getOversizeDisconnects()).isZero();
		}
		finally {
			for (Socket socket : hostile) {
				socket.close();
			}
		}
	}

	private static long directMemoryUsed() {
		return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
	}

}
