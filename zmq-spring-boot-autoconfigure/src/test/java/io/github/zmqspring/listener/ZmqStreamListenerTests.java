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
package io.github.zmqspring.listener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.Pyzmq;
import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqStreamEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ZmqListener} on a STREAM socket, spoken to by plain TCP clients (Python's
 * {@code socket} module): each read arrives with its connection's routing id, the return
 * value goes back to that connection, and connections opening and closing reach a method
 * that asks for them.
 */
@Timeout(60)
class ZmqStreamListenerTests {

	private static final String CLIENTS = """
			import socket, sys, threading
			port, count = int(sys.argv[1]), int(sys.argv[2])
			results = []
			def client(i):
			    s = socket.create_connection(("127.0.0.1", port), timeout=20)
			    line = ("hello-%d\\n" % i).encode()
			    s.sendall(line)
			    got = b""
			    while len(got) < len(line):
			        chunk = s.recv(4096)
			        if not chunk:
			            break
			        got += chunk
			    s.close()
			    results.append(got == line.upper())
			threads = [threading.Thread(target=client, args=(i,)) for i in range(count)]
			for t in threads: t.start()
			for t in threads: t.join(30)
			print("ok %d" % sum(1 for r in results if r))
			""";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void oneTcpClientGetsItsLineBackUpperCased() throws Exception {
		int port = ZmqReplyListenerIntegrationTests.freePort();
		this.runner.withBean(UpperServer.class).withPropertyValues("upper.port=" + port).run((context) -> {
			assertThat(runClients(port, 1)).isEqualTo("ok 1");
			UpperServer server = context.getBean(UpperServer.class);
			// the client closed its connection: the listener is told
			await().atMost(Duration.ofSeconds(20)).until(() -> server.events.contains(ZmqStreamEvent.DISCONNECTED));
			assertThat(server.events).containsExactly(ZmqStreamEvent.CONNECTED, ZmqStreamEvent.DISCONNECTED);
		});
	}

	@Test
	void hundredConcurrentClientsEachGetTheirOwnAnswer() throws Exception {
		int port = ZmqReplyListenerIntegrationTests.freePort();
		this.runner.withBean(UpperServer.class).withPropertyValues("upper.port=" + port).run((context) -> {
			assertThat(runClients(port, 100)).isEqualTo("ok 100");
			UpperServer server = context.getBean(UpperServer.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> server.events.stream().filter(ZmqStreamEvent.DISCONNECTED::equals).count() == 100);
			assertThat(server.events.stream().filter(ZmqStreamEvent.CONNECTED::equals).count()).isEqualTo(100);
		});
	}

	@Test
	void aMethodThatDoesNotAskForEventsGetsDataOnly() throws Exception {
		int port = ZmqReplyListenerIntegrationTests.freePort();
		this.runner.withBean(DataOnlyServer.class).withPropertyValues("upper.port=" + port).run((context) -> {
			assertThat(runClients(port, 3)).isEqualTo("ok 3");
			assertThat(context.getBean(DataOnlyServer.class).reads).hasSize(3)
				.allSatisfy((read) -> assertThat(read).startsWith("hello-"));
		});
	}

	private static String runClients(int port, int count) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(Pyzmq.PYTHON, "-c", CLIENTS, String.valueOf(port), String.valueOf(count))
			.redirectErrorStream(true)
			.start();
		if (!process.waitFor(45, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("TCP clients did not finish");
		}
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

	static class UpperServer {

		final List<ZmqStreamEvent> events = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "upper", type = SocketType.STREAM, bind = "tcp://127.0.0.1:${upper.port}")
		String upper(@Payload(required = false) byte[] data,
				@Header(name = ZmqHeaders.STREAM_EVENT, required = false) ZmqStreamEvent event,
				@Header(ZmqHeaders.ROUTING_ID) byte[] routingId) {
			assertThat(routingId).isNotEmpty();
			if (event != null) {
				this.events.add(event);
				return null;
			}
			return new String(data, StandardCharsets.UTF_8).toUpperCase();
		}

	}

	static class DataOnlyServer {

		final List<String> reads = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "data-only", type = SocketType.STREAM, bind = "tcp://127.0.0.1:${upper.port}")
		String upper(String data) {
			this.reads.add(data);
			return data.toUpperCase();
		}

	}

}
