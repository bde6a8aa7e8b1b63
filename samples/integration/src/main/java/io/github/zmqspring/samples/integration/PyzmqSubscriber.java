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
package io.github.zmqspring.samples.integration;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;

/**
 * The libzmq subscriber of the summaries: {@code summary_subscriber.py} run by
 * {@code /usr/bin/python3} (Debian's python3-zmq), connected to the bound endpoint of the
 * summaries socket. Absent (a no-op) when that interpreter cannot import zmq.
 */
final class PyzmqSubscriber implements AutoCloseable {

	private static final String PYTHON = "/usr/bin/python3";

	private final Process process;

	private final BufferedReader output;

	private final int expected;

	private PyzmqSubscriber(Process process, int expected) {
		this.process = process;
		this.output = (process != null)
				? new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) : null;
		this.expected = expected;
	}

	static PyzmqSubscriber start(ZmqTemplate template, ZmqSocketManager socketManager, String socket, int expected)
			throws Exception {
		if (!available()) {
			return new PyzmqSubscriber(null, expected);
		}
		Path script = Files.createTempFile("summary_subscriber", ".py");
		try (InputStream in = PyzmqSubscriber.class.getResourceAsStream("/summary_subscriber.py")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		script.toFile().deleteOnExit();
		String endpoint = socketManager.getBoundEndpoints(socket).get(0);
		Process process = new ProcessBuilder(PYTHON, script.toString(), endpoint, String.valueOf(expected))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		PyzmqSubscriber subscriber = new PyzmqSubscriber(process, expected);
		String ready = subscriber.output.readLine();
		if (ready == null || !ready.startsWith("ready")) {
			subscriber.close();
			throw new IllegalStateException("the pyzmq subscriber did not start: " + ready);
		}
		// its subscription to "summary." has reached our PUB: nothing it wants is lost
		if (!template.awaitSubscribers(socket, 1, Duration.ofSeconds(10))) {
			subscriber.close();
			throw new IllegalStateException("the pyzmq subscriber did not subscribe within 10 s");
		}
		return subscriber;
	}

	static boolean available() {
		if (!new File(PYTHON).canExecute()) {
			return false;
		}
		try {
			Process probe = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
			boolean ok = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
			probe.destroyForcibly();
			return ok;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * @param timeout how long the script waits for its messages (it exits by itself)
	 * @return the {@code [topic, json]} of each summary received, or {@code null} without
	 * pyzmq
	 */
	List<List<String>> received(Duration timeout) throws Exception {
		if (this.process == null) {
			return null;
		}
		List<List<String>> received = new ArrayList<>();
		String line;
		while (received.size() < this.expected && (line = this.output.readLine()) != null) {
			int space = line.indexOf(' ');
			received.add(List.of(line.substring(0, space), line.substring(space + 1)));
		}
		this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		return received;
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

}
