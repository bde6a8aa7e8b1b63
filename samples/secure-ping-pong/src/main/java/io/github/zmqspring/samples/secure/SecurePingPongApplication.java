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
package io.github.zmqspring.samples.secure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Ping-pong over CURVE: the {@code pong} ROUTER socket is a CURVE server whose clients
 * our ZAP handler authenticates by key, the {@code pinger} DEALER a CURVE client. Both
 * are declared in {@code application.yml}; the code is the same as without security.
 */
@SpringBootApplication
public class SecurePingPongApplication {

	/** A ping. */
	public record Ping(long seq, String text) {
	}

	/** A pong. */
	public record Pong(long seq, String text) {
	}

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(SecurePingPongApplication.class, args));
	}

	@Bean
	CommandLineRunner pinger(ZmqTemplate template, @Value("${secure-ping-pong.pings}") int pings) {
		return (args) -> {
			if (pings <= 0) {
				return; // tests drive the client themselves
			}
			if (!template.awaitPeers("pinger", 1, Duration.ofSeconds(10))) {
				throw new IllegalStateException("the pong server did not come up within 10 s");
			}
			for (int i = 1; i <= pings; i++) {
				long start = System.nanoTime();
				Pong pong = template.request("pinger", new Ping(i, "ping"), Pong.class);
				System.out.printf("%s %d over CURVE in %d us%n", pong.text(), pong.seq(),
						(System.nanoTime() - start) / 1000);
			}
		};
	}

	/**
	 * The server: a listener on the declared CURVE socket; it only ever sees
	 * authenticated clients.
	 */
	@Component
	public static class PongServer {

		private final AtomicLong served = new AtomicLong();

		@ZmqListener(id = "pong-listener", socket = "pong")
		Pong pong(Ping ping) {
			this.served.incrementAndGet();
			return new Pong(ping.seq(), "pong");
		}

		/**
		 * @return the pings answered so far
		 */
		public long getServed() {
			return this.served.get();
		}

	}

}
