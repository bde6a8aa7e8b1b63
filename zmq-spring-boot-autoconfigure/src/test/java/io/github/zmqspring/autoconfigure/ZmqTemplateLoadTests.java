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

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqTemplate} under load: many threads sending through one socket, and publishers
 * that wait for their subscribers before publishing (the slow-joiner problem).
 */
class ZmqTemplateLoadTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	@Timeout(120)
	void concurrentSendersLoseAndDuplicateNothing() {
		int threads = 8;
		int perThread = 100_000;
		this.runner.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("out").get(0);
				ExecutorService senders = Executors.newFixedThreadPool(threads);
				try (ZContext peer = new ZContext(); ZMQ.Socket pull = peer.createSocket(SocketType.PULL)) {
					pull.setReceiveTimeOut(10_000);
					// JeroMQ 0.6.0 leaves some handshakes stuck: redial after 1 s
					pull.setHandshakeIvl(1000);
					pull.connect(endpoint);
					assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(10))).isTrue();
					CountDownLatch go = new CountDownLatch(1);
					List<Future<?>> results = new ArrayList<>();
					for (int t = 0; t < threads; t++) {
						int thread = t;
						results.add(senders.submit(() -> {
							go.await();
							for (int i = 0; i < perThread; i++) {
								template.send("out", ByteBuffer.allocate(8).putInt(thread).putInt(i).array());
							}
							return null;
						}));
					}
					long start = System.nanoTime();
					go.countDown();
					BitSet seen = new BitSet(threads * perThread);
					int[] next = new int[threads];
					int duplicates = 0;
					int outOfOrder = 0;
					for (int n = 0; n < threads * perThread; n++) {
						byte[] frame = pull.recv();
						assertThat(frame).as("message %d of %d", n, threads * perThread).isNotNull().hasSize(8);
						ByteBuffer buffer = ByteBuffer.wrap(frame);
						int thread = buffer.getInt();
						int seq = buffer.getInt();
						int index = thread * perThread + seq;
						if (seen.get(index)) {
							duplicates++;
						}
						seen.set(index);
						// each sender's messages keep their order through the queue
						if (seq != next[thread]) {
							outOfOrder++;
						}
						next[thread] = seq + 1;
					}
					long elapsed = System.nanoTime() - start;
					for (Future<?> result : results) {
						result.get(30, TimeUnit.SECONDS);
					}
					assertThat(duplicates).isZero();
					assertThat(outOfOrder).isZero();
					assertThat(seen.cardinality()).isEqualTo(threads * perThread);
					System.out.printf("%d messages from %d threads in %d ms (%.0f msg/s)%n", threads * perThread,
							threads, elapsed / 1_000_000, threads * perThread / (elapsed / 1e9));
				}
				finally {
					senders.shutdownNow();
				}
			});
	}

	@Test
	@Timeout(180)
	void subscribersAwaitedBeforePublishingReceiveEverything() throws Exception {
		int rounds = 20;
		int messages = 10_000;
		int subscribers = 3;
		ExecutorService threads = Executors.newFixedThreadPool(subscribers);
		try {
			for (int round = 0; round < rounds; round++) {
				int current = round;
				this.runner
					.withPropertyValues("zmq.sockets.pub.type=pub", "zmq.sockets.pub.bind=tcp://127.0.0.1:0",
							"zmq.sockets.pub.send-high-water-mark=" + (messages * 2))
					.run((context) -> {
						ZmqTemplate template = context.getBean(ZmqTemplate.class);
						String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("pub").get(0);
						try (ZContext peer = new ZContext()) {
							List<Future<Integer>> received = new ArrayList<>();
							for (int s = 0; s < subscribers; s++) {
								received.add(threads.submit(() -> {
									try (ZMQ.Socket sub = peer.createSocket(SocketType.SUB)) {
										sub.setReceiveTimeOut(10_000);
										sub.setRcvHWM(messages * 2);
										sub.subscribe("ticks");
										// JeroMQ 0.6.0 leaves some handshakes stuck:
										// redial after 1 s
										sub.setHandshakeIvl(1000);
										sub.connect(endpoint);
										int count = 0;
										while (count < messages) {
											String topic = sub.recvStr();
											if (topic == null) {
												break;
											}
											assertThat(topic).isEqualTo("ticks");
											assertThat(sub.hasReceiveMore()).isTrue();
											byte[] payload = sub.recv();
											assertThat(ByteBuffer.wrap(payload).getInt()).isEqualTo(count);
											count++;
										}
										return count;
									}
								}));
							}
							assertThat(template.awaitSubscribers("pub", subscribers, Duration.ofSeconds(10)))
								.as("round %d", current)
								.isTrue();
							for (int i = 0; i < messages; i++) {
								template.publish("pub", "ticks", ByteBuffer.allocate(4).putInt(i).array());
							}
							for (Future<Integer> count : received) {
								assertThat(count.get(30, TimeUnit.SECONDS)).as("round %d", current).isEqualTo(messages);
							}
						}
					});
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
