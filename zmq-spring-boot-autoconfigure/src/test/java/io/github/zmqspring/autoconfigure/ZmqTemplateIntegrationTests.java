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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.ZmqSendTimeoutException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ZmqTemplate} on real sockets: fan-out to workers, back-pressure, errors, payload
 * conversion and the first-send gate.
 */
@Timeout(60)
class ZmqTemplateIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void templateAndConverterAreAutoConfiguredAndCustomized() {
		this.runner.withPropertyValues("zmq.template.send-timeout=3s")
			.withBean(ZmqTemplateCustomizer.class,
					() -> (template) -> template.setDefaultSendTimeout(Duration.ofSeconds(7)))
			.run((context) -> {
				assertThat(context).hasSingleBean(ZmqTemplate.class);
				assertThat(context.getBean(ZmqOperations.class)).isSameAs(context.getBean(ZmqTemplate.class));
				assertThat(context.getBean("zmqMessageConverter")).isInstanceOf(MessageConverter.class);
				assertThat(context.getBean(ZmqTemplate.class).getDefaultSendTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
		this.runner.withPropertyValues("zmq.template.send-timeout=3s")
			.run((context) -> assertThat(context.getBean(ZmqTemplate.class).getDefaultSendTimeout())
				.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void userTemplateAndConverterWin() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(ZmqTemplate.class);
			assertThat(context.getBean(ZmqTemplate.class).getDefaultSendTimeout()).isEqualTo(Duration.ofMillis(1234));
			assertThat(context.getBean("zmqMessageConverter")).isSameAs(UserBeans.CONVERTER);
		});
	}

	@Test
	void pushFansOutToThreeWorkers() {
		int total = 3000;
		this.runner.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("out").get(0);
				AtomicInteger received = new AtomicInteger();
				ExecutorService workers = Executors.newFixedThreadPool(3);
				try (ZContext peer = new ZContext()) {
					List<Future<Integer>> shares = new ArrayList<>();
					for (int w = 0; w < 3; w++) {
						shares.add(workers.submit(() -> {
							try (ZMQ.Socket pull = peer.createSocket(SocketType.PULL)) {
								pull.setReceiveTimeOut(100);
								// JeroMQ 0.6.0 leaves some handshakes stuck: redial after
								// 1 s
								pull.setHandshakeIvl(1000);
								pull.connect(endpoint);
								int mine = 0;
								while (received.get() < total) {
									if (pull.recv() != null) {
										mine++;
										received.incrementAndGet();
									}
								}
								return mine;
							}
						}));
					}
					assertThat(template.awaitPeers("out", 3, Duration.ofSeconds(10))).isTrue();
					for (int i = 0; i < total; i++) {
						template.send("out", "job-" + i);
					}
					int sum = 0;
					for (Future<Integer> share : shares) {
						int count = share.get(30, TimeUnit.SECONDS);
						assertThat(count).isPositive();
						sum += count;
					}
					assertThat(sum).isEqualTo(total);
					assertThat(received.get()).isEqualTo(total);
				}
				finally {
					workers.shutdown();
				}
			});
	}

	@Test
	void trySendReturnsFalseAndSendTimesOutWhenFull() {
		this.runner
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0",
					"zmq.sockets.out.send-high-water-mark=5", "zmq.sockets.out.send-timeout=200ms",
					"zmq.sockets.out.linger=0")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				// senders write to the socket itself: a PUSH socket with no peer has no
				// pipe to queue in, so it refuses at once, as in raw ZeroMQ
				assertThat(fill(template, "out", 0)).isZero();
				assertThat(template.trySend("out", "more")).isFalse();
				long start = System.nanoTime();
				assertThatExceptionOfType(ZmqSendTimeoutException.class).isThrownBy(() -> template.send("out", "late"))
					.withMessageContaining("'out'")
					.withMessageContaining("PT0.2S");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
			});
	}

	@Test
	void sendTimeoutFallsBackToTemplateSetting() {
		this.runner.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0",
				"zmq.sockets.out.send-high-water-mark=2", "zmq.sockets.out.linger=0", "zmq.template.send-timeout=150ms")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(fill(template, "out", 0)).isZero();
				assertThatExceptionOfType(ZmqSendTimeoutException.class).isThrownBy(() -> template.send("out", "late"))
					.withMessageContaining("'out'")
					.withMessageContaining("PT0.15S");
			});
	}

	@Test
	void misuseFailsWithMessageNamingTheSocket() {
		this.runner
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=inproc://misuse-out",
					"zmq.sockets.sub.type=sub", "zmq.sockets.sub.connect=inproc://misuse-pub",
					"zmq.sockets.in.type=pull", "zmq.sockets.in.bind=inproc://misuse-in")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.send("nope", "x"))
					.withMessageContaining("'nope'");
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.trySend("nope", "x"))
					.withMessageContaining("'nope'");
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.send("sub", "x"))
					.withMessageContaining("'sub'")
					.withMessageContaining("SUB");
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.send("in", "x"))
					.withMessageContaining("'in'")
					.withMessageContaining("PULL");
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.publish("out", "t", "x"))
					.withMessageContaining("'out'")
					.withMessageContaining("PUSH");
				assertThatExceptionOfType(ZmqException.class)
					.isThrownBy(() -> template.awaitSubscribers("out", 1, Duration.ofMillis(10)))
					.withMessageContaining("'out'");
				assertThatExceptionOfType(MessageConversionException.class)
					.isThrownBy(() -> template.send("out", new Broken("x")))
					.withMessageContaining("'out'");
			});
	}

	@Test
	void theSocketLastSentThroughIsLookedUpAgainOnceItStopsAndStillChecked() {
		this.runner.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=inproc://restart-out")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ZmqSocketManager sockets = context.getBean(ZmqSocketManager.class);
				ZContext zmq = context.getBean(ZContext.class);
				String socket = "out";
				ZMQ.Socket first = zmq.createSocket(SocketType.PULL);
				first.setReceiveTimeOut(10_000);
				first.connect("inproc://restart-out");
				template.send(socket, "one");
				assertThat(first.recvStr()).isEqualTo("one");
				// the same name again: still a PUSH, which cannot publish
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.publish(socket, "t", "x"))
					.withMessageContaining("PUSH");
				zmq.destroySocket(first);
				sockets.stop();
				assertThatExceptionOfType(ZmqException.class).isThrownBy(() -> template.send(socket, "lost"))
					.withMessageContaining("'out'");
				sockets.start();
				ZMQ.Socket second = zmq.createSocket(SocketType.PULL);
				second.setReceiveTimeOut(10_000);
				second.connect("inproc://restart-out");
				template.send(socket, "two");
				assertThat(second.recvStr()).isEqualTo("two");
			});
	}

	@Test
	void aSendFromAnInterruptedThreadGoesThroughAndTheThreadStaysInterrupted() {
		this.runner.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=inproc://interrupted-out")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				ZContext zmq = context.getBean(ZContext.class);
				ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
				pull.setReceiveTimeOut(10_000);
				pull.connect("inproc://interrupted-out");
				// on a thread of its own, so that JUnit's thread stays clean
				CompletableFuture<Boolean> stillInterrupted = CompletableFuture.supplyAsync(() -> {
					Thread.currentThread().interrupt();
					// JeroMQ alone refuses this (EINTR) and clears the interrupt
					template.send("out", "while interrupted");
					return Thread.interrupted();
				});
				assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
				assertThat(pull.recvStr()).isEqualTo("while interrupted");
				template.send("out", "after");
				assertThat(pull.recvStr()).isEqualTo("after");
			});
	}

	@Test
	void payloadsAreConverted() {
		JsonMapper jsonMapper = JsonMapper.builder().build();
		this.runner.withBean(JsonMapper.class, () -> jsonMapper)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("out").get(0);
				try (ZContext peer = new ZContext(); ZMQ.Socket pull = peer.createSocket(SocketType.PULL)) {
					pull.setReceiveTimeOut(20_000);
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial them, but not
					// after
					// 1 s: on a starved machine that cuts a slow handshake that the PUSH
					// side had completed, and the messages it had queued to it are lost
					// (docs/reliability.md); so wait for the peer before sending
					pull.setHandshakeIvl(5000);
					pull.connect(endpoint);
					assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(30))).isTrue();
					byte[] bytes = { 0, (byte) 0xff, 1, (byte) 0x80, 0 };
					Order order = new Order("o-1", 3, "caf\u00e9");
					template.send("out", bytes);
					template.send("out", "h\u00e9llo \u2603");
					template.send("out", order);
					template.send("out", MessageBuilder.withPayload("from message").setHeader("note", 1).build());
					template.send("out", MessageBuilder.withPayload("no headers").build());
					assertThat(pull.recv()).isEqualTo(bytes);
					assertThat(pull.hasReceiveMore()).isFalse();
					assertThat(pull.recv()).isEqualTo("h\u00e9llo \u2603".getBytes(StandardCharsets.UTF_8));
					assertThat(pull.recv()).isEqualTo(jsonMapper.writeValueAsBytes(order));
					// the sender's headers travel in the metadata frame before the
					// payload
					assertThat(ZmqMetadataCodec.decode(pull.recv()).headers()).containsExactly(Map.entry("note", "1"));
					assertThat(pull.hasReceiveMore()).isTrue();
					assertThat(pull.recv()).isEqualTo("from message".getBytes(StandardCharsets.UTF_8));
					// a message without headers of the sender's stays plain
					assertThat(pull.recv()).isEqualTo("no headers".getBytes(StandardCharsets.UTF_8));
					assertThat(pull.hasReceiveMore()).isFalse();
				}
			});
	}

	@Test
	void publishPutsTopicInFirstFrame() {
		this.runner.withPropertyValues("zmq.sockets.pub.type=pub", "zmq.sockets.pub.bind=tcp://127.0.0.1:0")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("pub").get(0);
				try (ZContext peer = new ZContext()) {
					ZMQ.Socket sub = subscribed(peer, template, endpoint);
					template.publish("pub", "other", "skipped");
					template.publish("pub", "prices", MessageBuilder.withPayload(new Order("o-2", 1, "x")).build());
					assertThat(template.tryPublish("pub", "prices", "second")).isTrue();
					assertThat(sub.recvStr()).isEqualTo("prices");
					assertThat(sub.hasReceiveMore()).isTrue();
					assertThat(sub.recvStr()).isEqualTo("{\"id\":\"o-2\",\"quantity\":1,\"note\":\"x\"}");
					assertThat(sub.hasReceiveMore()).isFalse();
					assertThat(sub.recvStr()).isEqualTo("prices");
					assertThat(sub.recvStr()).isEqualTo("second");
				}
			});
	}

	/**
	 * A raw JeroMQ SUB subscribed to {@code prices} whose subscription the publisher has
	 * seen. JeroMQ 0.6.0 sometimes leaves a fresh SUB connection whose greeting completed
	 * without its subscription ever reaching the publisher (seen about 1 run in 3 as the
	 * first test of a JVM, with the peer count at 1 and the subscription count at 0); a
	 * raw peer then opens a new socket, as a SUB client would after a timeout.
	 */
	private static ZMQ.Socket subscribed(ZContext peer, ZmqTemplate template, String endpoint)
			throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			ZMQ.Socket sub = peer.createSocket(SocketType.SUB);
			sub.setReceiveTimeOut(5000);
			sub.subscribe("prices");
			// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
			sub.setHandshakeIvl(1000);
			sub.connect(endpoint);
			if (template.awaitSubscribers("pub", 1, Duration.ofSeconds(5))) {
				return sub;
			}
			assertThat(attempt).as("attempts to get a subscription through").isLessThan(4);
			sub.setLinger(0);
			peer.destroySocket(sub);
		}
	}

	@Test
	void firstSendWaitsForAwaitedPeer() {
		this.runner
			.withPropertyValues("zmq.sockets.x.type=push", "zmq.sockets.x.bind=tcp://127.0.0.1:0",
					"zmq.sockets.x.await-peers=1", "zmq.sockets.x.await-timeout=20s")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("x").get(0);
				template.send("x", "sent before any peer");
				assertThat(template.awaitPeers("x", 1, Duration.ofMillis(1))).isFalse();
				try (ZContext peer = new ZContext(); ZMQ.Socket pull = peer.createSocket(SocketType.PULL)) {
					pull.setReceiveTimeOut(10000);
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
					pull.setHandshakeIvl(1000);
					pull.connect(endpoint);
					assertThat(pull.recvStr()).isEqualTo("sent before any peer");
				}
			});
	}

	/**
	 * Offer messages until the socket with no peer has taken at least {@code expected}
	 * and refuses more; return how many it took.
	 */
	private static int fill(ZmqTemplate template, String socket, int expected) {
		AtomicInteger accepted = new AtomicInteger();
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
			while (template.trySend(socket, "fill")) {
				accepted.incrementAndGet();
			}
			return accepted.get() >= expected && !template.trySend(socket, "fill");
		});
		return accepted.get();
	}

	record Order(String id, int quantity, String note) {
	}

	record Broken(String value) {

		@Override
		public String value() {
			throw new IllegalStateException("cannot read value");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final MessageConverter CONVERTER = new org.springframework.messaging.converter.StringMessageConverter();

		@Bean
		MessageConverter zmqMessageConverter() {
			return CONVERTER;
		}

		@Bean
		ZmqTemplate myTemplate(ZmqSocketManager manager) {
			ZmqTemplate template = new ZmqTemplate(manager, CONVERTER);
			template.setDefaultSendTimeout(Duration.ofMillis(1234));
			return template;
		}

	}

}
