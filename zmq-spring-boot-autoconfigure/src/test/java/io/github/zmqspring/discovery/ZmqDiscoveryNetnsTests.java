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
package io.github.zmqspring.discovery;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two JVMs in two network namespaces joined by a veth pair (10.233.0.1/24 and
 * 10.233.0.2/24, which exist inside the namespaces only) discover each other by
 * broadcasting to 10.233.0.255 on that link, and exchange a message. The test creates and
 * removes the namespaces itself; nothing leaves them. Skipped unless run as root with
 * {@code ip} available.
 */
@Timeout(90)
class ZmqDiscoveryNetnsTests {

	private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF), 16);

	private final String nsA = "zmqd-" + this.suffix + "-a";

	private final String nsB = "zmqd-" + this.suffix + "-b";

	private final List<Process> processes = new ArrayList<>();

	private String ip;

	@AfterEach
	void cleanUp() throws Exception {
		for (Process process : this.processes) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.ip != null) {
			// deleting a namespace removes its end of the veth pair, and so the pair
			run(false, this.ip, "netns", "del", this.nsA);
			run(false, this.ip, "netns", "del", this.nsB);
		}
	}

	@Test
	void twoNamespacesDiscoverEachOtherByBroadcast() throws Exception {
		String ipCommand = findIp();
		assumeTrue(ipCommand != null, "the 'ip' command (iproute2) is not installed");
		assumeTrue(isRoot(), "creating network namespaces needs root");
		String vethA = "zd" + this.suffix + "a";
		String vethB = "zd" + this.suffix + "b";
		assumeTrue(run(false, ipCommand, "netns", "add", this.nsA) == 0,
				"cannot create network namespaces here (ip netns add failed)");
		this.ip = ipCommand;
		run(true, ipCommand, "netns", "add", this.nsB);
		// created inside the namespaces directly: the host's namespace never sees the
		// link
		run(true, ipCommand, "-n", this.nsA, "link", "add", vethA, "type", "veth", "peer", "name", vethB, "netns",
				this.nsB);
		run(true, ipCommand, "-n", this.nsA, "addr", "add", "10.233.0.1/24", "broadcast", "10.233.0.255", "dev", vethA);
		run(true, ipCommand, "-n", this.nsB, "addr", "add", "10.233.0.2/24", "broadcast", "10.233.0.255", "dev", vethB);
		for (String[] link : new String[][] { { this.nsA, vethA }, { this.nsB, vethB }, { this.nsA, "lo" },
				{ this.nsB, "lo" } }) {
			run(true, ipCommand, "-n", link[0], "link", "set", link[1], "up");
		}
		Path outA = Files.createTempFile("zmqd-worker", ".log");
		Path outB = Files.createTempFile("zmqd-producer", ".log");
		try {
			long start = System.nanoTime();
			Process worker = launch(ipCommand, this.nsA, outA, "worker", "10.233.0.1");
			Process producer = launch(ipCommand, this.nsB, outB, "producer", "10.233.0.2");
			boolean producerDone = producer.waitFor(60, TimeUnit.SECONDS);
			boolean workerDone = worker.waitFor(30, TimeUnit.SECONDS);
			String logA = Files.readString(outA);
			String logB = Files.readString(outB);
			System.out.println("netns worker:\n" + logA + "\nnetns producer:\n" + logB);
			System.out.println("discovery across namespaces took "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms (two JVM start-ups included)");
			assertThat(producerDone && workerDone).as("both peers ended").isTrue();
			assertThat(logA).contains("ANNOUNCED tcp://10.233.0.1:").contains("RECEIVED hello across namespaces");
			assertThat(logB).contains("DISCOVERED [ZmqServiceInstance[service=echo, endpoint=tcp://10.233.0.1:")
				.contains("SENT");
			assertThat(worker.exitValue()).isZero();
			assertThat(producer.exitValue()).isZero();
		}
		finally {
			Files.deleteIfExists(outA);
			Files.deleteIfExists(outB);
		}
	}

	private Process launch(String ipCommand, String namespace, Path output, String role, String address)
			throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process process = new ProcessBuilder(ipCommand, "netns", "exec", namespace, java, "-cp", classpath,
				NetnsPeer.class.getName(), role, address, "10.233.0.255", "5670")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private static String findIp() {
		for (String candidate : new String[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean isRoot() throws Exception {
		Process process = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		return process.waitFor(10, TimeUnit.SECONDS) && out.equals("0");
	}

	private static int run(boolean check, String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("timed out: " + String.join(" ", command));
		}
		if (check && process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
		}
		return process.exitValue();
	}

}
