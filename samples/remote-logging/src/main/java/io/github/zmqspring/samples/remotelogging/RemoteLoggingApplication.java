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
package io.github.zmqspring.samples.remotelogging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.zmqspring.core.ZmqTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Remote logging: two services publish their log events on PUB sockets with topics
 * {@code <service>.<level>}; one aggregator subscribes to all of orders' events and to
 * billing's errors only, so ZeroMQ filters the rest at the publisher.
 */
@SpringBootApplication
public class RemoteLoggingApplication {

	/** A log event as published on the wire (JSON). */
	public record LogEvent(String service, String level, String message, Instant at) {
	}

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(RemoteLoggingApplication.class, args));
	}

	@Bean
	CommandLineRunner publishers(ZmqTemplate template, Aggregator aggregator,
			@Value("${logging-demo.rounds}") int rounds) {
		return (args) -> {
			if (rounds > 0) {
				System.out.println(publish(template, aggregator, rounds));
			}
		};
	}

	/**
	 * Publish {@code rounds} events of each level from each service and wait until the
	 * aggregator has the ones it subscribed to.
	 * @param template the template
	 * @param aggregator the aggregator
	 * @param rounds rounds of events
	 * @return the aggregator's summary
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Aggregator.Summary publish(ZmqTemplate template, Aggregator aggregator, int rounds)
			throws InterruptedException {
		// the aggregator's SUB sends all three of its subscriptions to each publisher it
		// connects to, and subscriptions are counted per topic
		if (!template.awaitSubscribers("orders-log", 3, Duration.ofSeconds(10))
				|| !template.awaitSubscribers("billing-log", 3, Duration.ofSeconds(10))) {
			throw new IllegalStateException("the aggregator did not subscribe within 10 s");
		}
		// per round: orders INFO and WARN, billing ERROR reach the aggregator; billing
		// INFO does not
		aggregator.expect(rounds * 3);
		for (int i = 0; i < rounds; i++) {
			for (String level : List.of("INFO", "WARN")) {
				template.publish("orders-log", "orders." + level,
						new LogEvent("orders", level, "order " + i + " " + level.toLowerCase(), Instant.now()));
			}
			template.publish("billing-log", "billing.INFO",
					new LogEvent("billing", "INFO", "invoice " + i + " sent", Instant.now()));
			template.publish("billing-log", "billing.ERROR",
					new LogEvent("billing", "ERROR", "invoice " + i + " failed", Instant.now()));
		}
		return aggregator.await(Duration.ofSeconds(30));
	}

}
