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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.proxy.ZmqProxy;
import io.github.zmqspring.proxy.ZmqProxyType;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Forwarded messages per second through our {@code xsub-xpub} {@link ZmqProxy} against
 * raw JeroMQ's {@code ZMQ.proxy} with the same sockets, in the same JVM, alternating A B
 * / B A over the rounds after a warm-up (target: ours at least 0.9x).
 * <p>
 * Each trial: a raw PUB sends {@code n} messages of 100 B over tcp to the proxy's XSUB,
 * the proxy forwards them from its XPUB to a raw SUB. The publisher keeps at most
 * {@code window} messages in flight (it waits for the subscriber to catch up), so no
 * high-water mark is reached and nothing is dropped: every trial delivers all n messages,
 * and the rate is n over the time from the first send to the last receipt.
 * <p>
 * Run: {@code java -cp <classpath> io.github.zmqspring.benchmarks.ProxyBenchmark}
 * (options {@code -Drounds=5 -Dn=500000 -Dwindow=20000}).
 *
 * @author zmq-spring-boot
 */
public final class ProxyBenchmark {

	private static final int SIZE = 100;

	private static final int HWM = 200_000;

	private ProxyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("rounds", 5);
		int n = Integer.getInteger("n", 500_000);
		int window = Integer.getInteger("window", 20_000);
		try (ZContext context = new ZContext(1)) {
			context.setLinger(0);
			Path ours = ours(context);
			Path raw = raw(context);
			try {
				// warm-up: both paths, JIT and connections
				ours.trial(n / 2, window);
				raw.trial(n / 2, window);
				List<Double> oursRates = new ArrayList<>();
				List<Double> rawRates = new ArrayList<>();
				for (int round = 0; round < rounds; round++) {
					if (round % 2 == 0) {
						oursRates.add(ours.trial(n, window));
						rawRates.add(raw.trial(n, window));
					}
					else {
						rawRates.add(raw.trial(n, window));
						oursRates.add(ours.trial(n, window));
					}
				}
				double oursMedian = median(oursRates);
				double rawMedian = median(rawRates);
				System.out.println();
				System.out.println("| Scenario | Ours | Baseline | Ratio | Target |");
				System.out.println("| --- | ---: | ---: | ---: | --- |");
				System.out.printf(Locale.ROOT,
						"| xsub-xpub proxy, PUB -> proxy -> SUB, 100 B, tcp | %s msg/s | raw JeroMQ ZMQ.proxy %s msg/s | %.2f | 0.9: %s |%n",
						format(oursMedian), format(rawMedian), oursMedian / rawMedian,
						(oursMedian / rawMedian >= 0.9) ? "met" : "missed");
				System.out.printf(Locale.ROOT, "ours (min/median/max): %s / %s / %s msg/s%n",
						format(Collections.min(oursRates)), format(oursMedian), format(Collections.max(oursRates)));
				System.out.printf(Locale.ROOT, "raw  (min/median/max): %s / %s / %s msg/s%n",
						format(Collections.min(rawRates)), format(rawMedian), format(Collections.max(rawRates)));
				System.out.printf(Locale.ROOT, "rounds %d, n %d, window %d, cores %d, load average %.2f%n", rounds, n,
						window, Runtime.getRuntime().availableProcessors(),
						java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			}
			finally {
				ours.close();
				raw.close();
			}
		}
	}

	private static Path ours(ZContext context) {
		ZmqSocketOptions options = new ZmqSocketOptions();
		options.setSendHighWaterMark(HWM);
		options.setReceiveHighWaterMark(HWM);
		ZmqSocketSpec frontend = ZmqSocketSpec.builder("bench.frontend", "bench.frontend")
			.type(SocketType.XSUB)
			.bind(List.of("tcp://127.0.0.1:0"))
			.options(options)
			.build();
		ZmqSocketSpec backend = ZmqSocketSpec.builder("bench.backend", "bench.backend")
			.type(SocketType.XPUB)
			.bind(List.of("tcp://127.0.0.1:0"))
			.options(options)
			.build();
		ZmqProxy proxy = new ZmqProxy("bench", ZmqProxyType.XSUB_XPUB, frontend, backend, null,
				new ZmqSocketFactory(context));
		proxy.start();
		return new Path("ours", context, proxy.getFrontendBoundEndpoints().get(0),
				proxy.getBackendBoundEndpoints().get(0), proxy::stop);
	}

	private static Path raw(ZContext context) throws InterruptedException {
		String[] endpoints = new String[2];
		java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
		String control = "inproc://raw-proxy-control";
		ZMQ.Socket controller = context.createSocket(SocketType.PAIR);
		controller.bind(control);
		Thread thread = new Thread(() -> {
			ZMQ.Socket xsub = context.createSocket(SocketType.XSUB);
			ZMQ.Socket xpub = context.createSocket(SocketType.XPUB);
			ZMQ.Socket commands = context.createSocket(SocketType.PAIR);
			for (ZMQ.Socket socket : List.of(xsub, xpub)) {
				socket.setSndHWM(HWM);
				socket.setRcvHWM(HWM);
			}
			xsub.bind("tcp://127.0.0.1:0");
			endpoints[0] = xsub.getLastEndpoint();
			xpub.bind("tcp://127.0.0.1:0");
			endpoints[1] = xpub.getLastEndpoint();
			commands.connect(control);
			bound.countDown();
			ZMQ.proxy(xsub, xpub, null, commands);
			context.destroySocket(commands);
			context.destroySocket(xpub);
			context.destroySocket(xsub);
		}, "raw-proxy");
		thread.start();
		bound.await();
		return new Path("raw", context, endpoints[0], endpoints[1], () -> {
			controller.send(ZMQ.PROXY_TERMINATE);
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			context.destroySocket(controller);
		});
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static String format(double rate) {
		return (rate >= 1e6) ? String.format(Locale.ROOT, "%.2f M", rate / 1e6)
				: String.format(Locale.ROOT, "%.0f k", rate / 1e3);
	}

	/**
	 * A publisher and a subscriber on either side of one proxy.
	 */
	private static final class Path {

		private final String name;

		private final ZMQ.Socket pub;

		private final AtomicLong received = new AtomicLong();

		private final Thread subscriber;

		private final Runnable stopProxy;

		private volatile boolean running = true;

		Path(String name, ZContext context, String frontend, String backend, Runnable stopProxy) {
			this.name = name;
			this.stopProxy = stopProxy;
			this.pub = context.createSocket(SocketType.PUB);
			this.pub.setSndHWM(HWM);
			this.pub.connect(frontend);
			java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
			this.subscriber = new Thread(() -> {
				ZMQ.Socket sub = context.createSocket(SocketType.SUB);
				sub.setRcvHWM(HWM);
				sub.setReceiveTimeOut(100);
				sub.subscribe(ZMQ.SUBSCRIPTION_ALL);
				sub.connect(backend);
				subscribed.countDown();
				while (this.running) {
					if (sub.recv() != null) {
						this.received.incrementAndGet();
					}
				}
				context.destroySocket(sub);
			}, name + "-sub");
			this.subscriber.start();
			try {
				subscribed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// the subscription crosses the proxy asynchronously: probe until it arrives
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.received.get() == 0) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(name + ": no message crossed the proxy");
				}
				this.pub.send(new byte[SIZE]);
				LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
			}
		}

		double trial(int n, int window) {
			awaitQuiet();
			byte[] payload = new byte[SIZE];
			long base = this.received.get();
			long start = System.nanoTime();
			for (int sent = 0; sent < n;) {
				int burst = Math.min(window, n - sent);
				for (int i = 0; i < burst; i++) {
					this.pub.send(payload);
				}
				sent += burst;
				// keep at most one window in flight, so that no high-water mark is
				// reached
				awaitReceived(base + sent - (window / 2), start);
			}
			awaitReceived(base + n, start);
			double rate = n / ((System.nanoTime() - start) / 1e9);
			System.out.printf(Locale.ROOT, "%s: %s msg/s%n", this.name, format(rate));
			return rate;
		}

		private void awaitReceived(long target, long start) {
			while (this.received.get() < target) {
				if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
					throw new IllegalStateException(
							this.name + ": lost messages (" + this.received.get() + " of " + target + ")");
				}
				Thread.onSpinWait();
			}
		}

		private void awaitQuiet() {
			long last = -1;
			while (last != this.received.get()) {
				last = this.received.get();
				LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			}
		}

		void close() {
			this.running = false;
			try {
				this.subscriber.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.stopProxy.run();
		}

	}

}
