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
package io.github.zmqspring.observation;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqObservationAutoConfiguration;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket events as Spring application events, from JeroMQ's event hook, with real peers.
 */
class ZmqSocketEventsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqObservationAutoConfiguration.class))
		.withUserConfiguration(Events.class, Listeners.class);

	@Test
	void aPeerThatConnectsAndLeavesIsAcceptedThenDisconnected() {
		this.runner.run((context) -> {
			Events events = context.getBean(Events.class);
			String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("sink").get(0);
			try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
				push.setHandshakeIvl(1000);
				push.connect(endpoint);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> events.of("sink", ZmqSocketEvent.Type.ACCEPTED) != null);
				// leave once the handshake is done (a counted peer), so that the peer is
				// one that connected, not one closed while its greeting was on the way (a
				// JeroMQ 0.6.0 lone connection can also stall there and be redialled)
				ZmqListenerContainer sink = context.getBean(ZmqListenerEndpointRegistry.class)
					.getListenerContainer("sink");
				await().atMost(Duration.ofSeconds(30)).until(() -> sink.getTracker().getPeers() == 1);
				push.setLinger(0);
			}
			ZmqSocketEvent disconnected = await().atMost(Duration.ofSeconds(30))
				.until(() -> events.of("sink", ZmqSocketEvent.Type.DISCONNECTED), (event) -> event != null);
			assertThat(disconnected.getAddress()).isNotBlank();
			assertThat(disconnected.isFailure()).isFalse();
			assertThat(disconnected.getSocketName()).isEqualTo("sink");
		});
	}

	@Test
	void aConnectingSocketReportsConnected() {
		try (ZContext peer = new ZContext(); ZMQ.Socket pub = peer.createSocket(SocketType.PUB)) {
			int port = pub.bindToRandomPort("tcp://127.0.0.1");
			this.runner
				.withPropertyValues("zmq.sockets.feed.type=sub", "zmq.sockets.feed.connect=tcp://127.0.0.1:" + port)
				.withUserConfiguration(FeedListener.class)
				.run((context) -> {
					ZmqSocketEvent connected = await().atMost(Duration.ofSeconds(30))
						.until(() -> context.getBean(Events.class).of("feed", ZmqSocketEvent.Type.CONNECTED),
								(event) -> event != null);
					assertThat(connected.getAddress()).isEqualTo("tcp://127.0.0.1:" + port);
					assertThat(connected.getReason()).isNull();
				});
		}
	}

	@Test
	void aRefusedHandshakeIsAFailureWithItsReason() {
		this.runner.run((context) -> {
			Events events = context.getBean(Events.class);
			URI endpoint = URI.create(context.getBean(ZmqSocketManager.class).getBoundEndpoints("sink").get(0));
			try (Socket raw = new Socket()) {
				raw.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 10_000);
				// a ZMTP 3.0 NULL greeting, then a HELLO command where NULL expects READY
				byte[] greeting = new byte[64];
				greeting[0] = (byte) 0xff;
				greeting[9] = 0x7f;
				greeting[10] = 3;
				byte[] mechanism = "NULL".getBytes();
				System.arraycopy(mechanism, 0, greeting, 12, mechanism.length);
				OutputStream out = raw.getOutputStream();
				out.write(greeting);
				out.write(new byte[] { 0x04, 0x06, 0x05, 'H', 'E', 'L', 'L', 'O' });
				out.flush();
				ZmqSocketEvent failed = await().atMost(Duration.ofSeconds(30))
					.until(() -> events.of("sink", ZmqSocketEvent.Type.HANDSHAKE_FAILED), (event) -> event != null);
				assertThat(failed.isFailure()).isTrue();
				assertThat(failed.getReason()).isEqualTo("ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND");
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Events implements ApplicationListener<ZmqSocketEvent> {

		final List<ZmqSocketEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ZmqSocketEvent event) {
			this.received.add(event);
		}

		ZmqSocketEvent of(String socket, ZmqSocketEvent.Type type) {
			return this.received.stream()
				.filter((event) -> event.getSocketName().equals(socket) && event.getType() == type)
				.findFirst()
				.orElse(null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		@ZmqListener(id = "sink", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void sink(byte[] ignored) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FeedListener {

		@ZmqListener(socket = "feed")
		void feed(byte[] ignored) {
		}

	}

}
