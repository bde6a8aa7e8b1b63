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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Two sockets declared in {@code application.yml}, a PUSH bound on tcp loopback and a
 * PULL connected to it, pass a few messages; the app prints what it sends and receives.
 */
@SpringBootApplication
public class QuickstartApplication {

	public static void main(String[] args) {
		SpringApplication.run(QuickstartApplication.class, args);
	}

	@Bean
	CommandLineRunner demo(ZmqSocketManager sockets) {
		return (args) -> System.out.println("Quickstart received: " + exchange(sockets, 5));
	}

	/**
	 * Send {@code count} messages through the declared {@code outbox} and read them back
	 * from the declared {@code inbox}.
	 * @param sockets the declared sockets
	 * @param count how many messages
	 * @return the messages received, in order
	 * @throws Exception if a send times out or a receive fails
	 */
	static List<String> exchange(ZmqSocketManager sockets, int count) throws Exception {
		ZmqSocketOwner outbox = sockets.getOwner("outbox");
		ZmqSocketOwner inbox = sockets.getOwner("inbox");
		System.out.println("outbox bound at " + sockets.getBoundEndpoints("outbox"));
		List<String> received = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String text = "message " + i;
			System.out.println("sent     -> " + text);
			outbox.send(new byte[][] { text.getBytes(StandardCharsets.UTF_8) }, Duration.ofSeconds(5));
			String got = inbox.execute((handle) -> handle.getSocket().recvStr()).get();
			System.out.println("received <- " + got);
			received.add(got);
		}
		return received;
	}

}
