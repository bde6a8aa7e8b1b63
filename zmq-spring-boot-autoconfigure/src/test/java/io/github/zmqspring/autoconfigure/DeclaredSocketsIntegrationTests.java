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
package io.github.zmqspring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared sockets on real transports: they bind, connect and pass messages, and a
 * context with one socket of every type open shuts down within its bound, many times in a
 * row.
 */
class DeclaredSocketsIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void declaredSocketsPassMessageOverInproc() {
		this.runner
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=inproc://declared",
					"zmq.sockets.in.type=pull", "zmq.sockets.in.connect=inproc://declared")
			.run((context) -> {
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				assertThat(manager.getOwner("out").send(frames("hello"), Duration.ofSeconds(5))).isTrue();
				String received = manager.getOwner("in").execute((handle) -> handle.getSocket().recvStr()).get();
				assertThat(received).isEqualTo("hello");
			});
	}

	@Test
	void declaredSocketOnEphemeralTcpPortReceivesFromExternalPeer() {
		this.runner
			.withPropertyValues("zmq.sockets.in.type=pull", "zmq.sockets.in.bind=tcp://127.0.0.1:0",
					"zmq.sockets.in.receive-timeout=5s")
			.run((context) -> {
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				String endpoint = manager.getBoundEndpoints("in").get(0);
				try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
					push.setHandshakeIvl(1000);
					push.connect(endpoint);
					push.send("over tcp");
					String received = manager.getOwner("in").execute((handle) -> handle.getSocket().recvStr()).get();
					assertThat(received).isEqualTo("over tcp");
				}
			});
	}

	@Test
	void declaredTcpSocketsConnectToEachOther() {
		int port;
		try (ZContext probe = new ZContext(); ZMQ.Socket socket = probe.createSocket(SocketType.PULL)) {
			port = socket.bindToRandomPort("tcp://127.0.0.1");
		}
		this.runner
			.withPropertyValues("zmq.sockets.server.type=rep", "zmq.sockets.server.bind=tcp://127.0.0.1:" + port,
					"zmq.sockets.server.receive-timeout=5s", "zmq.sockets.client.type=req",
					"zmq.sockets.client.connect=tcp://127.0.0.1:" + port, "zmq.sockets.client.receive-timeout=5s")
			.run((context) -> {
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				manager.getOwner("client").send(frames("ping"), Duration.ofSeconds(5));
				String request = manager.getOwner("server").execute((handle) -> {
					String text = handle.getSocket().recvStr();
					handle.getSocket().send(text + "/pong");
					return text;
				}).get();
				String reply = manager.getOwner("client").execute((handle) -> handle.getSocket().recvStr()).get();
				assertThat(request).isEqualTo("ping");
				assertThat(reply).isEqualTo("ping/pong");
			});
	}

	@Test
	void contextWithEverySocketTypeShutsDownWithinBound50Times() {
		List<String> properties = new ArrayList<>(List.of("zmq.context.linger=100ms"));
		int i = 0;
		for (SocketType type : SocketType.values()) {
			if (type == SocketType.CHANNEL || type == SocketType.CLIENT || type == SocketType.SERVER
					|| type == SocketType.RADIO || type == SocketType.DISH || type == SocketType.GATHER
					|| type == SocketType.SCATTER || type == SocketType.PEER || type == SocketType.RAW) {
				continue; // draft types
			}
			String name = "s" + (i++);
			properties.add("zmq.sockets." + name + ".type=" + type.name());
			properties.add("zmq.sockets." + name + ".bind=tcp://127.0.0.1:0");
			// a queued message with no peer: shutdown must not wait for it beyond linger
			properties.add("zmq.sockets." + name + ".linger=100ms");
		}
		Duration bound = Duration.ofMillis(100).plus(Duration.ofSeconds(2));
		for (int round = 0; round < 50; round++) {
			ApplicationContextRunner roundRunner = this.runner.withPropertyValues(properties.toArray(String[]::new));
			roundRunner.run((context) -> {
				assertThat(context).hasNotFailed();
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				assertThat(manager.getSocketNames()).hasSizeGreaterThanOrEqualTo(12);
				manager.getOwner("s0").trySend(frames("pending"));
				ZContext zmq = context.getBean(ZContext.class);
				long start = System.nanoTime();
				((ConfigurableApplicationContext) context.getSourceApplicationContext()).close();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(took).isLessThan(bound);
				assertThat(zmq.isClosed()).isTrue();
			});
		}
	}

	private static byte[][] frames(String text) {
		return new byte[][] { text.getBytes(StandardCharsets.UTF_8) };
	}

}
