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

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.HostileZmtp;
import io.github.zmqspring.Pyzmq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe of the hardening issue against {@link HeadlessService} (REP, PULL and ROUTER
 * listeners with default settings, in a JVM of its own with a 256 MiB heap): garbage
 * bytes, HTTP requests, a bogus security mechanism, peers of the wrong socket type, 1000
 * idle connections, 8 connections per listener announcing 1 GiB frames and one announcing
 * 256 MiB. During and after each step every listener answers a pyzmq peer within 3 s; at
 * the end the service exits on SIGTERM. The hostile bytes go through plain
 * {@link Socket}s.
 */
class ZmqHostileClientsTests {

	private static final List<String> LISTENERS = List.of("rep", "pull", "router");

	private static final Duration ANSWER = Duration.ofSeconds(3);

	private final AtomicInteger tokens = new AtomicInteger();

	private final List<String> slowest = new ArrayList<>();

	private ForkedService service;

	private PyzmqProbe probe;

	@Test
	@Timeout(240)
	void everyListenerKeepsAnsweringThroughTheProbe() throws Exception {
		Pyzmq.assumeAvailable();
		try (ForkedService service = ForkedService.start(List.of("-Xmx256m"), "--zmq.context.linger=1s");
				PyzmqProbe probe = new PyzmqProbe()) {
			this.service = service.awaitReady();
			this.probe = probe;
			answering("at start");

			withConnections("garbage bytes", (endpoint) -> {
				byte[] garbage = new byte[4096];
				new Random(endpoint.hashCode()).nextBytes(garbage);
				return garbage;
			}, 4);
			withConnections("HTTP requests",
					(endpoint) -> ("GET / HTTP/1.1\r\nHost: localhost\r\n\r\nPOST /orders HTTP/1.1\r\n"
							+ "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"order\": 1}\n")
						.getBytes(StandardCharsets.US_ASCII),
					4);
			withConnections("a bogus mechanism", (endpoint) -> concat(HostileZmtp.greeting("BOGUS"),
					"anything at all after the greeting".getBytes(StandardCharsets.US_ASCII)), 4);
			withConnections("READY from the wrong socket type", (endpoint) -> concat(HostileZmtp.greeting("NULL"),
					HostileZmtp.ready(endpoint.equals(service.endpoint("pull")) ? "SUB" : "PUB")), 4);
			for (String listener : LISTENERS) {
				assertThat(probe.ask("pub " + service.endpoint(listener))).isEqualTo("OK");
			}
			answering("with pyzmq PUB sockets connected to every listener");
			assertThat(probe.ask("closepubs")).isEqualTo("OK");
			answering("after the PUB sockets closed");

			withConnections("1000 idle connections", (endpoint) -> new byte[0], 334);
			withConnections("8 connections per listener announcing 1 GiB frames",
					(endpoint) -> HostileZmtp.announce(peerType(endpoint), 1L << 30), 8);
			assertThat(service.awaitLine("over max-message-size", Duration.ofSeconds(10)))
				.as("oversize disconnects logged")
				.isTrue();
			// logged with the peer's address, and rate-limited: not one line per
			// disconnect
			assertThat(service.lines()).filteredOn((line) -> line.contains("over max-message-size"))
				.allSatisfy((line) -> assertThat(line).contains("disconnected peer /127.0.0.1:"))
				.hasSizeLessThan(LISTENERS.size() * 8);
			withConnections("a 256 MiB frame under a 256 MiB heap",
					(endpoint) -> HostileZmtp.announce(peerType(endpoint), 256L << 20), 1);

			assertThat(service.output()).doesNotContain("OutOfMemoryError").doesNotContain("ended with an error");
			assertThat(service.process().isAlive()).isTrue();
			assertThat(service.terminate(Duration.ofSeconds(20))).as("exited on SIGTERM:\n%s", service.output())
				.isTrue();
		}
		System.out.println("Slowest answers per step: " + this.slowest);
	}

	private String peerType(String endpoint) {
		if (endpoint.equals(this.service.endpoint("pull"))) {
			return "PUSH";
		}
		return endpoint.equals(this.service.endpoint("rep")) ? "REQ" : "DEALER";
	}

	// open `perListener` connections to every listener, each sending its bytes; check the
	// listeners answer while the connections are open and after they are closed
	private void withConnections(String step, BytesFor bytes, int perListener) throws Exception {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (String listener : LISTENERS) {
				String endpoint = this.service.endpoint(listener);
				for (int i = 0; i < perListener; i++) {
					Socket socket = HostileZmtp.connect(endpoint);
					sockets.add(socket);
					byte[] data = bytes.of(endpoint);
					if (data.length > 0) {
						try {
							OutputStream out = socket.getOutputStream();
							out.write(data);
							out.flush();
						}
						catch (IOException ex) {
							// the service dropped the connection already: that is allowed
						}
					}
				}
			}
			answering("during " + step);
		}
		finally {
			for (Socket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}
		answering("after " + step);
	}

	private void answering(String when) throws Exception {
		long slowest = 0;
		for (String listener : LISTENERS) {
			String token = listener + "-" + this.tokens.incrementAndGet();
			long start = System.nanoTime();
			String answer = this.probe.ask(listener + " " + this.service.endpoint(listener) + " " + token);
			if (listener.equals("pull")) {
				assertThat(answer).as("pyzmq PUSH %s", when).isEqualTo("SENT " + token);
				assertThat(this.service.awaitLine("PULLED " + token, ANSWER))
					.as("PULL listener received %s within %s %s", token, ANSWER, when)
					.isTrue();
			}
			else {
				assertThat(answer).as("%s listener answered within %s %s", listener, ANSWER, when)
					.isEqualTo("REPLY " + listener + ":" + token);
			}
			slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
		}
		this.slowest.add(when + ": " + slowest + " ms");
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	@FunctionalInterface
	private interface BytesFor {

		byte[] of(String endpoint) throws IOException;

	}

}
