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
package io.github.zmqspring.samples.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.integration.dsl.Zmq;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;

/**
 * The remote-logging aggregator as a Spring Integration flow. Two services publish JSON
 * log events on PUB sockets; an inbound channel adapter on a SUB socket connected to both
 * feeds a flow that keeps WARN and ERROR, aggregates them per service in windows of
 * {@code log-aggregation.window-size} events (or what a window has after
 * {@code log-aggregation.window-timeout}), and publishes each summary with an outbound
 * channel adapter on a PUB socket under {@code summary.<service>}, where a pyzmq
 * subscriber reads them.
 */
@SpringBootApplication
public class LogAggregationApplication {

	/** A log event as published on the wire (JSON). */
	public record LogEvent(String service, String level, String message, Instant at) {
	}

	/** What the flow publishes for one window of one service's events (JSON). */
	public record Summary(String service, int events, Map<String, Integer> byLevel, String first, String last) {
	}

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(LogAggregationApplication.class, args));
	}

	@Bean
	SummaryLog summaryLog() {
		return new SummaryLog();
	}

	@Bean
	IntegrationFlow logAggregationFlow(SummaryLog summaryLog, @Value("${log-aggregation.window-size}") int windowSize,
			@Value("${log-aggregation.window-timeout}") Duration windowTimeout) {
		return IntegrationFlow.from(Zmq.inboundChannelAdapter("logs").payloadType(LogEvent.class))
			.filter(LogEvent.class, (event) -> event.level().equals("WARN") || event.level().equals("ERROR"),
					(filter) -> filter.discardChannel("nullChannel"))
			.aggregate((aggregator) -> aggregator
				.correlationStrategy((message) -> ((LogEvent) message.getPayload()).service())
				.releaseStrategy((group) -> group.size() >= windowSize)
				.groupTimeout(windowTimeout.toMillis())
				.sendPartialResultOnExpiry(true)
				.expireGroupsUponCompletion(true)
				.outputProcessor(
						(group) -> summarize(group.getMessages().stream().<Object>map(Message::getPayload).toList())))
			.wireTap((tap) -> tap.handle(Summary.class, (summary, headers) -> {
				summaryLog.add(summary);
				return null;
			}))
			.handle(Zmq.outboundChannelAdapter("summaries")
				.<Summary>topicFunction((message) -> "summary." + message.getPayload().service()))
			.get();
	}

	static Summary summarize(List<Object> payloads) {
		List<LogEvent> events = payloads.stream().map(LogEvent.class::cast).toList();
		Map<String, Integer> byLevel = new TreeMap<>();
		events.forEach((event) -> byLevel.merge(event.level(), 1, Integer::sum));
		return new Summary(events.get(0).service(), events.size(), byLevel, events.get(0).message(),
				events.get(events.size() - 1).message());
	}

	@Bean
	CommandLineRunner demo(ZmqTemplate template, ZmqSocketManager socketManager, SummaryLog summaryLog,
			@Value("${log-aggregation.rounds}") int rounds, @Value("${log-aggregation.window-size}") int windowSize) {
		return (args) -> {
			if (rounds > 0) {
				Result result = run(template, socketManager, summaryLog, rounds, windowSize);
				System.out.println(result);
			}
		};
	}

	/**
	 * Start a pyzmq subscriber of the summaries (when {@code /usr/bin/python3} has
	 * pyzmq), publish {@code rounds} events of each level from each service, and wait for
	 * the summaries.
	 * @param template the template
	 * @param socketManager the socket manager (for the bound endpoint of the summaries)
	 * @param summaryLog the summaries the flow published
	 * @param rounds rounds of events
	 * @param windowSize the events in a window
	 * @return the summaries, as the flow published them and as pyzmq received them
	 * @throws Exception if the demo fails
	 */
	static Result run(ZmqTemplate template, ZmqSocketManager socketManager, SummaryLog summaryLog, int rounds,
			int windowSize) throws Exception {
		// WARN and ERROR pass the filter: 2 events a round for each of the 2 services
		int expected = 2 * (int) Math.ceil(2.0 * rounds / windowSize);
		summaryLog.clear();
		try (PyzmqSubscriber subscriber = PyzmqSubscriber.start(template, socketManager, "summaries", expected)) {
			// the flow's SUB subscribes to both services' topics at each publisher; the
			// level filter is the flow's job
			if (!template.awaitSubscribers("orders-log", 2, Duration.ofSeconds(10))
					|| !template.awaitSubscribers("billing-log", 2, Duration.ofSeconds(10))) {
				throw new IllegalStateException("the flow did not subscribe within 10 s");
			}
			for (int i = 0; i < rounds; i++) {
				for (String level : List.of("DEBUG", "INFO", "WARN", "ERROR")) {
					template.publish("orders-log", "orders." + level,
							new LogEvent("orders", level, "order " + i + " " + level.toLowerCase(), Instant.now()));
					template.publish("billing-log", "billing." + level,
							new LogEvent("billing", level, "invoice " + i + " " + level.toLowerCase(), Instant.now()));
				}
			}
			List<Summary> published = summaryLog.await(expected, Duration.ofSeconds(30));
			return new Result(published, subscriber.received(Duration.ofSeconds(30)));
		}
	}

	/**
	 * The summaries of a demo run.
	 *
	 * @param published what the flow published
	 * @param pyzmq what the pyzmq subscriber received ({@code [topic, json]}), or
	 * {@code null} without pyzmq
	 */
	public record Result(List<Summary> published, List<List<String>> pyzmq) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder("flow published " + this.published.size() + " summaries:\n");
			this.published.forEach((summary) -> text.append("  ").append(summary).append('\n'));
			if (this.pyzmq == null) {
				text.append("(no pyzmq subscriber: install python3-zmq for /usr/bin/python3)");
			}
			else {
				text.append("pyzmq subscriber received ").append(this.pyzmq.size()).append(" summaries:\n");
				this.pyzmq.forEach((frames) -> text.append("  ")
					.append(frames.get(0))
					.append(' ')
					.append(frames.get(1))
					.append('\n'));
			}
			return text.toString();
		}

	}

	/** The summaries the flow published, as it published them. */
	static final class SummaryLog {

		private final List<Summary> summaries = new CopyOnWriteArrayList<>();

		void add(Summary summary) {
			synchronized (this) {
				this.summaries.add(summary);
				notifyAll();
			}
		}

		void clear() {
			this.summaries.clear();
		}

		synchronized List<Summary> await(int count, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.summaries.size() < count) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				wait(Math.max(1, left / 1_000_000));
			}
			return List.copyOf(this.summaries);
		}

	}

}
