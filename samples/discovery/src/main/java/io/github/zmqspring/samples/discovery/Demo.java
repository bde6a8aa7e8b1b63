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
package io.github.zmqspring.samples.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bounded demo: three applications in one JVM, each with its own ZeroMQ context and
 * beacon, that know nothing of each other's ports. Service A starts, the client finds it
 * and asks a round of questions; service B joins and takes a share; B stops, its goodbye
 * drops it at once, and A answers everything again.
 */
public final class Demo {

	private Demo() {
	}

	/**
	 * Run the demo.
	 * @param args extra arguments for every application, such as
	 * {@code --zmq.discovery.port=5680}
	 * @return who answered what in each round
	 * @throws Exception on failure
	 */
	public static Report run(String... args) throws Exception {
		List<String> common = new ArrayList<>(Arrays.asList(args));
		if (common.stream().noneMatch((arg) -> arg.startsWith("--zmq.discovery.port="))) {
			// a port of its own, so that demos run side by side on one host do not meet
			common.add("--zmq.discovery.port=" + freeUdpPort());
		}
		if (common.stream().noneMatch((arg) -> arg.startsWith("--spring.main.banner-mode="))) {
			common.add("--spring.main.banner-mode=off");
		}
		common.add("--sample.rounds=0");
		try (ConfigurableApplicationContext serviceA = start("service", common, "--sample.name=service-A");
				ConfigurableApplicationContext client = start("client", common)) {
			Client questions = client.getBean(Client.class);
			System.out.println("demo: service-A and the client are up; neither was told the other's port");
			Map<String, Integer> first = questions.round(4, 1);
			Map<String, Integer> second;
			System.out.println("demo: starting service-B");
			try (ConfigurableApplicationContext serviceB = start("service", common, "--sample.name=service-B")) {
				questions.awaitInstances(2);
				second = questions.round(8, 2);
				System.out.println("demo: stopping service-B");
			}
			questions.awaitInstances(1);
			Map<String, Integer> third = questions.round(4, 1);
			return new Report(first, second, third);
		}
	}

	private static ConfigurableApplicationContext start(String profile, List<String> common, String... extra) {
		List<String> args = new ArrayList<>(common);
		args.addAll(Arrays.asList(extra));
		return new SpringApplicationBuilder(DiscoveryApplication.class).profiles(profile)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
	}

	private static int freeUdpPort() {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Who answered in each round: A alone, A and B, A alone again.
	 *
	 * @param first the round with service-A only
	 * @param second the round after service-B joined
	 * @param third the round after service-B left
	 */
	public record Report(Map<String, Integer> first, Map<String, Integer> second, Map<String, Integer> third) {

		@Override
		public String toString() {
			return "demo: answers per instance: " + this.first + ", then " + this.second
					+ " after service-B joined, then " + this.third + " after it left";
		}

	}

}
