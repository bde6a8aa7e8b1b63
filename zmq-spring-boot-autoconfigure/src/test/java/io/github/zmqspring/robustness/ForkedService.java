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
package io.github.zmqspring.robustness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * {@link HeadlessService} in a JVM of its own, started with the test's class path: its
 * output is collected line by line, and the test can wait for lines, read the listeners'
 * endpoints, send SIGTERM ({@link Process#destroy()}) and wait for the exit.
 */
final class ForkedService implements AutoCloseable {

	/** How long the service may take to start on a loaded machine. */
	static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final Map<String, String> endpoints = new ConcurrentHashMap<>();

	private ForkedService(Process process) {
		this.process = process;
		Thread reader = new Thread(this::read, "forked-service-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start the service.
	 * @param jvmOptions options of the JVM, such as {@code -Xmx256m}
	 * @param args application arguments, such as {@code --zmq.context.linger=1s}
	 * @return the running service
	 * @throws IOException if the JVM cannot be started
	 */
	static ForkedService start(List<String> jvmOptions, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(HeadlessService.class.getName());
		command.add("--spring.main.banner-mode=off");
		command.addAll(List.of(args));
		return new ForkedService(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
				if (line.startsWith("ENDPOINT ")) {
					String[] parts = line.split(" ");
					this.endpoints.put(parts[1], parts[2]);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/**
	 * Wait until the service has printed its endpoints.
	 * @return this
	 */
	ForkedService awaitReady() {
		Awaitility.await("the forked service to start")
			.atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.endpoints.size() == 3 || !this.process.isAlive());
		if (this.endpoints.size() != 3) {
			throw new IllegalStateException("The forked service did not start:\n" + output());
		}
		return this;
	}

	String endpoint(String listener) {
		return this.endpoints.get(listener);
	}

	Process process() {
		return this.process;
	}

	List<String> lines() {
		return this.lines;
	}

	String output() {
		return String.join("\n", this.lines);
	}

	/**
	 * Wait for a line containing a text.
	 * @param text the text
	 * @param timeout the longest to wait
	 * @return whether such a line was printed in time
	 */
	boolean awaitLine(String text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.lines.stream().anyMatch((line) -> line.contains(text))) {
				return true;
			}
			try {
				// a bounded wait for output of another process: there is nothing to
				// be notified by
				this.process.waitFor(20, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.lines.stream().anyMatch((line) -> line.contains(text));
	}

	/**
	 * Send SIGTERM and wait for the JVM to exit.
	 * @param timeout the longest to wait
	 * @return whether it exited in time
	 * @throws InterruptedException if interrupted
	 */
	boolean terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
