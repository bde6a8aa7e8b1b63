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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 4 trial after trial in one JVM, with the whole latency distribution of each
 * (p50, p90, p99, p99.9, max, and how many round trips took over 1 ms, by millisecond)
 * and the CPU time and allocation of each thread per trial. {@code -Donly} picks the
 * pairs (default {@code ours,client,raw}):
 * <ul>
 * <li>{@code ours}: {@code ZmqTemplate.request} to the REP {@code @ZmqListener} (row
 * 4);</li>
 * <li>{@code client}: the same client to the raw REP echo (row 4b);</li>
 * <li>{@code raw}: raw REQ to raw REP, in a fresh context (the baseline);</li>
 * <li>{@code selector}, {@code appselector}, {@code ourselector}: a raw ROUTER echo
 * served as our socket loop serves a socket (a thread waiting on its descriptor in an NIO
 * selector, reading and writing without waiting), against a raw REQ in a fresh context, a
 * raw REQ on the application's context, and our template; it prints how often its
 * selector woke with nothing to read ({@code -Dyield=true} yields the CPU then;
 * {@code -Dwork=15} spins 15 us before each reply, as a listener's work would);</li>
 * <li>{@code sepselector}: that ROUTER echo on the application's context against a raw
 * REQ in a fresh context of its own (so the request crosses two I/O threads);</li>
 * <li>{@code rawours}: a raw REQ in a fresh context of its own to row 4's listener.</li>
 * </ul>
 * {@code -Dtimers=true} first prints the timers pending on the application's I/O threads
 * (by reflection into JeroMQ; needs {@code --add-opens java.base/java.util=ALL-UNNAMED}).
 * With {@code -Dstacks=true} it sends requests to row 4's listener only and a watchdog
 * prints the stacks of the threads involved whenever a round trip has lasted over 1.5 ms.
 * Run:
 * {@code java -Dloader.main=io.github.zmqspring.benchmarks.LatencyProbe -cp benchmarks/target/zmq-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 * ({@code -Dcount}, {@code -Dtrials}). See benchmarks/README.md, "Scenario 4 on this
 * machine".
 */
public final class LatencyProbe {

	private static final AtomicLong STARTED = new AtomicLong();

	private LatencyProbe() {
	}

	public static void main(String[] args) throws Exception {
		Scenarios ours = new Scenarios(100);
		int n = Integer.getInteger("count", 5_000);
		if (Boolean.getBoolean("stacks")) {
			startWatchdog();
			byte[] payload = new byte[100];
			for (int i = 0; i < n * Integer.getInteger("trials", 8); i++) {
				STARTED.set(System.nanoTime());
				ours.template().request("bench-client", payload, byte[].class, java.time.Duration.ofSeconds(10));
				STARTED.set(0);
			}
			System.exit(0);
		}
		if (Boolean.getBoolean("timers")) {
			for (int i = 0; i < 4; i++) {
				dumpTimers(ours.zContext());
				Thread.sleep(1500);
			}
		}
		java.util.Set<String> only = java.util.Set.of(System.getProperty("only", "ours,client,raw").split(","));
		for (int i = 0; i < Integer.getInteger("trials", 8); i++) {
			Map<String, Long> cpu = cpu();
			if (only.contains("ours")) {
				print("ours -> @ZmqListener REP", i, ours.requestLatency(n), cpu);
				cpu = cpu();
			}
			if (only.contains("client")) {
				print("ours -> raw REP         ", i, ours.requestLatencyRawServer(n), cpu);
				cpu = cpu();
			}
			if (only.contains("selector")) {
				print("raw  -> ROUTER on a Selector", i, selectorServer(n, null, null), cpu);
				cpu = cpu();
			}
			if (only.contains("appselector")) {
				print("raw  -> ROUTER on a Selector, app context", i, selectorServer(n, ours.zContext(), null), cpu);
				cpu = cpu();
			}
			if (only.contains("sepselector")) {
				print("raw  -> ROUTER on a Selector, app context, REQ's own", i,
						selectorServer(n, ours.zContext(), null, true), cpu);
				cpu = cpu();
			}
			if (only.contains("ourselector")) {
				print("ours -> ROUTER on a Selector", i, selectorServer(n, ours.zContext(), ours), cpu);
				cpu = cpu();
			}
			if (only.contains("rawours")) {
				print("raw  -> @ZmqListener REP", i, rawToListener(n, ours), cpu);
				cpu = cpu();
			}
			if (only.contains("raw")) {
				print("raw  -> raw REP         ", i, Baselines.rawRequestReply(n, 100), cpu);
			}
		}
		System.exit(0);
	}

	/**
	 * A raw REQ against a raw ROUTER echo served as our socket loop serves it: a thread
	 * that waits on the socket's descriptor in its own NIO selector and reads and writes
	 * without waiting.
	 */
	private static double[] selectorServer(int count, org.zeromq.ZContext shared, Scenarios ours) throws Exception {
		return selectorServer(count, shared, ours, false);
	}

	private static double[] selectorServer(int count, org.zeromq.ZContext shared, Scenarios ours, boolean ownClient)
			throws Exception {
		try (org.zeromq.ZContext own = new org.zeromq.ZContext()) {
			org.zeromq.ZContext context = (shared != null) ? shared : own;
			org.zeromq.ZMQ.Socket router = context.createSocket(org.zeromq.SocketType.ROUTER);
			// against our template the ROUTER connects to its bound DEALER
			int port = (ours != null) ? ours.probePort() : router.bindToRandomPort("tcp://127.0.0.1");
			if (ours != null) {
				router.setHandshakeIvl(1000);
				router.connect("tcp://127.0.0.1:" + port);
			}
			java.nio.channels.Selector selector = java.nio.channels.Selector.open();
			java.nio.channels.SelectableChannel fd = router.getFD();
			fd.configureBlocking(false);
			fd.register(selector, java.nio.channels.SelectionKey.OP_READ);
			java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
			Thread server = new Thread(() -> {
				try {
					long selects = 0, ready = 0, fruitless = 0, again = 0, msgs = 0;
					boolean woke = false;
					while (running.get()) {
						org.zeromq.ZMsg msg;
						int got = 0;
						while ((msg = org.zeromq.ZMsg.recvMsg(router, org.zeromq.ZMQ.DONTWAIT)) != null) {
							long workUntil = System.nanoTime() + Long.getLong("work", 0) * 1000;
							while (System.nanoTime() - workUntil < 0) {
								Thread.onSpinWait();
							}
							msg.send(router);
							got++;
						}
						msgs += got;
						if (woke && got == 0) {
							fruitless++;
							if (Boolean.getBoolean("yield")) {
								Thread.yield();
							}
						}
						if ((router.getEvents() & org.zeromq.ZMQ.Poller.POLLIN) != 0) {
							again++;
							continue;
						}
						selects++;
						woke = selector.select(100) > 0;
						if (woke) {
							ready++;
						}
						selector.selectedKeys().clear();
					}
					System.out.printf("    selector server: %d msgs, %d selects, %d ready, %d fruitless, %d again%n",
							msgs, selects, ready, fruitless, again);
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}, "selector-router");
			server.start();
			org.zeromq.ZContext clientContext = ownClient ? own : context;
			org.zeromq.ZMQ.Socket req = clientContext.createSocket(org.zeromq.SocketType.REQ);
			req.connect("tcp://127.0.0.1:" + port);
			byte[] payload = new byte[100];
			double[] micros = new double[count];
			for (int i = 0; i < count; i++) {
				long t0 = System.nanoTime();
				if (ours != null) {
					ours.template().request("probe-client", payload, byte[].class, java.time.Duration.ofSeconds(10));
				}
				else {
					req.send(payload, 0);
					req.recv(0);
				}
				micros[i] = (System.nanoTime() - t0) / 1e3;
			}
			running.set(false);
			server.join();
			selector.close();
			clientContext.destroySocket(req);
			context.destroySocket(router);
			return micros;
		}
	}

	/**
	 * A raw REQ, in a fresh context of its own, against row 4's REP {@code @ZmqListener}.
	 */
	private static double[] rawToListener(int count, Scenarios ours) {
		try (org.zeromq.ZContext context = new org.zeromq.ZContext()) {
			return Baselines.requestLatencies(context, "tcp://127.0.0.1:" + ours.repPort(), count, 100);
		}
	}

	/** The timers of each I/O thread of a context, by reflection (diagnosis only). */
	static void dumpTimers(org.zeromq.ZContext context) throws Exception {
		Object ctx = field(context.getContext(), "ctx");
		for (Object io : (java.util.List<?>) field(ctx, "ioThreads")) {
			Object poller = field(io, "poller");
			Object timers = field(poller, "timers");
			Map<?, ?> inverse = (Map<?, ?>) field(timers, "inverse");
			Map<String, Integer> bySink = new TreeMap<>();
			for (Object info : inverse.keySet()) {
				Object sink = field(info, "sink");
				Object handler = field(sink, "handler");
				String where = handler.getClass().getSimpleName();
				try {
					where += " " + field(handler, "addr");
				}
				catch (NoSuchFieldException ex) {
					// not a connecter
				}
				bySink.merge(
						where + "#" + field(info, "id") + (((Boolean) field(info, "cancelled")) ? "(cancelled)" : ""),
						1, Integer::sum);
			}
			System.out.println("timers of " + io + ": " + inverse.size() + " (table "
					+ ((Object[]) field(inverse, "table")).length + ") " + bySink);
		}
	}

	private static Object field(Object target, String name) throws Exception {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				java.lang.reflect.Field f = type.getDeclaredField(name);
				f.setAccessible(true);
				return f.get(target);
			}
			catch (NoSuchFieldException ex) {
				// look further up
			}
		}
		throw new NoSuchFieldException(name);
	}

	/** CPU time and allocation of each live thread (see SwingProbe). */
	private static Map<String, Long> cpu() {
		return SwingProbe.liveThreadCpu(true);
	}

	private static void print(String name, int i, double[] micros, Map<String, Long> cpuBefore) {
		String cpu = SwingProbe.cpuDelta(cpuBefore, cpu());
		double[] sorted = micros.clone();
		Arrays.sort(sorted);
		long slow = Arrays.stream(sorted).filter((us) -> us > 1000).count();
		Map<Integer, Integer> histogram = new TreeMap<>();
		for (double us : sorted) {
			if (us > 1000) {
				histogram.merge((int) (us / 1000), 1, Integer::sum);
			}
		}
		System.out.printf("%s trial %d: p50 %.0f p90 %.0f p99 %.0f p99.9 %.0f max %.0f us; over 1 ms: %d %s%n", name, i,
				at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99), at(sorted, 0.999), sorted[sorted.length - 1], slow,
				histogram);
		System.out.println("    cpu-ms " + cpu);
	}

	private static String[] readLoad() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
		}
		catch (java.io.IOException ex) {
			return new String[0];
		}
	}

	private static double at(double[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
	}

	/** Prints the stacks of the key threads when a request has been out over 1.5 ms. */
	private static void startWatchdog() {
		Thread watchdog = new Thread(() -> {
			var threads = ManagementFactory.getThreadMXBean();
			int printed = 0;
			long seen = 0;
			while (printed < 30) {
				LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
				long t = STARTED.get();
				if (t == 0 || t == seen || System.nanoTime() - t < 1_500_000) {
					continue;
				}
				seen = t;
				System.out.println("  request out for " + (System.nanoTime() - t) / 1000 + " us; load "
						+ Arrays.toString(readLoad()));
				for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
					String name = info.getThreadName();
					if ((name.startsWith("zmq-socket-echo") || name.startsWith("zmq-socket-bench-client")
							|| name.startsWith("zmq-request-timer") || name.startsWith("iothread")
							|| name.equals("main")) && info.getStackTrace().length > 0) {
						System.out.println("  " + name + " " + info.getThreadState() + " at " + Arrays
							.toString(Arrays.copyOf(info.getStackTrace(), Math.min(4, info.getStackTrace().length))));
					}
				}
				printed++;
			}
		}, "latency-probe-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

}
