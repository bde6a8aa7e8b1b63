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
package io.github.zmqspring.samples.imagepipeline;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Starts worker processes: the same class path and main class, profile {@code worker},
 * the coordinator's endpoints as arguments. Every process it started is ended when the
 * coordinator closes (they also exit by themselves on "batch done" or when the
 * coordinator is gone).
 */
@Component
@Profile("!" + ImagePipelineApplication.WORKER)
class WorkerLauncher implements AutoCloseable {

	private final Map<String, Process> processes = new LinkedHashMap<>();

	/**
	 * Start a worker process.
	 * @param name the worker's name
	 * @param arguments further {@code --name=value} arguments
	 * @return the process
	 */
	synchronized Process launch(String name, Map<String, String> arguments) {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
				ImagePipelineApplication.class.getName(), "--spring.profiles.active=" + ImagePipelineApplication.WORKER,
				"--image-pipeline.worker-name=" + name,
				"--image-pipeline.parent-pid=" + ProcessHandle.current().pid()));
		arguments.forEach((key, value) -> command.add("--image-pipeline." + key + "=" + value));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			this.processes.put(name, process);
			pump(name, process);
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start worker " + name, ex);
		}
	}

	// the worker's output, prefixed with its name, on this process's output
	private static void pump(String name, Process process) {
		Thread pump = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					System.out.println("[" + name + "] " + line);
				}
			}
			catch (IOException ex) {
				// the worker ended
			}
		}, "worker-output-" + name);
		pump.setDaemon(true);
		pump.start();
	}

	/**
	 * @return how many workers were started
	 */
	synchronized int count() {
		return this.processes.size();
	}

	/**
	 * @return the workers started, by name
	 */
	synchronized Map<String, Process> processes() {
		return new LinkedHashMap<>(this.processes);
	}

	/**
	 * @return whether every worker has exited
	 */
	synchronized boolean allExited() {
		return this.processes.values().stream().noneMatch(Process::isAlive);
	}

	/**
	 * Wait for every worker to exit.
	 * @param timeout how long to wait in all
	 * @return the exit code of each worker, {@code null} for one still running
	 * @throws InterruptedException when interrupted
	 */
	Map<String, Integer> awaitExits(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Integer> codes = new LinkedHashMap<>();
		for (Map.Entry<String, Process> entry : processes().entrySet()) {
			long left = Math.max(0, deadline - System.nanoTime());
			Process process = entry.getValue();
			codes.put(entry.getKey(), process.waitFor(left, TimeUnit.NANOSECONDS) ? process.exitValue() : null);
		}
		return codes;
	}

	@Override
	public synchronized void close() throws InterruptedException {
		for (Process process : this.processes.values()) {
			if (process.isAlive()) {
				process.destroy();
			}
		}
		for (Process process : this.processes.values()) {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

}
