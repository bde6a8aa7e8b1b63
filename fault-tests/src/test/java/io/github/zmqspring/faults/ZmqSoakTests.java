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
package io.github.zmqspring.faults;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqOperations;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The soak run ({@code -Psoak}, not part of {@code verify}): every pattern at a steady
 * rate for {@code soak.duration} (at most 10 minutes), over tcp loopback, with a report
 * of heap, threads, file descriptors and messages lost at the start and the end.
 * Expected: nothing lost on PUSH/PULL and request/reply, nothing lost on PUB/SUB below
 * the high-water mark, and heap, threads and descriptors flat.
 */
class ZmqSoakTests {

	/** Messages per second per pattern. */
	private static final int RATE = 500;

	@Test
	void everyPatternAtASteadyRate() {
		Duration duration = Duration.parse(System.getProperty("soak.duration", "PT1M"));
		assertThat(duration).isLessThanOrEqualTo(Duration.ofMinutes(10));
		run(duration);
	}

	private void run(Duration duration) {
		try (ConfigurableApplicationContext senders = FaultApplication.start("zmq.sockets.jobs.type=push",
				"zmq.sockets.jobs.bind=tcp://127.0.0.1:0", "zmq.sockets.news.type=pub",
				"zmq.sockets.news.bind=tcp://127.0.0.1:0", "zmq.sockets.rpc.type=dealer",
				"zmq.sockets.rpc.bind=tcp://127.0.0.1:0", "zmq.template.request-timeout=5s")) {
			io.github.zmqspring.core.socket.ZmqSocketManager manager = senders
				.getBean(io.github.zmqspring.core.socket.ZmqSocketManager.class);
			try (ConfigurableApplicationContext sinks = FaultApplication.start(List.of(Sinks.class),
					"soak.jobs=" + manager.getBoundEndpoints("jobs").get(0),
					"soak.news=" + manager.getBoundEndpoints("news").get(0),
					"soak.rpc=" + manager.getBoundEndpoints("rpc").get(0))) {
				ZmqOperations template = senders.getBean(ZmqOperations.class);
				Sinks sink = sinks.getBean(Sinks.class);
				assertThat(template.awaitPeers("jobs", 1, Duration.ofSeconds(30))).isTrue();
				assertThat(template.awaitSubscribers("news", 1, Duration.ofSeconds(30))).isTrue();
				assertThat(template.awaitPeers("rpc", 1, Duration.ofSeconds(30))).isTrue();
				Snapshot start = Snapshot.take("start", 0, 0, 0, 0);
				System.out.println(start);
				long begin = System.nanoTime();
				long sent = 0;
				long requests = 0;
				long requestFailures = 0;
				Snapshot last = start;
				while (System.nanoTime() - begin < duration.toNanos()) {
					long due = begin + sent * 1_000_000_000L / RATE;
					long wait = due - System.nanoTime();
					if (wait > 0) {
						await().pollDelay(Duration.ofNanos(wait)).until(() -> true);
					}
					template.send("jobs", "j" + sent);
					template.publish("news", "n", "p" + sent);
					if (sent % 10 == 0) {
						requests++;
						try {
							if (!("r" + sent).equals(template.request("rpc", "r" + sent, String.class))) {
								requestFailures++;
							}
						}
						catch (RuntimeException ex) {
							requestFailures++;
						}
					}
					sent++;
					if (System.nanoTime() - last.nanos > Duration.ofMinutes(1).toNanos()) {
						last = Snapshot.take("minute", sent - sink.jobs.get(), sent - sink.news.get(), requests,
								requestFailures);
						System.out.println(last);
					}
				}
				long total = sent;
				await().atMost(Duration.ofSeconds(60))
					.until(() -> sink.jobs.get() >= total && sink.news.get() >= total);
				Snapshot end = Snapshot.take("end", total - sink.jobs.get(), total - sink.news.get(), requests,
						requestFailures);
				System.out.println(end);
				System.out.printf("soak: %s, %d msg/s per pattern: %d PUSH/PULL, %d PUB/SUB, %d requests%n", duration,
						RATE, total, total, requests);
				assertThat(end.lostPush).isZero();
				assertThat(end.lostPub).isZero();
				assertThat(requestFailures).isZero();
				assertThat(sink.errors).isEmpty();
				assertThat(end.threads).isLessThanOrEqualTo(start.threads + 5);
				assertThat(end.descriptors).isLessThanOrEqualTo(start.descriptors + 20);
			}
		}
	}

	record Snapshot(String label, long nanos, long heapKiB, int threads, long descriptors, long lostPush, long lostPub,
			long requests, long requestFailures) {

		static Snapshot take(String label, long lostPush, long lostPub, long requests, long requestFailures) {
			System.gc();
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
			int threads = ManagementFactory.getThreadMXBean().getThreadCount();
			String[] fds = new File("/proc/self/fd").list();
			return new Snapshot(label, System.nanoTime(), heap, threads, (fds != null) ? fds.length : -1, lostPush,
					lostPub, requests, requestFailures);
		}

		@Override
		public String toString() {
			// while the run goes on, sent minus received is what is in flight; only at
			// the end, once everything had time to arrive, is it a loss
			String missing = "minute".equals(this.label) ? "in flight" : "lost";
			return String.format(
					"soak %s: heap %d KiB, %d threads, %d file descriptors, %s PUSH/PULL %d, "
							+ "%s PUB/SUB %d, requests %d (failed %d)",
					this.label, this.heapKiB, this.threads, this.descriptors, missing, this.lostPush, missing,
					this.lostPub, this.requests, this.requestFailures);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Sinks {

		final AtomicLong jobs = new AtomicLong();

		final AtomicLong news = new AtomicLong();

		final List<String> errors = new CopyOnWriteArrayList<>();

		@ZmqListener(type = org.zeromq.SocketType.PULL, connect = "${soak.jobs}")
		void job(String job) {
			if (!job.equals("j" + this.jobs.getAndIncrement())) {
				this.errors.add("out of order: " + job);
			}
		}

		@ZmqListener(type = org.zeromq.SocketType.SUB, connect = "${soak.news}", topics = "n")
		void news(String news) {
			if (!news.equals("p" + this.news.getAndIncrement())) {
				this.errors.add("out of order: " + news);
			}
		}

		@ZmqListener(type = org.zeromq.SocketType.REP, connect = "${soak.rpc}")
		String reply(String request) {
			return request;
		}

	}

}
