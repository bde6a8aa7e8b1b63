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
package io.github.zmqspring.security;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.Pyzmq;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code interop/secure_peer.py}: pyzmq (libzmq) CURVE, PLAIN and NULL peers.
 */
final class SecurePeers {

	private SecurePeers() {
	}

	/**
	 * Run a client to completion.
	 * @param args the script's arguments
	 * @return {@code reply: <text>} or {@code timeout}
	 */
	static String client(String... args) throws Exception {
		Process python = start(args);
		try (BufferedReader out = reader(python)) {
			String line = out.readLine();
			assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return line;
		}
		finally {
			python.destroyForcibly();
		}
	}

	/**
	 * Run the script and return all it prints.
	 * @param args the script's arguments
	 * @return its lines
	 */
	static List<String> lines(String... args) throws Exception {
		Process python = start(args);
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = reader(python)) {
			String line;
			while ((line = out.readLine()) != null) {
				lines.add(line);
			}
			assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(python.exitValue()).isZero();
			return lines;
		}
		finally {
			python.destroyForcibly();
		}
	}

	static Process start(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Pyzmq.PYTHON, script()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	static BufferedReader reader(Process python) {
		return new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * A pyzmq CURVE ROUTER that echoes requests until closed.
	 */
	static final class CurveRouter implements AutoCloseable {

		private final Process python;

		private final String endpoint;

		CurveRouter(ZmqKeyPair keys) throws Exception {
			this.python = start("curve-router", keys.getPublicKey(), keys.getSecretKey());
			String line = reader(this.python).readLine();
			assertThat(line).startsWith("endpoint: ");
			this.endpoint = line.substring("endpoint: ".length());
		}

		String endpoint() {
			return this.endpoint;
		}

		@Override
		public void close() throws Exception {
			try (OutputStream in = this.python.getOutputStream()) {
				in.flush();
			}
			if (!this.python.waitFor(10, TimeUnit.SECONDS)) {
				this.python.destroyForcibly();
			}
		}

	}

	private static String script() throws URISyntaxException {
		return new File(SecurePeers.class.getResource("/interop/secure_peer.py").toURI()).getAbsolutePath();
	}

}
