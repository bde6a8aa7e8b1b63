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

import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.HostileZmtp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers are counted per connection: a connection that fails before its ZMTP greeting
 * completed (a TCP probe, half a greeting, garbage) was never a peer, and its disconnect
 * does not take a live peer off the count.
 */
class ZmqPeerTrackerTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ZContext context = new ZContext();

	private final ZContext peers = new ZContext();

	private final AtomicInteger disconnects = new AtomicInteger();

	private ZmqSocketHandle handle;

	private String endpoint;

	@AfterEach
	void close() {
		this.peers.close();
		this.context.close();
	}

	private void bindPull() {
		bindPull(new ZmqSocketOptions());
	}

	private void bindPull(ZmqSocketOptions options) {
		ZmqSocketFactory factory = new ZmqSocketFactory(this.context);
		factory.setEventListeners(List.of((spec, event) -> {
			if (event.getEvent() == ZMonitor.Event.DISCONNECTED) {
				this.disconnects.incrementAndGet();
			}
		}));
		this.handle = factory.open(ZmqSocketSpec.builder("inbox", "zmq.sockets.inbox")
			.type(SocketType.PULL)
			.bind(List.of("tcp://127.0.0.1:0"))
			.options(options)
			.build());
		this.endpoint = this.handle.getBoundEndpoints().get(0);
	}

	private ZMQ.Socket connectPeer() {
		ZMQ.Socket push = this.peers.createSocket(SocketType.PUSH);
		push.setHandshakeIvl(1000); // docs/reliability.md: the stuck handshake
		push.setLinger(0);
		push.connect(this.endpoint);
		return push;
	}

	private void awaitPeers(int count) {
		Awaitility.await().atMost(WAIT).until(() -> this.handle.getTracker().getPeers() == count);
	}

	private void failBeforeGreeting(byte[] sent) throws Exception {
		int before = this.disconnects.get();
		try (Socket probe = HostileZmtp.connect(this.endpoint)) {
			probe.getOutputStream().write(sent);
			probe.getOutputStream().flush();
		}
		Awaitility.await().atMost(WAIT).until(() -> this.disconnects.get() > before);
	}

	@Test
	void connectionsThatFailInTheirGreetingDoNotTakeAPeerOff() throws Exception {
		bindPull();
		connectPeer();
		awaitPeers(1);
		failBeforeGreeting(new byte[0]); // a TCP probe
		failBeforeGreeting(Arrays.copyOf(HostileZmtp.greeting("NULL"), 10)); // half a
																				// greeting
		failBeforeGreeting(Arrays.copyOf(HostileZmtp.greeting("NULL"), 40));
		assertThat(this.handle.getTracker().getPeers()).isEqualTo(1);
		connectPeer();
		awaitPeers(2);
		assertThat(this.handle.getTracker().awaitPeers(2, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void aPeerLeavingWhileAnotherConnectionIsGreetingIsCounted() throws Exception {
		bindPull();
		try (Socket greeting = HostileZmtp.connect(this.endpoint)) {
			greeting.getOutputStream().write(Arrays.copyOf(HostileZmtp.greeting("NULL"), 10));
			greeting.getOutputStream().flush();
			ZMQ.Socket first = connectPeer();
			awaitPeers(1);
			int before = this.disconnects.get();
			first.close();
			Awaitility.await().atMost(WAIT).until(() -> this.disconnects.get() > before);
			awaitPeers(0);
			ZMQ.Socket second = connectPeer();
			awaitPeers(1);
		}
		// the greeting connection's end leaves the live peer counted
		Awaitility.await().atMost(WAIT).until(() -> this.disconnects.get() >= 2);
		assertThat(this.handle.getTracker().getPeers()).isEqualTo(1);
		connectPeer();
		awaitPeers(2);
	}

	@Test
	void aPeerThatFallsSilentIsTakenOffAfterConnectionsThatFailedInTheirGreeting() throws Exception {
		ZmqSocketOptions options = new ZmqSocketOptions();
		options.setHeartbeatInterval(Duration.ofMillis(100));
		options.setHeartbeatTimeout(Duration.ofMillis(500));
		bindPull(options);
		// connections that never greet: forgotten when they end, although never peers
		failBeforeGreeting(new byte[0]);
		failBeforeGreeting(Arrays.copyOf(HostileZmtp.greeting("NULL"), 10));
		// a peer that greets, then answers no PING: the heartbeat timer ends it
		try (Socket silent = HostileZmtp.connect(this.endpoint)) {
			silent.getOutputStream().write(HostileZmtp.greeting("NULL"));
			silent.getOutputStream().write(HostileZmtp.ready("PUSH"));
			silent.getOutputStream().flush();
			awaitPeers(1);
			awaitPeers(0);
		}
	}

}
