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
package io.github.zmqspring.proxy;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.Pyzmq;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pyzmq script from {@code src/test/resources/interop} run as a peer: its output lines
 * are read on a thread of their own, so the test waits for them with a bound.
 */
final class PythonPeer implements AutoCloseable {

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private PythonPeer(Process process) {
		this.process = process;
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "python-peer-reader");
		reader.setDaemon(true);
		reader.start();
	}

	static PythonPeer start(String script, String... args) throws IOException, URISyntaxException {
		List<String> command = new ArrayList<>();
		command.add(Pyzmq.PYTHON);
		command.add(new File(PythonPeer.class.getResource("/interop/" + script).toURI()).getAbsolutePath());
		command.addAll(List.of(args));
		return new PythonPeer(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
	}

	/**
	 * Wait for the next output line.
	 * @return the line
	 */
	String nextLine() throws InterruptedException {
		return nextLine(Duration.ofSeconds(30));
	}

	String nextLine(Duration timeout) throws InterruptedException {
		String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(line).as("a line from the python peer within " + timeout).isNotNull();
		return line;
	}

	/**
	 * Wait for a line that starts with a prefix, skipping others.
	 * @param prefix the prefix
	 * @return the line
	 */
	String awaitLine(String prefix) throws InterruptedException {
		while (true) {
			String line = nextLine();
			if (line.startsWith(prefix)) {
				return line;
			}
		}
	}

	void closeInput() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	boolean awaitExit() throws InterruptedException {
		return this.process.waitFor(30, TimeUnit.SECONDS) && this.process.exitValue() == 0;
	}

	@Override
	public void close() {
		closeInput();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
