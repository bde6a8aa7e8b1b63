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
package io.github.zmqspring.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Helpers for discovery tests: free UDP ports and raw beacons to the host-local broadcast
 * address only.
 */
final class DiscoveryTestSupport {

	static final String HOST_BROADCAST = "127.255.255.255";

	private DiscoveryTestSupport() {
	}

	static int freeUdpPort() {
		try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void sendRaw(int port, byte[] packet) {
		try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
			channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
			channel.send(ByteBuffer.wrap(packet), new InetSocketAddress(HOST_BROADCAST, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
