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
package io.github.zmqspring;

import java.io.File;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The libzmq peer of the interop tests: Debian's {@code python3-zmq}, which installs for
 * {@code /usr/bin/python3} only ({@code .ci/run} installs it).
 */
public final class Pyzmq {

	/** The interpreter that has pyzmq. */
	public static final String PYTHON = "/usr/bin/python3";

	private static Boolean available;

	private Pyzmq() {
	}

	/**
	 * @return whether {@link #PYTHON} can import zmq (probed once)
	 */
	public static synchronized boolean isAvailable() {
		if (available == null) {
			available = probe();
		}
		return available;
	}

	/**
	 * Skip the calling test, saying why, when pyzmq is missing.
	 */
	public static void assumeAvailable() {
		Assumptions.assumeTrue(isAvailable(), PYTHON + " cannot import zmq (install Debian's python3-zmq)");
	}

	private static boolean probe() {
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

}
