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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every scenario against its baseline in the same run, alternating the two (A B B A
 * ...) to cancel the machine's drift, after warm-up trials, and writes a markdown table
 * and a JSON file to {@code benchmarks/results/}. System properties: {@code rounds}
 * (default 5), {@code warmup} (trials of each implementation before the rounds, default
 * 3: ours needs about 1.2 million messages of scenario 1 before the JIT compiler is done
 * on 2 cores, see {@link SwingProbe}), {@code scale} (multiplies every message count),
 * {@code warmup.settle} (default true: more warm-up pairs while the JIT compiler is busy,
 * see {@link #SETTLE_COMPILE_MILLIS}), {@code only} (scenario numbers, for example
 * {@code 1,4}), {@code native} (the C reference binary), {@code out}. Exits explicitly:
 * Spring Integration's producer leaves a non-daemon thread behind.
 */
public final class BenchmarkRunner {

	private static final int SIZE = 100;

	private final List<Row> rows = new ArrayList<>();

	private final int rounds;

	private final int warmup = Integer.getInteger("warmup", 3);

	/**
	 * Warm-up goes on after the {@code warmup} trials, a pair (one trial of each side) at
	 * a time, while the JIT compiler spent more than this many milliseconds during the
	 * last pair, at most {@link #SETTLE_MAX_EXTRA} more pairs: on 2 vCPUs a compiling C2
	 * thread takes CPU from the trial, and rounds measured while it compiles were the
	 * slow ones (benchmarks/README.md, "Scenario 1's slow rounds").
	 * {@code -Dwarmup.settle=false} turns it off.
	 */
	private static final long SETTLE_COMPILE_MILLIS = 20;

	private static final int SETTLE_MAX_EXTRA = 10;

	private final boolean settle = Boolean.parseBoolean(System.getProperty("warmup.settle", "true"));

	/** Extra warm-up pairs each scenario needed with {@code warmup.settle}. */
	private final Map<String, Integer> settled = new LinkedHashMap<>();

	private final double scale;

	private final Set<String> only;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private BenchmarkRunner(int rounds, double scale, Set<String> only) {
		this.rounds = rounds;
		this.scale = scale;
		this.only = only;
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("rounds", 5);
		double scale = Double.parseDouble(System.getProperty("scale", "1"));
		String onlyList = System.getProperty("only", "");
		Set<String> only = onlyList.isBlank() ? Set.of() : Set.of(onlyList.split(","));
		String nativeBinary = System.getProperty("native", "");
		Path out = Path.of(System.getProperty("out", "benchmarks/results"));
		BenchmarkRunner runner = new BenchmarkRunner(rounds, scale, only);
		int status = 0;
		try {
			runner.describeEnvironment();
			long t0 = System.nanoTime();
			runner.run(nativeBinary);
			runner.environment.put("duration", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
			runner.environment.put("load average at end", loadAverage());
			runner.environment.put("extra warm-up pairs (while the JIT compiled over " + SETTLE_COMPILE_MILLIS
					+ " ms a pair, at most " + SETTLE_MAX_EXTRA + ")",
					runner.settle ? runner.settled.toString() : "off");
			runner.write(out);
		}
		catch (Throwable ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			System.exit(status);
		}
	}

	private void run(String nativeBinary) throws Exception {
		byte[] payload = new byte[SIZE];
		Consumer<byte[]> ignore = (bytes) -> {
		};
		Scenarios ours = new Scenarios(SIZE);
		JsonMapper mapper = ours.jsonMapper();
		// the raw baselines run in a JVM of their own, trial by trial (BaselineWorker)
		BaselineWorker worker = Boolean.parseBoolean(System.getProperty("raw.fork", "true")) ? BaselineWorker.start()
				: null;
		this.environment.put("raw JeroMQ baselines",
				(worker != null)
						? "in a JVM of their own (BaselineWorker, pid " + worker.pid() + ", this JVM's -X options)"
						: "in this JVM (-Draw.fork=false)");
		try {
			int n1 = count(400_000);
			scenario("1",
					() -> throughput("1. PUSH/PULL 100 B byte[]", "msg/s", "ours: ZmqTemplate -> @ZmqListener",
							() -> ours.pushPull(n1), "raw JeroMQ PUSH/PULL",
							raw(worker, "push-pull", n1, () -> Baselines.rawPushPull(n1, () -> payload, ignore)),
							Target.atLeast(0.9), true));
			// scenario 1 and its raw baseline set the receiving queue unbounded; this is
			// both with JeroMQ's default high-water marks (1000), what users get
			scenario("1d", () -> throughput("1d. PUSH/PULL 100 B byte[], default high-water marks", "msg/s",
					"ours: ZmqTemplate -> @ZmqListener", () -> ours.pushPullDefaultHighWaterMarks(n1),
					"raw JeroMQ PUSH/PULL",
					raw(worker, "push-pull-hwm", n1, () -> Baselines.rawPushPull(n1, () -> payload, ignore, 1000)),
					null, true));
			// what observations cost: both sides are ours, warm from scenario 1
			int n1o = count(200_000);
			scenario("1o", () -> throughput("1o. PUSH/PULL 100 B, observation on vs off", "msg/s",
					"ours: zmq.template + zmq.listener observations (meter handler)", () -> ours.pushPullObserved(n1o),
					"ours: observation off (default)", () -> ours.pushPull(n1o), null, true));
			int n2 = count(150_000);
			scenario("2",
					() -> throughput("2. PUSH/PULL POJO as JSON", "msg/s",
							"ours: ZmqTemplate.send(pojo) -> @ZmqListener(Quote)", () -> ours.pushPullJson(n2),
							"raw JeroMQ + a JsonMapper by hand",
							raw(worker, "push-pull-json", n2,
									() -> Baselines.rawPushPull(n2, () -> mapper.writeValueAsBytes(Quote.SAMPLE),
											(bytes) -> mapper.readValue(bytes, Quote.class))),
							Target.atLeast(0.9), true));
			// small: both sides are ours and already warm from scenario 2
			int n2c = count(50_000);
			scenario("2c", () -> {
				String name = "2c. PUSH/PULL POJO as CBOR vs JSON";
				String cbor = "ours: CBOR (socket content-type application/cbor)";
				String json = "ours: JSON (default content type)";
				// measured first: a frame that is not in the expected format fails before
				// any trial runs
				Row cborSize = new Row(name + ": encoded Quote", cbor, "B",
						new double[] { ours.encodedQuoteSize("cbor-out", true) });
				Row jsonSize = new Row(name + ": encoded Quote", json, "B",
						new double[] { ours.encodedQuoteSize("json-out", false) });
				cborSize.compareTo(jsonSize, null);
				throughput(name, "msg/s", cbor, () -> ours.pushPullCbor(n2c), json, () -> ours.pushPullJson(n2c), null,
						true);
				this.rows.add(print(cborSize));
				this.rows.add(print(jsonSize));
			});
			int n3 = count(200_000);
			scenario("3", () -> throughput("3. PUB/SUB 100 B, 1 pub 2 subs, delivered to both", "msg/s",
					"ours: ZmqTemplate.publish -> 2 @ZmqListener SUB", () -> ours.pubSub(n3), "raw JeroMQ XPUB/SUB",
					raw(worker, "pub-sub", n3, () -> Baselines.rawPubSub(n3, payload, Scenarios.TOPIC)),
					Target.atLeast(0.9), true));
			int n4 = count(5_000);
			scenario("4", () -> {
				latency("4. REQ/REP round trip 100 B", "ours: ZmqTemplate.request -> @ZmqListener REP",
						() -> ours.requestLatency(n4), "raw JeroMQ REQ -> raw REP",
						rawLatencies(worker, n4, () -> Baselines.rawRequestReply(n4, SIZE)), Target.atMost(1.1),
						Target.atMost(1.3));
				// the same with the raw server on both sides: what our client alone costs
				latency("4b. REQ/REP round trip 100 B, client only", "ours: ZmqTemplate.request -> raw REP",
						() -> ours.requestLatencyRawServer(n4), "raw JeroMQ REQ -> raw REP",
						rawLatencies(worker, n4, () -> Baselines.rawRequestReply(n4, SIZE)), null, null);
			});
			int n5 = count(20_000);
			int n5sync = count(4_000);
			scenario("5", () -> throughput("5. requests/s, 64 in flight vs one at a time", "req/s",
					"ours: requestAsync, 64 in flight -> @ZmqListener REP", () -> ours.asyncRequests(n5, 64),
					"ours: request, one at a time", () -> ours.syncRequests(n5sync), Target.atLeast(10), false));
			int n8 = count(400_000);
			scenario("8",
					() -> throughput("8. PUSH/PULL 100 B, 8 threads through one socket", "msg/s",
							"ours: 8 threads -> one ZmqTemplate socket -> @ZmqListener",
							() -> ours.pushPullThreads(n8, 8), "raw JeroMQ PUSH under a ReentrantLock, 8 threads",
							raw(worker, "locked", n8, () -> Baselines.rawPushPullLocked(n8, 8, payload)),
							Target.atLeast(0.9), false));
			int n9 = count(150_000);
			scenario("9",
					() -> throughput("9. PUSH/PULL POJO as JSON, 4 listener workers", "msg/s",
							"ours: ZmqTemplate.send(pojo) -> @ZmqListener(Quote, concurrency 4)",
							() -> ours.pushPullJsonWorkers(n9), "raw JeroMQ + a JsonMapper by hand, 4 workers",
							raw(worker, "json-workers", n9, () -> Baselines.rawPushPullJsonWorkers(n9, 4, mapper)),
							Target.atLeast(0.9), true));
			int n6 = count(25_000);
			// each side sends for about a second: as few as Spring
			// Integration's 25,000 messages of ours (~20 ms) would
			// measure start-up, not rate
			int n6Ours = count(400_000);
			scenario("6", () -> throughput("6. PUSH/PULL 100 B vs Spring Integration", "msg/s",
					"ours: ZmqTemplate -> @ZmqListener", () -> ours.pushPull(n6Ours), "Spring Integration ZeroMQ 7.0.5",
					() -> Baselines.springIntegrationPushPull(n6, SIZE), Target.atLeast(50), false));
			// the same through Spring Integration flows on both sides
			// (IntegrationFlowScenario)
			int n6b = count(200_000);
			int n6bTheirs = count(25_000);
			scenario("6b", () -> {
				try (IntegrationFlowScenario.Ours flow = new IntegrationFlowScenario.Ours()) {
					throughput("6b. PUSH/PULL 100 B through Spring Integration flows", "msg/s",
							"ours: Zmq.outboundChannelAdapter -> Zmq.inboundChannelAdapter", () -> flow.run(n6b),
							"Spring Integration ZeroMQ 7.0.5 adapters",
							() -> Baselines.springIntegrationPushPull(n6bTheirs, SIZE), Target.atLeast(20), false);
				}
			});
		}
		finally {
			ours.close();
			if (worker != null) {
				worker.close();
			}
		}
		if (!nativeBinary.isEmpty()) {
			int n7 = count(1_000_000);
			int n7latency = count(10_000);
			scenario("7", () -> {
				throughput("7. native libzmq (reference for 1)", "msg/s", "libzmq 4.3 (C) PUSH/PULL",
						() -> Measurement.of(Double.parseDouble(nativeRun(nativeBinary, "throughput", n7)[1])), null,
						null, null, false);
				latency("7. native libzmq (reference for 4)", "libzmq 4.3 (C) REQ/REP",
						() -> nativeLatency(nativeBinary, n7latency), null, null, null, null);
			});
		}
	}

	private int count(int base) {
		return Math.max(1000, (int) (base * this.scale));
	}

	private void scenario(String number, Body body) {
		if (!this.only.isEmpty() && !this.only.contains(number)) {
			return;
		}
		long t0 = System.nanoTime();
		try {
			body.run();
		}
		catch (Exception | AssertionError ex) {
			ex.printStackTrace();
			Row failed = new Row(number + ". (failed)", "", "", new double[] { Double.NaN });
			failed.note = "FAILED: " + ex;
			this.rows.add(failed);
		}
		System.out.printf(Locale.ROOT, "scenario %s took %.1f s%n", number, (System.nanoTime() - t0) / 1e9);
	}

	/**
	 * Warm-up trials of each, then rounds alternating A B, B A, ... so that a drift of
	 * the machine's speed weighs on both alike. {@code b} may be null for a reference
	 * alone.
	 */
	private void throughput(String scenario, String unit, String nameA, Trial a, String nameB, Trial b, Target target,
			boolean allocation) throws Exception {
		warmUp(scenario, a::run, (b != null) ? b::run : null);
		Measurement[] as = new Measurement[this.rounds];
		Measurement[] bs = new Measurement[this.rounds];
		alternate(a::run, (b != null) ? b::run : null, as, bs);
		Row rowA = new Row(scenario, nameA, unit, values(as, Measurement::perSecond));
		if (b == null) {
			this.rows.add(print(rowA));
			return;
		}
		Row rowB = new Row(scenario, nameB, unit, values(bs, Measurement::perSecond));
		rowA.compareTo(rowB, target);
		Double spread = SPREAD_TARGETS.get(scenarioNumber(scenario));
		if (spread != null) {
			rowA.note = "spread <= " + spread + ": " + ((rowA.spread() <= spread) ? "met" : "MISSED");
		}
		this.rows.add(print(rowA));
		this.rows.add(print(rowB));
		if (allocation) {
			Row allocA = new Row(scenario + ": allocation", nameA, "B/msg", values(as, Measurement::bytesPerMessage));
			Row allocB = new Row(scenario + ": allocation", nameB, "B/msg", values(bs, Measurement::bytesPerMessage));
			allocA.compareTo(allocB, ALLOCATION_TARGETS.get(scenarioNumber(scenario)));
			this.rows.add(print(allocA));
			this.rows.add(print(allocB));
		}
	}

	/**
	 * The warm-up trials of each side, then more pairs while the JIT compiler is still
	 * busy (unless {@code warmup.settle} is false).
	 */
	private void warmUp(String scenario, Callable<?> a, Callable<?> b) throws Exception {
		for (int i = 0; i < this.warmup; i++) {
			a.call();
			if (b != null) {
				b.call();
			}
		}
		if (!this.settle) {
			return;
		}
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		int extra = 0;
		while (extra < SETTLE_MAX_EXTRA) {
			long before = jit.getTotalCompilationTime();
			a.call();
			if (b != null) {
				b.call();
			}
			extra++;
			if (jit.getTotalCompilationTime() - before <= SETTLE_COMPILE_MILLIS) {
				break;
			}
		}
		this.settled.put(scenario, extra);
	}

	/** As {@link #throughput}, with the p50 and p99 of each round's round trips. */
	private void latency(String scenario, String nameA, LatencyTrial a, String nameB, LatencyTrial b, Target target,
			Target p99Target) throws Exception {
		warmUp(scenario, a::run, (b != null) ? b::run : null);
		double[][] as = new double[this.rounds][];
		double[][] bs = new double[this.rounds][];
		alternate(a::run, (b != null) ? b::run : null, as, bs);
		Row p50a = new Row(scenario + " p50", nameA, "us", percentiles(as, 0.50));
		Row p99a = new Row(scenario + " p99", nameA, "us", percentiles(as, 0.99));
		if (b == null) {
			this.rows.add(print(p50a));
			this.rows.add(print(p99a));
			return;
		}
		Row p50b = new Row(scenario + " p50", nameB, "us", percentiles(bs, 0.50));
		Row p99b = new Row(scenario + " p99", nameB, "us", percentiles(bs, 0.99));
		p50a.compareTo(p50b, target);
		p99a.compareTo(p99b, p99Target);
		this.rows.add(print(p50a));
		this.rows.add(print(p50b));
		this.rows.add(print(p99a));
		this.rows.add(print(p99b));
	}

	// issue 12's targets beyond the ratio of the medians, by scenario number
	private static final Map<String, Target> ALLOCATION_TARGETS = Map.of("1", Target.atMost(1.5));

	private static final Map<String, Double> SPREAD_TARGETS = Map.of("1", 1.5);

	private static String scenarioNumber(String scenario) {
		int dot = scenario.indexOf('.');
		return (dot > 0) ? scenario.substring(0, dot) : scenario;
	}

	private static double[] values(Measurement[] measurements, java.util.function.ToDoubleFunction<Measurement> f) {
		return Arrays.stream(measurements).mapToDouble(f).toArray();
	}

	private static double[] percentiles(double[][] rounds, double p) {
		double[] result = new double[rounds.length];
		for (int i = 0; i < rounds.length; i++) {
			if (rounds[i].length == 2 && p >= 0.5) {
				// the native binary reports its own p50 and p99
				result[i] = rounds[i][(p > 0.5) ? 1 : 0];
				continue;
			}
			double[] sorted = rounds[i].clone();
			Arrays.sort(sorted);
			result[i] = sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
		}
		return result;
	}

	private static Row print(Row row) {
		System.out.println(row.markdown());
		return row;
	}

	private static double[] nativeLatency(String binary, int count) throws Exception {
		String[] parts = nativeRun(binary, "latency", count);
		return new double[] { Double.parseDouble(parts[1]), Double.parseDouble(parts[2]) };
	}

	private static String[] nativeRun(String binary, String mode, int count) throws Exception {
		Process process = new ProcessBuilder(binary, mode, String.valueOf(count), String.valueOf(SIZE))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(binary + " " + mode + " did not finish within 60 s");
			}
			String line = reader.readLine();
			if (process.exitValue() != 0 || line == null) {
				throw new IllegalStateException(binary + " " + mode + " failed: exit " + process.exitValue());
			}
			return line.trim().split(" ");
		}
	}

	private void describeEnvironment() {
		Map<String, String> env = this.environment;
		env.put("date", Instant.now().toString());
		env.put("commit", System.getProperty("commit", "unknown"));
		env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
				+ System.getProperty("java.vm.vendor") + ")");
		env.put("jvm-args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
		env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		env.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
		env.put("cpu", cpuModel());
		env.put("rounds", String.valueOf(this.rounds));
		env.put("warm-up trials", String.valueOf(this.warmup));
		env.put("scale", String.valueOf(this.scale));
		env.put("payload", SIZE + " bytes");
		env.put("load average at start", loadAverage());
		String note = System.getProperty("note", "");
		if (!note.isBlank()) {
			env.put("note", note);
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (Exception ex) {
			return String.format(Locale.ROOT, "%.2f",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	private void write(Path dir) throws Exception {
		Files.createDirectories(dir);
		StringBuilder md = new StringBuilder("# Benchmark results\n\n");
		this.environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
		md.append("\nMedian, min and max are over the rounds; each round is one trial of each implementation. ")
			.append("Ratio = this row's median / the named row's median. Throughput: higher is better; ")
			.append("latency and allocation: lower is better.\n\n");
		md.append(
				"| scenario | implementation | unit | median | min | max | spread (max/min) | ratio | target | note |\n");
		md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |\n");
		StringBuilder json = new StringBuilder("{\n  \"environment\": {\n");
		List<String> envJson = new ArrayList<>();
		this.environment.forEach((k, v) -> envJson.add("    " + quote(k) + ": " + quote(v)));
		json.append(String.join(",\n", envJson)).append("\n  },\n  \"results\": [\n");
		for (int i = 0; i < this.rows.size(); i++) {
			Row row = this.rows.get(i);
			md.append(row.markdown()).append('\n');
			json.append("    ").append(row.json()).append((i < this.rows.size() - 1) ? ",\n" : "\n");
		}
		json.append("  ]\n}\n");
		Files.writeString(dir.resolve("latest.md"), md);
		Files.writeString(dir.resolve("latest.json"), json);
		System.out.println("\nwrote " + dir.resolve("latest.md") + " and " + dir.resolve("latest.json"));
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "null";
		}
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
	}

	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

	/**
	 * Run each round's trials, A B in even rounds and B A in odd ones, so the machine's
	 * drift falls on both sides alike.
	 */
	private <T> void alternate(Callable<T> a, Callable<T> b, T[] as, T[] bs) throws Exception {
		for (int i = 0; i < this.rounds; i++) {
			if (b == null) {
				as[i] = a.call();
			}
			else if (i % 2 == 0) {
				as[i] = a.call();
				bs[i] = b.call();
			}
			else {
				bs[i] = b.call();
				as[i] = a.call();
			}
		}
	}

	/** A raw baseline's trial: in the worker JVM when there is one, else in this one. */
	private static Trial raw(@Nullable BaselineWorker worker, String kind, int count, Trial inThisJvm) {
		return (worker != null) ? () -> worker.throughput(kind, count) : inThisJvm;
	}

	/** The raw REQ/REP baseline's trial, as {@link #raw}. */
	private static LatencyTrial rawLatencies(@Nullable BaselineWorker worker, int count, LatencyTrial inThisJvm) {
		return (worker != null) ? () -> worker.latencies("req-rep", count) : inThisJvm;
	}

	@FunctionalInterface
	interface Trial {

		Measurement run() throws Exception;

	}

	@FunctionalInterface
	interface LatencyTrial {

		double[] run() throws Exception;

	}

	/**
	 * A target for the ratio of ours to the baseline.
	 *
	 * @param text how the target reads
	 * @param test whether a ratio meets it
	 */
	record Target(String text, DoublePredicate test) {

		static Target atLeast(double ratio) {
			return new Target(">= " + ratio, (r) -> r >= ratio);
		}

		static Target atMost(double ratio) {
			return new Target("<= " + ratio, (r) -> r <= ratio);
		}

	}

	static final class Row {

		final String scenario;

		final String name;

		final String unit;

		final double[] values;

		/** The values in the order the rounds ran. */
		final double[] rounds;

		double ratio = Double.NaN;

		String ratioTo = "";

		Target target;

		String note = "";

		Row(String scenario, String name, String unit, double[] values) {
			this.scenario = scenario;
			this.name = name;
			this.unit = unit;
			this.rounds = values.clone();
			this.values = values.clone();
			Arrays.sort(this.values);
		}

		void compareTo(Row baseline, Target target) {
			this.ratio = median() / baseline.median();
			this.ratioTo = baseline.name;
			this.target = target;
		}

		double spread() {
			double min = this.values[0];
			return (min > 0) ? this.values[this.values.length - 1] / min : Double.NaN;
		}

		double median() {
			int n = this.values.length;
			return (n % 2 == 1) ? this.values[n / 2] : (this.values[n / 2 - 1] + this.values[n / 2]) / 2;
		}

		private String targetText() {
			if (this.target == null || Double.isNaN(this.ratio)) {
				return "";
			}
			return this.target.text() + ": " + (this.target.test().test(this.ratio) ? "met" : "MISSED");
		}

		String markdown() {
			String ratioText = Double.isNaN(this.ratio) ? ""
					: String.format(Locale.ROOT, "%.2f x %s", this.ratio, this.ratioTo);
			double min = this.values[0];
			double max = this.values[this.values.length - 1];
			String spread = (min > 0 && !Double.isNaN(min)) ? String.format(Locale.ROOT, "%.2f", max / min) : "";
			return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", this.scenario,
					this.name, this.unit, number(median()), number(min), number(max), spread, ratioText, targetText(),
					this.note);
		}

		String json() {
			List<String> values = Arrays.stream(this.values).mapToObj(BenchmarkRunner::number).toList();
			return "{\"scenario\": " + quote(this.scenario) + ", \"implementation\": " + quote(this.name)
					+ ", \"unit\": " + quote(this.unit) + ", \"median\": " + number(median()) + ", \"min\": "
					+ number(this.values[0]) + ", \"max\": " + number(this.values[this.values.length - 1])
					+ ", \"ratio\": "
					+ (Double.isNaN(this.ratio) ? "null" : String.format(Locale.ROOT, "%.3f", this.ratio))
					+ ", \"ratioTo\": " + quote(this.ratioTo) + ", \"target\": "
					+ ((this.target != null) ? quote(this.target.text()) : "null") + ", \"targetMet\": "
					+ ((this.target != null && !Double.isNaN(this.ratio)) ? this.target.test().test(this.ratio)
							: "null")
					+ ", \"note\": " + quote(this.note) + ", \"values\": [" + String.join(", ", values) + "]"
					+ ", \"rounds\": ["
					+ String.join(", ", Arrays.stream(this.rounds).mapToObj(BenchmarkRunner::number).toList()) + "]}";
		}

	}

}
