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
package io.github.zmqspring.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the sockets the benchmark declares in properties before they bind. A port
 * from {@code new ServerSocket(0)} lies in the kernel's ephemeral range, where the many
 * connections the application opens while its sockets start also take their local ports;
 * these lie below that range. None is handed out twice in one JVM: a port that is free
 * when picked is free again for the next pick until its socket binds, and two runs failed
 * with "address already in use" (one of them below the ephemeral range) while a dozen
 * ports were picked before any was bound.
 */
final class Ports {

	private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private Ports() {
	}

	static int free() {
		int below = 32_768;
		try {
			below = Integer
				.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: the usual default
		}
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 10_000 + ThreadLocalRandom.current().nextInt(Math.max(1000, below - 10_000));
			if (HANDED_OUT.contains(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
			}
			catch (IOException ex) {
				// taken: another
				continue;
			}
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port below " + below);
	}

}
