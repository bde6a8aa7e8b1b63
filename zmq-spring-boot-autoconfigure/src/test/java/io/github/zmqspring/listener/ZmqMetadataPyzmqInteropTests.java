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
package io.github.zmqspring.listener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.Pyzmq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A libzmq peer (pyzmq) that knows only docs/wire-format.md: it sends JSON with and
 * without the metadata frame, and bad frames, to a listener, and reads a publication that
 * carries metadata with the doc's Python reader (extracted from the doc and run as is).
 */
@Timeout(60)
class ZmqMetadataPyzmqInteropTests {

	private static final String PYTHON = Pyzmq.PYTHON;

	record Order(String id, int quantity) {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class))
		.withUserConfiguration(OrderListener.class)
		.withPropertyValues("zmq.sockets.news.type=pub", "zmq.sockets.news.bind=tcp://127.0.0.1:0");

	@BeforeAll
	static void pyzmqIsAvailable() {
		Pyzmq.assumeAvailable();
	}

	@Test
	void pythonSendsWithAndWithoutMetadataAndReadsOurPublication() throws Exception {
		String doc = Files.readString(Path.of("../docs/wire-format.md"));
		Matcher block = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(doc);
		assertThat(block.find()).as("the Python reader and writer in docs/wire-format.md").isTrue();
		String peer = block.group(1) + String.join("\n", "import sys, json, zmq", "ctx = zmq.Context()",
				"push = ctx.socket(zmq.PUSH); push.setsockopt(zmq.LINGER, 2000); push.connect(sys.argv[1])",
				"sub = ctx.socket(zmq.SUB); sub.setsockopt(zmq.RCVTIMEO, 20000); sub.subscribe(b'orders')",
				"sub.connect(sys.argv[2])", "order = lambda i: json.dumps({'id': i, 'quantity': 1}).encode()",
				"push.send(order('plain'))",
				"push.send_multipart([write_metadata({'tenant': 'acme', 'content-type': 'application/json'}), order('meta')])",
				"push.send_multipart([b'extra', b'frames', order('three')])",
				"push.send_multipart([write_metadata({'tenant': 'x'})[:9], order('truncated')])",
				"push.send(b'{not json')", "push.send(order('last'))", "print('sent', flush=True)",
				"sys.stdin.readline()", "topic, meta, payload = sub.recv_multipart()",
				"headers, error = read_metadata(meta)",
				"print(topic.decode(), json.dumps(headers, sort_keys=True), error, payload.decode(), flush=True)");
		this.runner.run((context) -> {
			ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
			OrderListener listener = context.getBean(OrderListener.class);
			Process python = new ProcessBuilder(PYTHON, "-c", peer, manager.getBoundEndpoints("orders").get(0),
					manager.getBoundEndpoints("news").get(0))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
					Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
				assertThat(out.readLine()).isEqualTo("sent");
				List<String> received = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					received.add(listener.received.poll(20, TimeUnit.SECONDS));
				}
				assertThat(received).containsExactly("plain from nobody", "meta from acme", "last from nobody");
				List<Throwable> failures = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					failures.add(listener.failures.poll(20, TimeUnit.SECONDS));
				}
				assertThat(failures).extracting((failure) -> failure.getCause().getClass().getSimpleName())
					.containsExactly("MessageConversionException", "ZmqMetadataException",
							"MessageConversionException");
				assertThat(failures.get(0).getCause()).hasMessageContaining("received 3 frames");
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThat(template.awaitSubscribers("news", 1, Duration.ofSeconds(20))).isTrue();
				template.publish("news", "orders",
						MessageBuilder.withPayload(new Order("pub-1", 2)).setHeader("tenant", "acme").build());
				in.write("go\n");
				in.flush();
				assertThat(out.readLine())
					.isEqualTo("orders {\"tenant\": \"acme\"} False {\"id\":\"pub-1\",\"quantity\":2}");
				assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
				assertThat(python.exitValue()).isZero();
			}
			finally {
				python.destroyForcibly();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderListener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();

		@Bean
		ZmqListenerErrorHandler recordingErrorHandler() {
			return (message, exception) -> this.failures.add(exception);
		}

		@ZmqListener(id = "orders", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void on(Order order, @Header(name = "tenant", required = false) String tenant) {
			this.received.add(order.id() + " from " + ((tenant != null) ? tenant : "nobody"));
		}

	}

}
