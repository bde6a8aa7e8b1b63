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
package io.github.zmqspring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for tests that must know a port before they bind it (a
 * connecting socket declared in properties). A port from {@code new ServerSocket(0)}
 * comes from the kernel's ephemeral range, where every outgoing connection also takes its
 * local port: a connection opened between the pick and the bind can take it. These ports
 * lie below that range, which outgoing connections never use, and none is handed out
 * twice in one JVM (a picked port stays free, and could be picked again, until its socket
 * binds).
 */
public final class TestPorts {

	private static final int LOWEST = 10_000;

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private TestPorts() {
	}

	/**
	 * @return a port on 127.0.0.1 that nothing listened on a moment ago, outside the
	 * kernel's ephemeral range
	 */
	public static int free() {
		int below = ephemeralLow();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = LOWEST + random.nextInt(below - LOWEST);
			if (HANDED_OUT.contains(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
			}
			catch (IOException ex) {
				// taken: try another
				continue;
			}
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port between " + LOWEST + " and " + below + " after 200 attempts");
	}

	/** The lowest ephemeral port (Linux: {@code net.ipv4.ip_local_port_range}). */
	private static int ephemeralLow() {
		try {
			String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"),
					StandardCharsets.US_ASCII);
			int low = Integer.parseInt(range.trim().split("\\s+")[0]);
			return (low > LOWEST + 1000) ? low : 32_768;
		}
		catch (IOException | RuntimeException ex) {
			return 32_768;
		}
	}

}
