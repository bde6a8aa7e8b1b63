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
package io.github.zmqspring.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqOperations;
import org.zeromq.SocketType;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Our application as a host of its own, run in a container with the host's JDK and the
 * test class path: {@code server} answers requests on a REP listener announced as
 * {@code echo}; {@code client} finds {@code echo} by discovery and asks until it is
 * answered. Every other argument is a Spring Boot {@code --property=value}. Progress goes
 * to standard output, where the test reads it.
 */
public final class PeerApplication {

	private PeerApplication() {
	}

	public static void main(String[] args) throws Exception {
		String role = args[0];
		List<String> properties = new ArrayList<>();
		for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
			properties.add(arg.startsWith("--") ? arg.substring(2) : arg);
		}
		List<Class<?>> sources = role.equals("server") ? List.of(EchoServer.class) : List.of();
		ConfigurableApplicationContext context = FaultApplication.start(sources, properties.toArray(String[]::new));
		System.out.println("READY " + role);
		if (role.equals("client")) {
			ZmqOperations template = context.getBean(ZmqOperations.class);
			for (int i = 0; i < 600; i++) {
				try {
					String reply = template.request("echo", "ping-" + i, String.class, Duration.ofSeconds(1));
					System.out.println("REPLY " + reply);
				}
				catch (RuntimeException ex) {
					System.out.println("NO-REPLY " + ex.getClass().getSimpleName());
				}
			}
		}
		Thread.currentThread().join();
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoServer {

		@ZmqListener(id = "echo-server", type = SocketType.REP, bind = "${peer.bind}", announce = "echo")
		String echo(String request) {
			return request;
		}

	}

}
