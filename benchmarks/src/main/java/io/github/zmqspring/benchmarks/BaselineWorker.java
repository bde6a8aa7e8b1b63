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
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The raw JeroMQ baselines, run in a JVM of their own that the runner starts and drives
 * trial by trial, so that ours and raw still alternate in one run (the machine's drift
 * weighs on both alike) but never share a JIT. In one JVM they share JeroMQ's code: a raw
 * trial's blocking sends and receives reshape the profiles of the methods our
 * non-blocking path compiled, and the compiler was still recompiling them late in a
 * scenario, in the very trials where ours ran slow (benchmarks/README.md, "Baselines in a
 * JVM of their own"). Each side now compiles for its own use, as an application does.
 * <p>
 * The runner writes one command a line ({@code <kind> <count>}); the worker runs that
 * baseline and answers on one line behind {@link #ANSWER}: {@code ok <per second> <bytes
 * per message>}, {@code latencies <us>,<us>,...} or {@code error <message>}. It exits
 * when its input closes. {@code -Draw.fork=false} runs the baselines in the runner's JVM,
 * as before.
 */
final class BaselineWorker implements AutoCloseable {

	/** What starts an answer line; anything else the worker prints is passed on. */
	static final String ANSWER = "@@baseline ";

	/** The longest one trial may take before the runner gives up on the worker. */
	private static final long TRIAL_TIMEOUT_SECONDS = 180;

	private static final int SIZE = 100;

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	private BaselineWorker(Process process) {
		this.process = process;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readAnswers, "baseline-worker-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a worker JVM with the runner's class path and memory and JIT options.
	 * @return the worker
	 * @throws IOException if it cannot be started
	 */
	static BaselineWorker start() throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			// the same heap and JIT flags; no profiler agent, no runner properties
			if (argument.startsWith("-X") && !argument.startsWith("-Xlog")) {
				command.add(argument);
			}
		}
		command.add("-Dloader.main=" + BaselineWorker.class.getName());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		return new BaselineWorker(process);
	}

	/**
	 * @return the worker's process id
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Run one throughput trial in the worker.
	 * @param kind the baseline (see {@link #run(String, int, JsonMapper)})
	 * @param count the messages
	 * @return its measurement
	 */
	Measurement throughput(String kind, int count) throws Exception {
		String[] parts = call(kind + " " + count, "ok").split(" ");
		return new Measurement(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
	}

	/**
	 * Run one latency trial in the worker.
	 * @param kind the baseline
	 * @param count the round trips
	 * @return each round trip's latency in microseconds
	 */
	double[] latencies(String kind, int count) throws Exception {
		return Arrays.stream(call(kind + " " + count, "latencies").split(","))
			.mapToDouble(Double::parseDouble)
			.toArray();
	}

	private String call(String command, String expected) throws Exception {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The baseline worker has ended (exit " + this.process.exitValue() + ")");
		}
		this.commands.write(command + "\n");
		this.commands.flush();
		String answer = this.answers.poll(TRIAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (answer == null) {
			this.process.destroyForcibly();
			throw new IllegalStateException(
					"The baseline worker did not answer '" + command + "' within " + TRIAL_TIMEOUT_SECONDS + " s");
		}
		if (!answer.startsWith(expected + " ")) {
			throw new IllegalStateException("The baseline worker failed '" + command + "': " + answer);
		}
		return answer.substring(expected.length() + 1);
	}

	private void readAnswers() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith(ANSWER)) {
					this.answers.add(line.substring(ANSWER.length()));
				}
				else {
					System.out.println("[baseline worker] " + line);
				}
			}
		}
		catch (IOException ex) {
			this.answers.add("error output closed: " + ex.getMessage());
		}
		this.answers.add("error the worker's output ended");
	}

	/** Close the worker's input, which ends it; bounded. */
	@Override
	public void close() throws InterruptedException {
		try {
			this.commands.close();
		}
		catch (IOException ex) {
			// ended already
		}
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * The worker's side: answer commands from standard input until it closes.
	 * @param args none
	 */
	public static void main(String[] args) throws IOException {
		PrintStream out = System.out;
		// anything else that writes to standard output goes to standard error
		System.setOut(System.err);
		JsonMapper mapper = bootJsonMapper();
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line;
		while ((line = commands.readLine()) != null) {
			String[] parts = line.trim().split(" ");
			String answer;
			try {
				answer = run(parts[0], Integer.parseInt(parts[1]), mapper);
			}
			catch (Throwable ex) {
				// the runner reports the scenario as failed and goes on
				answer = "error " + ex.toString().replace('\n', ' ');
			}
			out.println(ANSWER + answer);
			out.flush();
		}
		System.exit(0);
	}

	/**
	 * The {@link JsonMapper} Spring Boot's auto-configuration makes, as ours gets it: the
	 * raw JSON baselines encode and decode with the same configuration. Its context is
	 * closed at once; nothing of Spring runs in the trials.
	 */
	private static JsonMapper bootJsonMapper() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MapperOnly.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off")
			.run()) {
			return context.getBean(JsonMapper.class);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JacksonAutoConfiguration.class)
	static class MapperOnly {

	}

	/**
	 * Run one baseline trial.
	 * @param kind {@code push-pull}, {@code push-pull-hwm}, {@code push-pull-json},
	 * {@code pub-sub}, {@code locked}, {@code json-workers} or {@code req-rep}
	 * @param count the messages or round trips
	 * @param mapper the JSON mapper
	 * @return the answer line, without {@link #ANSWER}
	 */
	static String run(String kind, int count, JsonMapper mapper) throws Exception {
		byte[] payload = new byte[SIZE];
		Consumer<byte[]> ignore = (bytes) -> {
		};
		Measurement measurement = switch (kind) {
			case "push-pull" -> Baselines.rawPushPull(count, () -> payload, ignore);
			case "push-pull-hwm" -> Baselines.rawPushPull(count, () -> payload, ignore, 1000);
			case "push-pull-json" -> Baselines.rawPushPull(count, () -> mapper.writeValueAsBytes(Quote.SAMPLE),
					(bytes) -> mapper.readValue(bytes, Quote.class));
			case "pub-sub" -> Baselines.rawPubSub(count, payload, Scenarios.TOPIC);
			case "locked" -> Baselines.rawPushPullLocked(count, 8, payload);
			case "json-workers" -> Baselines.rawPushPullJsonWorkers(count, 4, mapper);
			case "req-rep" -> null;
			default -> throw new IllegalArgumentException("unknown baseline '" + kind + "'");
		};
		if (measurement == null) {
			return "latencies " + Arrays.stream(Baselines.rawRequestReply(count, SIZE))
				.mapToObj((us) -> String.format(Locale.ROOT, "%.2f", us))
				.collect(Collectors.joining(","));
		}
		return String.format(Locale.ROOT, "ok %s %s", measurement.perSecond(), measurement.bytesPerMessage());
	}

}
