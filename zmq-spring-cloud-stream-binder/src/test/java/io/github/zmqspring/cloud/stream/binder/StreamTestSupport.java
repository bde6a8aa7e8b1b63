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
package io.github.zmqspring.cloud.stream.binder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.TestPorts;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starting applications and finding free ports for the binder's tests.
 */
final class StreamTestSupport {

	static final String PYTHON = "/usr/bin/python3";

	private StreamTestSupport() {
	}

	/**
	 * @return a free TCP port on 127.0.0.1 below the kernel's ephemeral range
	 * ({@link TestPorts})
	 */
	static int freeTcpPort() {
		return TestPorts.free();
	}

	static int freeUdpPort() {
		try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.integration.poller.fixed-delay=50ms");
		// the test classpath carries a Eureka server and client for
		// ZmqEurekaDiscoveryTests:
		// these applications register nowhere
		all.add("eureka.client.enabled=false");
		all.add("spring.cloud.stream.default-binder=zmq");
		// a binding that cannot be made fails start-up instead of being retried later
		all.add("spring.cloud.stream.binding-retry-interval=0");
		all.add("spring.main.banner-mode=off");
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(all.toArray(new String[0]))
			.run();
	}

	static boolean pyzmqAvailable() {
		try {
			Process probe = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
			boolean ok = probe.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0;
			probe.destroyForcibly();
			return ok;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
