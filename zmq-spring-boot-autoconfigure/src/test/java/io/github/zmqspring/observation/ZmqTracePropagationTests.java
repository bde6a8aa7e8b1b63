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
package io.github.zmqspring.observation;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.github.zmqspring.Pyzmq;
import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqObservationAutoConfiguration;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace that crosses two application contexts over tcp, with real Micrometer Tracing
 * (Brave) and an in-memory span handler, and a libzmq peer (pyzmq) that reads the trace
 * context from the metadata frame.
 */
class ZmqTracePropagationTests {

	private static final AutoConfigurations TRACING = AutoConfigurations.of(ObservationAutoConfiguration.class,
			MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class, ZmqAutoConfiguration.class,
			ZmqObservationAutoConfiguration.class, JacksonAutoConfiguration.class);

	private final ApplicationContextRunner server = new ApplicationContextRunner().withConfiguration(TRACING)
		.withUserConfiguration(Spans.class, Worker.class)
		.withPropertyValues("management.tracing.sampling.probability=1.0", "zmq.listener.observation-enabled=true");

	private final ApplicationContextRunner client = new ApplicationContextRunner().withConfiguration(TRACING)
		.withUserConfiguration(Spans.class)
		.withPropertyValues("management.tracing.sampling.probability=1.0", "zmq.template.observation-enabled=true",
				"zmq.sockets.out.type=push");

	@Test
	void theListenerSpanIsAChildOfTheTemplateSpanInAnotherContext() {
		this.server.run((serverContext) -> {
			String endpoint = serverContext.getBean(ZmqSocketManager.class).getBoundEndpoints("traced-worker").get(0);
			this.client.withPropertyValues("zmq.sockets.out.connect=" + endpoint).run((clientContext) -> {
				ZmqTemplate template = clientContext.getBean(ZmqTemplate.class);
				assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(20))).isTrue();
				template.send("out", "hello");
				Worker worker = serverContext.getBean(Worker.class);
				assertThat(worker.received.poll(20, TimeUnit.SECONDS)).startsWith("hello traceparent=00-");
				MutableSpan sent = await().atMost(Duration.ofSeconds(20))
					.until(() -> clientContext.getBean(Spans.class).named("out send"), (span) -> span != null);
				MutableSpan processed = await().atMost(Duration.ofSeconds(20))
					.until(() -> serverContext.getBean(Spans.class).named("traced-worker process"),
							(span) -> span != null);
				assertThat(sent.kind()).hasToString("PRODUCER");
				assertThat(processed.kind()).hasToString("CONSUMER");
				assertThat(processed.traceId()).isEqualTo(sent.traceId());
				assertThat(processed.parentId()).isEqualTo(sent.id());
				assertThat(sent.tags()).containsEntry("zmq.socket", "out").containsEntry("messaging.system", "zeromq");
				assertThat(processed.tags()).containsEntry("zmq.listener.id", "traced-worker");
			});
		});
	}

	@Test
	void b3PropagationPutsAB3Header() {
		this.server.withPropertyValues("management.tracing.propagation.type=b3").run((serverContext) -> {
			String endpoint = serverContext.getBean(ZmqSocketManager.class).getBoundEndpoints("traced-worker").get(0);
			this.client
				.withPropertyValues("zmq.sockets.out.connect=" + endpoint, "management.tracing.propagation.type=b3")
				.run((clientContext) -> {
					ZmqTemplate template = clientContext.getBean(ZmqTemplate.class);
					assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(20))).isTrue();
					template.send("out", "hello");
					Worker worker = serverContext.getBean(Worker.class);
					assertThat(worker.b3.poll(20, TimeUnit.SECONDS)).matches("[0-9a-f]{32}-[0-9a-f]{16}-1(-.*)?");
					MutableSpan sent = await().atMost(Duration.ofSeconds(20))
						.until(() -> clientContext.getBean(Spans.class).named("out send"), (span) -> span != null);
					MutableSpan processed = await().atMost(Duration.ofSeconds(20))
						.until(() -> serverContext.getBean(Spans.class).named("traced-worker process"),
								(span) -> span != null);
					assertThat(processed.parentId()).isEqualTo(sent.id());
				});
		});
	}

	@Test
	void aPyzmqPeerReadsTraceparentFromTheMetadataFrame() throws Exception {
		Pyzmq.assumeAvailable();
		String doc = Files.readString(Path.of("../docs/wire-format.md"));
		Matcher block = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(doc);
		assertThat(block.find()).isTrue();
		String peer = block.group(1) + String.join("\n", "import sys, zmq", "ctx = zmq.Context()",
				"pull = ctx.socket(zmq.PULL); pull.setsockopt(zmq.RCVTIMEO, 30000)",
				"port = pull.bind_to_random_port('tcp://127.0.0.1')", "print(port, flush=True)",
				"meta, payload = pull.recv_multipart()", "headers, error = read_metadata(meta)",
				"print(headers['traceparent'], payload.decode(), flush=True)");
		Process python = new ProcessBuilder(Pyzmq.PYTHON, "-c", peer).redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
			String port = out.readLine();
			this.client.withPropertyValues("zmq.sockets.out.connect=tcp://127.0.0.1:" + port).run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.awaitPeers("out", 1, Duration.ofSeconds(20))).isTrue();
				template.send("out", "to python");
				String line = out.readLine();
				MutableSpan sent = await().atMost(Duration.ofSeconds(20))
					.until(() -> context.getBean(Spans.class).named("out send"), (span) -> span != null);
				assertThat(line).isEqualTo("00-" + sent.traceId() + "-" + sent.id() + "-01 to python");
			});
			assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
			assertThat(python.exitValue()).isZero();
		}
		finally {
			python.destroyForcibly();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Spans {

		final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

		@Bean
		SpanHandler inMemorySpans() {
			return new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					Spans.this.finished.add(span);
					return true;
				}

			};
		}

		MutableSpan named(String name) {
			return this.finished.stream().filter((span) -> name.equals(span.name())).findFirst().orElse(null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Worker {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		final BlockingQueue<String> b3 = new LinkedBlockingQueue<>();

		@ZmqListener(id = "traced-worker", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void work(String payload, @Header(name = "traceparent", required = false) String traceparent,
				@Header(name = "b3", required = false) String b3) {
			if (b3 != null) {
				this.b3.add(b3);
			}
			this.received.add(payload + " traceparent=" + traceparent);
		}

	}

}
