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

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service and a client that find each other by name through the UDP beacon. Run with
 * {@code service} or {@code client} as argument for one process each, or without either
 * for the bounded demo ({@link Demo}): a service, a client, a second service that joins
 * and leaves, all in one JVM.
 */
@SpringBootApplication
public class DiscoveryApplication {

	/** A question for the service: is this number prime? */
	public record Job(int id, long number) {
	}

	/** The service's answer, signed by the instance that computed it. */
	public record Result(int jobId, long number, boolean prime, String instance) {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		if (arguments.contains("service")) {
			ConfigurableApplicationContext context = new SpringApplication(DiscoveryApplication.class)
				.run(with(args, "--spring.profiles.active=service"));
			context.getBean(Service.class).awaitEnd();
			SpringApplication.exit(context);
		}
		else if (arguments.contains("client")) {
			SpringApplication.exit(new SpringApplication(DiscoveryApplication.class)
				.run(with(args, "--spring.profiles.active=client")));
		}
		else {
			Demo.Report report = Demo.run(args);
			System.out.println(report);
		}
	}

	private static String[] with(String[] args, String extra) {
		String[] all = Arrays.copyOf(args, args.length + 1);
		all[args.length] = extra;
		return all;
	}

}
