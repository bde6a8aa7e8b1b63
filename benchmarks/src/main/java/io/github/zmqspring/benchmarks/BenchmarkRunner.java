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

/**
 * Runs every scenario against its baseline in the same run, alternating the two to cancel
 * the machine's drift, after a warm-up, and writes a markdown table and a JSON file to
 * {@code benchmarks/results/}. Exits explicitly: Spring Integration's producer leaves a
 * non-daemon thread behind.
 */
public final class BenchmarkRunner {

	private static final int SIZE = 100;

	private final List<Row> rows = new ArrayList<>();

	private final int rounds;

	private BenchmarkRunner(int rounds) {
		this.rounds = rounds;
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("rounds", 5);
		String nativeBinary = System.getProperty("native", "");
		Path out = Path.of(System.getProperty("out", "benchmarks/results"));
		BenchmarkRunner runner = new BenchmarkRunner(rounds);
		try {
			runner.run(nativeBinary);
			runner.write(out);
		}
		finally {
			System.exit(0);
		}
	}

	private void run(String nativeBinary) throws Exception {
		int count = 500_000;
		Scenarios ours = new Scenarios(SIZE);
		try {
			pair("1. PUSH/PULL 100 B byte[] (msg/s)", "ours: ZmqTemplate -> @ZmqListener", () -> ours.pushPull(count),
					"raw JeroMQ", () -> Baselines.rawPushPull(count, SIZE));
			pair("6. PUSH/PULL 100 B vs Spring Integration (msg/s)", "ours: ZmqTemplate -> @ZmqListener",
					() -> ours.pushPull(50_000), "Spring Integration ZeroMQ",
					() -> Baselines.springIntegrationPushPull(50_000, SIZE));
			latencyPair("4. REQ/REP round trip 100 B (us)", "ours: ZmqTemplate.request -> raw REP",
					() -> ours.requestLatency(20_000));
			pair("5. requests/s, 64 in flight vs one at a time", "ours: requestAsync, 64 in flight",
					() -> ours.asyncRequests(50_000, 64), "ours: request, one at a time",
					() -> ours.syncRequests(10_000));
		}
		finally {
			ours.close();
		}
		latencyPair("4. REQ/REP round trip 100 B (us)", "raw JeroMQ", () -> Baselines.rawRequestReply(20_000, SIZE));
		if (!nativeBinary.isEmpty()) {
			single("7. native libzmq PUSH/PULL 100 B (msg/s)", "libzmq (C)",
					() -> Double.parseDouble(nativeRun(nativeBinary, "throughput", count).split(" ")[1]));
			this.rows.add(nativeLatency(nativeBinary));
		}
	}

	private void pair(String scenario, String nameA, Trial a, String nameB, Trial b) throws Exception {
		a.run(); // warm-up
		b.run();
		double[] as = new double[this.rounds];
		double[] bs = new double[this.rounds];
		for (int i = 0; i < this.rounds; i++) {
			as[i] = a.run();
			bs[i] = b.run();
		}
		Row rowA = new Row(scenario, nameA, as);
		Row rowB = new Row(scenario, nameB, bs);
		rowA.ratio = rowA.median() / rowB.median();
		rowA.ratioTo = nameB;
		this.rows.add(rowA);
		this.rows.add(rowB);
		System.out.println(rowA.markdown());
		System.out.println(rowB.markdown());
	}

	private void single(String scenario, String name, Trial trial) throws Exception {
		trial.run();
		double[] values = new double[this.rounds];
		for (int i = 0; i < this.rounds; i++) {
			values[i] = trial.run();
		}
		Row row = new Row(scenario, name, values);
		this.rows.add(row);
		System.out.println(row.markdown());
	}

	private void latencyPair(String scenario, String name, LatencyTrial trial) throws Exception {
		trial.run();
		double[] all = trial.run();
		Arrays.sort(all);
		Row row = new Row(scenario, name + " p50", new double[] { all[all.length / 2] });
		Row p99 = new Row(scenario, name + " p99", new double[] { all[(int) (all.length * 0.99)] });
		this.rows.add(row);
		this.rows.add(p99);
		System.out.println(row.markdown());
		System.out.println(p99.markdown());
	}

	private Row nativeLatency(String binary) throws Exception {
		String[] parts = nativeRun(binary, "latency", 20_000).split(" ");
		Row row = new Row("4. REQ/REP round trip 100 B (us)", "libzmq (C) p50/p99",
				new double[] { Double.parseDouble(parts[1]) });
		row.note = "p99 " + parts[2];
		return row;
	}

	private static String nativeRun(String binary, String mode, int count) throws Exception {
		Process process = new ProcessBuilder(binary, mode, String.valueOf(count), String.valueOf(SIZE)).start();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line = reader.readLine();
			process.waitFor();
			return line.trim();
		}
	}

	private void write(Path dir) throws Exception {
		Files.createDirectories(dir);
		Map<String, String> env = new LinkedHashMap<>();
		env.put("date", Instant.now().toString());
		env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		env.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
		env.put("jvm-args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
		env.put("rounds", String.valueOf(this.rounds));
		StringBuilder md = new StringBuilder("# Benchmark results\n\n");
		env.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
		md.append("\n| scenario | implementation | median | min | max | ratio | note |\n");
		md.append("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
		StringBuilder json = new StringBuilder("{\n  \"environment\": {");
		json.append(String.join(", ",
				env.entrySet()
					.stream()
					.map((e) -> "\"" + e.getKey() + "\": \"" + e.getValue().replace("\"", "'") + "\"")
					.toList()));
		json.append("},\n  \"results\": [\n");
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

	@FunctionalInterface
	interface Trial {

		double run() throws Exception;

	}

	@FunctionalInterface
	interface LatencyTrial {

		double[] run() throws Exception;

	}

	static final class Row {

		final String scenario;

		final String name;

		final double[] values;

		double ratio = Double.NaN;

		String ratioTo = "";

		String note = "";

		Row(String scenario, String name, double[] values) {
			this.scenario = scenario;
			this.name = name;
			this.values = values.clone();
			Arrays.sort(this.values);
		}

		double median() {
			return this.values[this.values.length / 2];
		}

		String markdown() {
			String ratioText = Double.isNaN(this.ratio) ? ""
					: String.format(Locale.ROOT, "%.2f x %s", this.ratio, this.ratioTo);
			return String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %s | %s |", this.scenario, this.name,
					median(), this.values[0], this.values[this.values.length - 1], ratioText, this.note);
		}

		String json() {
			return String.format(Locale.ROOT,
					"{\"scenario\": \"%s\", \"implementation\": \"%s\", \"median\": %.1f, \"min\": %.1f, \"max\": %.1f, \"ratio\": %s, \"ratioTo\": \"%s\", \"values\": %s}",
					this.scenario, this.name, median(), this.values[0], this.values[this.values.length - 1],
					Double.isNaN(this.ratio) ? "null" : String.format(Locale.ROOT, "%.3f", this.ratio), this.ratioTo,
					Arrays.toString(this.values));
		}

	}

}
