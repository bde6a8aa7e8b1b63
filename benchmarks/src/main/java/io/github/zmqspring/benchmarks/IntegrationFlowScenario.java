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
package io.github.zmqspring.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.integration.dsl.Zmq;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * Scenario 6b: PUSH/PULL of 100-byte messages through Spring Integration flows, ours
 * against Spring Integration's own ZeroMQ module, in the same run. Ours: a message sent
 * to a {@code DirectChannel} goes to {@code Zmq.outboundChannelAdapter} (PUSH, through
 * the template) and arrives through {@code Zmq.inboundChannelAdapter} (PULL, a listener
 * container) in a flow that counts it. Theirs: {@code ZeroMqMessageHandler} (PUSH) to
 * {@code ZeroMqMessageProducer} (PULL) into a {@code DirectChannel} that counts
 * ({@link Baselines#springIntegrationPushPull}). Target: at least 20 times theirs.
 * <p>
 * Run on its own:
 * {@code java -cp ... io.github.zmqspring.benchmarks.IntegrationFlowScenario} with
 * {@code -Dcount=200000 -DsiCount=25000 -Dtrials=3}.
 */
public final class IntegrationFlowScenario {

	private static final int SIZE = 100;

	private IntegrationFlowScenario() {
	}

	public static void main(String[] args) throws Exception {
		int count = Integer.getInteger("count", 200_000);
		int siCount = Integer.getInteger("siCount", 25_000);
		int trials = Integer.getInteger("trials", 3);
		List<Double> ratios = new ArrayList<>();
		try (Ours ours = new Ours()) {
			// warm-up of both sides, not reported
			ours.run(count / 4);
			Baselines.springIntegrationPushPull(siCount / 5, SIZE);
			for (int trial = 1; trial <= trials; trial++) {
				Measurement flow = ours.run(count);
				double mine = flow.perSecond();
				double theirs = Baselines.springIntegrationPushPull(siCount, SIZE).perSecond();
				// the same sockets without Spring Integration: the cost of the flow
				// itself
				Measurement plain = ours.runPlain(count);
				ratios.add(mine / theirs);
				System.out.printf(
						"6b trial %d: ours (Zmq adapters in a flow) %,.0f msg/s (%.0f B/msg allocated);"
								+ " Spring Integration ZeroMQ 7.0.5 %,.0f msg/s; ratio %.1f; reference without a flow"
								+ " (ZmqTemplate -> @ZmqListener) %,.0f msg/s (%.0f B/msg)%n",
						trial, mine, flow.bytesPerMessage(), theirs, mine / theirs, plain.perSecond(),
						plain.bytesPerMessage());
			}
		}
		ratios.sort(Double::compare);
		double median = ratios.get(ratios.size() / 2);
		System.out.printf("6b median ratio %.1f (target >= 20): %s%n", median, (median >= 20) ? "met" : "missed");
		// Spring Integration's producer leaves a non-daemon thread behind
		System.exit(0);
	}

	/** Our side: a Boot application with the two flows. */
	static final class Ours implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final MessageChannel input;

		private final Sink sink;

		private final ZmqTemplate template;

		Ours() throws IOException {
			String endpoint = "tcp://127.0.0.1:" + Ports.free();
			String plainEndpoint = "tcp://127.0.0.1:" + Ports.free();
			this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.properties("spring.main.banner-mode=off", "zmq.sockets.flow-in.type=pull",
						"zmq.sockets.flow-in.bind=" + endpoint, "zmq.sockets.flow-out.type=push",
						"zmq.sockets.flow-out.connect=" + endpoint, "zmq.sockets.plain-in.type=pull",
						"zmq.sockets.plain-in.bind=" + plainEndpoint, "zmq.sockets.plain-out.type=push",
						"zmq.sockets.plain-out.connect=" + plainEndpoint)
				.run();
			this.input = this.context.getBean("benchInput", MessageChannel.class);
			this.sink = this.context.getBean(Sink.class);
			this.template = this.context.getBean(ZmqTemplate.class);
			if (!this.template.awaitPeers("flow-out", 1, Duration.ofSeconds(10))
					|| !this.template.awaitPeers("plain-out", 1, Duration.ofSeconds(10))) {
				throw new IllegalStateException("flow-out or plain-out did not connect within 10 s");
			}
		}

		Measurement runPlain(int count) {
			Counter counter = this.sink.plain;
			counter.reset(count);
			byte[] payload = new byte[SIZE];
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				this.template.send("plain-out", payload);
			}
			counter.await();
			return Measurement.of(counter, meter, count);
		}

		Measurement run(int count) {
			Counter counter = this.sink.counter;
			counter.reset(count);
			byte[] payload = new byte[SIZE];
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				this.input.send(new GenericMessage<>(payload));
			}
			counter.await();
			return Measurement.of(counter, meter, count);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableIntegration
	static class App {

		@Bean
		Sink sink() {
			return new Sink();
		}

		@Bean
		IntegrationFlow benchOutbound() {
			return IntegrationFlow.from("benchInput").handle(Zmq.outboundChannelAdapter("flow-out")).get();
		}

		@Bean
		IntegrationFlow benchInbound(Sink sink) {
			return IntegrationFlow.from(Zmq.inboundChannelAdapter("flow-in"))
				.handle((message) -> sink.counter.hit())
				.get();
		}

	}

	/**
	 * Counts on the inbound adapter's container thread (and the reference listener's).
	 */
	static final class Sink {

		final Counter counter = new Counter("Zmq.inboundChannelAdapter flow");

		final Counter plain = new Counter("@ZmqListener PULL byte[]");

		@ZmqListener(id = "plain", socket = "plain-in")
		void plain(byte[] payload) {
			this.plain.hit();
		}

	}

}
