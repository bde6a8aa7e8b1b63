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
package io.github.zmqspring.samples.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.core.ZmqOperations;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Two sockets declared in {@code application.yml}, a PUSH bound on tcp loopback and a
 * PULL connected to it, pass a few messages through the {@link ZmqOperations} bean (the
 * {@code ZmqTemplate}); the app prints what it sends and receives.
 */
@SpringBootApplication
public class QuickstartApplication {

	public static void main(String[] args) {
		SpringApplication.run(QuickstartApplication.class, args);
	}

	@Bean
	CommandLineRunner demo(ZmqOperations zmq) {
		return (args) -> System.out.println("Quickstart received: " + exchange(zmq, 5));
	}

	/**
	 * Send {@code count} messages through the declared {@code outbox} and read them back
	 * from the declared {@code inbox}.
	 * @param zmq the template
	 * @param count how many messages
	 * @return the messages received, in order
	 */
	static List<String> exchange(ZmqOperations zmq, int count) {
		List<String> received = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String text = "message " + i;
			System.out.println("sent     -> " + text);
			zmq.send("outbox", text);
			String got = zmq.receiveAndConvert("inbox", String.class, Duration.ofSeconds(5));
			System.out.println("received <- " + got);
			received.add(got);
		}
		return received;
	}

}
