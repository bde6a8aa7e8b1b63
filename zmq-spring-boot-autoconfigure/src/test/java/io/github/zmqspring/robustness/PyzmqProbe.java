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
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.Pyzmq;

/**
 * A well-behaved libzmq peer (pyzmq through {@link Pyzmq#PYTHON}), kept running for the
 * whole test so that each probe costs a socket, not an interpreter. Each probe opens a
 * fresh socket (REQ to a REP listener, DEALER to a ROUTER, PUSH to a PULL), sends one
 * token and, for REP and ROUTER, waits at most 3 s for the reply. It can also leave PUB
 * sockets connected to a port, as a peer of the wrong type.
 */
final class PyzmqProbe implements AutoCloseable {

	private static final String SCRIPT = """
			import sys, zmq
			ctx = zmq.Context()
			pubs = []
			types = {'rep': zmq.REQ, 'router': zmq.DEALER, 'pull': zmq.PUSH}
			for line in sys.stdin:
			    parts = line.split()
			    if parts[0] == 'pub':
			        s = ctx.socket(zmq.PUB)
			        s.setsockopt(zmq.LINGER, 0)
			        s.connect(parts[1])
			        for i in range(10):
			            s.send(b'wrong type')
			        pubs.append(s)
			        print('OK', flush=True)
			        continue
			    if parts[0] == 'closepubs':
			        for s in pubs:
			            s.close()
			        pubs = []
			        print('OK', flush=True)
			        continue
			    kind, endpoint, token = parts
			    s = ctx.socket(types[kind])
			    # a PUSH must linger, or closing it drops the token before it is delivered
			    s.setsockopt(zmq.LINGER, 3000 if kind == 'pull' else 0)
			    s.setsockopt(zmq.RCVTIMEO, 3000)
			    s.setsockopt(zmq.SNDTIMEO, 3000)
			    s.connect(endpoint)
			    try:
			        s.send(token.encode())
			        if kind == 'pull':
			            print('SENT ' + token, flush=True)
			        else:
			            print('REPLY ' + s.recv().decode(), flush=True)
			    except zmq.Again:
			        print('TIMEOUT ' + token, flush=True)
			    s.close()
			""";

	private final Process process;

	private final Writer input;

	private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

	PyzmqProbe() throws IOException {
		this.process = new ProcessBuilder(Pyzmq.PYTHON, "-u", "-c", SCRIPT).redirectErrorStream(true).start();
		this.input = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.output.add(line);
				}
			}
			catch (IOException ex) {
				// ended
			}
		}, "pyzmq-probe-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Send a command and return the probe's answer.
	 * @param command the command line
	 * @return the answer, or a description of what went wrong
	 */
	String ask(String command) throws IOException, InterruptedException {
		this.input.write(command + "\n");
		this.input.flush();
		// the probe itself gives up after 3 s; the rest is for a loaded machine
		String answer = this.output.poll(30, TimeUnit.SECONDS);
		return (answer != null) ? answer : "NO ANSWER from the probe to '" + command + "'";
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
