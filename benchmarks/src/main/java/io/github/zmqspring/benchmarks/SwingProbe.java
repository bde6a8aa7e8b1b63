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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.zeromq.ZContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 1 (ours) trial after trial in one JVM, with the garbage collector's time of
 * each: shows how many messages the JIT compiler needs before ours runs at its steady
 * speed (about 1.2 million on 2 cores), which is what {@link BenchmarkRunner}'s
 * {@code warmup} trials are for; and the CPU time of each thread per trial. Run:
 * {@code java -Dloader.main=io.github.zmqspring.benchmarks.SwingProbe -cp benchmarks/target/zmq-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 * ({@code -Dcount}, {@code -Dtrials}; {@code -Draw=true} interleaves raw trials,
 * {@code -DrawOnly=true} runs only those; {@code -Dscenario=1|1d|2|3|8|9}, or one side of
 * scenario 1 against raw JeroMQ: {@code r2o}, a raw PUSH to our listener, and
 * {@code o2r}, our template to a raw PULL, both on the application's context and I/O
 * thread; {@code r2oj} and {@code o2rj}, the same with scenario 2's JSON,
 * {@code -Dprobe.encode-first=true} making {@code o2rj} send the bytes the mapper wrote
 * instead of the POJO; {@code 2app}, scenario 2 with its raw pair on the application's
 * context; {@code -Dtimers=true} prints the I/O threads' pending timers at the end,
 * {@code -Dswitches=true} each thread's voluntary/involuntary context switches per trial;
 * {@code -DrawFirst=N} runs N raw trials before the first of ours).
 */
public final class SwingProbe {

	private SwingProbe() {
	}

	public static void main(String[] args) throws Exception {
		Scenarios ours = new Scenarios(100);
		byte[] payload = new byte[100];
		int n = Integer.getInteger("count", 400_000);
		boolean raw = Boolean.getBoolean("raw");
		String scenario = System.getProperty("scenario", "1");
		JsonMapper mapper = ours.jsonMapper();
		Trial oursTrial = switch (scenario) {
			case "1" -> () -> ours.pushPull(n);
			case "1d" -> () -> ours.pushPullDefaultHighWaterMarks(n);
			case "2" -> () -> ours.pushPullJson(n);
			case "3" -> () -> ours.pubSub(n);
			case "8" -> () -> ours.pushPullThreads(n, 8);
			case "9" -> () -> ours.pushPullJsonWorkers(n);
			case "r2o" -> () -> ours.rawToOurs(n);
			case "o2r" -> () -> ours.oursToRaw(n);
			case "r2oj" -> () -> ours.rawToOursJson(n);
			case "2app" -> () -> ours.pushPullJson(n);
			case "o2rj" -> () -> ours.oursToRawJson(n);
			default -> throw new IllegalArgumentException("scenario 1, 1d, 2, 3, 8, 9, r2o, o2r, r2oj, o2rj or 2app");
		};
		Trial rawTrial = switch (scenario) {
			// the baselines keep their connections (RawConnections); this opens a fresh
			// pair per trial, as they did before
			case "1" -> Boolean.getBoolean("probe.fresh-connections") ? () -> {
				try (ZContext context = new ZContext()) {
					return Baselines.rawPushPull(context, n, () -> payload, (bytes) -> {
					}, 0);
				}
			} : () -> Baselines.rawPushPull(n, () -> payload, (bytes) -> {
			});
			case "1d" -> () -> Baselines.rawPushPull(n, () -> payload, (bytes) -> {
			}, 1000);
			case "2" -> () -> Baselines.rawPushPull(n, () -> mapper.writeValueAsBytes(Quote.SAMPLE),
					(bytes) -> mapper.readValue(bytes, Quote.class));
			case "3" -> () -> Baselines.rawPubSub(n, payload, Scenarios.TOPIC);
			case "8" -> () -> Baselines.rawPushPullLocked(n, 8, payload);
			case "9" -> () -> Baselines.rawPushPullJsonWorkers(n, 4, mapper);
			// scenario 2's raw pair on the application's context and I/O thread
			case "2app" -> () -> Baselines.rawPushPull(ours.zContext(), n, () -> mapper.writeValueAsBytes(Quote.SAMPLE),
					(bytes) -> mapper.readValue(bytes, Quote.class), 0);
			default -> () -> Baselines.rawPushPull(n, () -> payload, (bytes) -> {
			});
		};
		if (raw && !"false".equals(System.getProperty("sampler"))) {
			startCpuSampler();
		}
		// raw trials before any of ours, in the same JVM (the JIT compiles JeroMQ's code
		// for both)
		for (int i = 0; i < Integer.getInteger("rawFirst", 0); i++) {
			trial("raw ", i, rawTrial);
		}
		for (int i = 0; i < Integer.getInteger("trials", 12); i++) {
			if (!Boolean.getBoolean("rawOnly")) {
				trial("ours", i, oursTrial);
			}
			if (raw) {
				trial("raw ", i, rawTrial);
			}
		}
		if (Boolean.getBoolean("timers")) {
			// see LatencyProbe: needs --add-opens java.base/java.util=ALL-UNNAMED
			LatencyProbe.dumpTimers(ours.zContext());
		}
		System.exit(0);
	}

	private static void trial(String name, int i, Trial trial) throws Exception {
		Map<String, Long> cpu0 = threadCpu();
		long gc0 = gcMillis();
		boolean switches = Boolean.getBoolean("switches");
		Map<String, long[]> switches0 = switches ? contextSwitches() : Map.of();
		long start = System.currentTimeMillis();
		long t0 = System.nanoTime();
		Measurement m = trial.run();
		long t1 = System.nanoTime();
		// the epoch times let a JFR recording be cut per trial
		System.out.printf("%s trial %d: %,.0f msg/s  gc %d ms  wall %d ms  epoch-ms %d %d  cpu-ms %s%s%n", name, i,
				m.perSecond(), gcMillis() - gc0, (t1 - t0) / 1_000_000, start, System.currentTimeMillis(),
				cpuDelta(cpu0, threadCpu()), switches ? "  switches " + switchDelta(switches0, contextSwitches()) : "");
	}

	/**
	 * The CPU time of every thread seen so far. With raw trials, sampled every 10 ms, so
	 * that threads that end within a trial (the raw baselines' I/O and receiving threads)
	 * are counted up to their last sample (the sampler takes a few ms of CPU per trial).
	 */
	private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

	private static void startCpuSampler() {
		Thread sampler = new Thread(() -> {
			while (true) {
				SEEN.putAll(liveThreadCpu());
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
		}, "swing-probe-cpu-sampler");
		sampler.setDaemon(true);
		sampler.start();
	}

	/** CPU time of each thread seen so far, by name and id. */
	private static Map<String, Long> threadCpu() {
		SEEN.putAll(liveThreadCpu());
		return new HashMap<>(SEEN);
	}

	/** CPU time of each live thread, by name and id. */
	private static Map<String, Long> liveThreadCpu() {
		return liveThreadCpu(false);
	}

	/**
	 * CPU time of each live thread, by name and id, and with {@code allocation} also the
	 * bytes each allocated (under {@code "alloc-kb " + name}, scaled so that
	 * {@link #cpuDelta} prints kilobytes).
	 */
	static Map<String, Long> liveThreadCpu(boolean allocation) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> cpu = new HashMap<>();
		for (long id : threads.getAllThreadIds()) {
			var info = threads.getThreadInfo(id);
			long nanos = threads.getThreadCpuTime(id);
			if (info != null && nanos > 0) {
				String name = info.getThreadName() + "#" + id;
				cpu.merge(name, nanos, Long::sum);
				if (allocation) {
					long bytes = ((com.sun.management.ThreadMXBean) threads).getThreadAllocatedBytes(id);
					cpu.merge("alloc-kb " + name, bytes / 1000 * 1_000_000, Long::sum);
				}
			}
		}
		return cpu;
	}

	/**
	 * What each thread used between two samples of {@link #liveThreadCpu(boolean)}, in
	 * milliseconds (or kilobytes), those of 5 or more, by thread name.
	 */
	static String cpuDelta(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> delta = new TreeMap<>();
		after.forEach((name, nanos) -> {
			long d = (nanos - before.getOrDefault(name, 0L)) / 1_000_000;
			if (d >= 5) {
				delta.merge(name.substring(0, name.indexOf('#')), d, Long::sum);
			}
		});
		return delta.toString();
	}

	/**
	 * Voluntary and involuntary context switches of each live thread, by the name Linux
	 * knows it by ({@code /proc/self/task/<tid>/comm}, 15 characters), for
	 * {@code -Dswitches=true}: how often each thread went to sleep and was woken.
	 */
	private static Map<String, long[]> contextSwitches() {
		return perThread("status", "voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:");
	}

	/**
	 * Counters of each live thread from one file of {@code /proc/self/task/<tid>}, keyed
	 * {@code comm#tid} ({@code comm}: the name Linux knows the thread by, 15 characters).
	 * @param file the file, {@code status} or {@code io}
	 * @param fields the lines to read, each by its prefix, in the order of the array
	 * returned per thread
	 */
	static Map<String, long[]> perThread(String file, String... fields) {
		Map<String, long[]> counters = new HashMap<>();
		java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
		if (tasks == null) {
			return counters;
		}
		for (java.io.File task : tasks) {
			try {
				String comm = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
				long[] counts = new long[fields.length];
				for (String line : java.nio.file.Files.readAllLines(task.toPath().resolve(file))) {
					for (int i = 0; i < fields.length; i++) {
						if (line.startsWith(fields[i])) {
							counts[i] = Long.parseLong(line.substring(fields[i].length()).trim());
						}
					}
				}
				counters.put(comm + "#" + task.getName(), counts);
			}
			catch (java.io.IOException | RuntimeException ex) {
				// the thread ended meanwhile
			}
		}
		return counters;
	}

	/**
	 * Voluntary/involuntary switches per thread between two samples, those of 50 or more.
	 */
	private static String switchDelta(Map<String, long[]> before, Map<String, long[]> after) {
		Map<String, String> delta = new TreeMap<>();
		after.forEach((name, counts) -> {
			long[] was = before.getOrDefault(name, new long[2]);
			long voluntary = counts[0] - was[0];
			long involuntary = counts[1] - was[1];
			if (voluntary + involuntary >= 50) {
				delta.put(name.substring(0, name.indexOf('#')), voluntary + "/" + involuntary);
			}
		});
		return delta.toString();
	}

	@FunctionalInterface
	private interface Trial {

		Measurement run() throws Exception;

	}

	static long gcMillis() {
		long t = 0;
		for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
			t += b.getCollectionTime();
		}
		return t;
	}

}
