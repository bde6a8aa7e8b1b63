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
package io.github.zmqspring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.zmqspring.core.ZmqException;
import io.github.zmqspring.core.ZmqRequestTimeoutException;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ZmqTemplate#request} and {@link ZmqTemplate#requestAsync} against a REP server
 * over tcp and inproc: POJO round trips, many requests in flight, generic replies,
 * errors.
 */
@Timeout(60)
class ZmqTemplateRequestTests {

	record Order(String id, int quantity) {
	}

	record Confirmation(String orderId, int total) {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class));

	@Test
	void pojoRoundTripOverTcpAndInproc() throws Exception {
		int port = freePort();
		this.runner
			.withPropertyValues("zmq.sockets.tcp-client.type=dealer",
					"zmq.sockets.tcp-client.connect=tcp://127.0.0.1:" + port, "zmq.sockets.inproc-client.type=dealer",
					"zmq.sockets.inproc-client.connect=inproc://orders")
			.run((context) -> {
				ZContext zmq = context.getBean(ZContext.class);
				JsonMapper json = JsonMapper.builder().build();
				try (Server tcp = new Server(zmq, "tcp://127.0.0.1:" + port, json);
						Server inproc = new Server(zmq, "inproc://orders", json)) {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					assertThat(template.request("tcp-client", new Order("a-1", 3), Confirmation.class))
						.isEqualTo(new Confirmation("a-1", 30));
					assertThat(template.request("inproc-client", new Order("b-2", 5), Confirmation.class,
							Duration.ofSeconds(5)))
						.isEqualTo(new Confirmation("b-2", 50));
					List<Confirmation> many = template.request("tcp-client", new Order("list", 2),
							new ParameterizedTypeReference<List<Confirmation>>() {
							}, Duration.ofSeconds(5));
					assertThat(many).containsExactly(new Confirmation("list", 20), new Confirmation("list", 20));
				}
			});
	}

	/**
	 * Each reply reaches its caller as soon as it arrives: the loop of a requesting
	 * DEALER watches the socket's descriptor whatever the socket did before its first
	 * request (a loop that had left it alone, as it does for sockets that only send,
	 * delivered each reply on its next 100 ms check: 300 requests took 30 s, beyond this
	 * test's bound).
	 */
	@Test
	@Timeout(15)
	void sequentialRequestsAreNotHeldBackByTheLoop() throws Exception {
		this.runner.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://seq")
			.run((context) -> {
				ZContext zmq = context.getBean(ZContext.class);
				try (Server server = new Server(zmq, "inproc://seq", JsonMapper.builder().build())) {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					for (int i = 0; i < 300; i++) {
						assertThat(template.request("client", new Order("s-" + i, 1), Confirmation.class,
								Duration.ofSeconds(5)))
							.isEqualTo(new Confirmation("s-" + i, 10));
					}
				}
			});
	}

	@Test
	void sixtyFourConcurrentRequestsFromEightThreadsAreEachMatched() throws Exception {
		int port = freePort();
		this.runner
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=tcp://127.0.0.1:" + port)
			.run((context) -> {
				ZContext zmq = context.getBean(ZContext.class);
				try (Server server = new Server(zmq, "tcp://127.0.0.1:" + port, JsonMapper.builder().build())) {
					ZmqTemplate template = context.getBean(ZmqTemplate.class);
					ExecutorService threads = Executors.newFixedThreadPool(8);
					try {
						List<CompletableFuture<Boolean>> checks = new ArrayList<>();
						for (int t = 0; t < 8; t++) {
							int thread = t;
							checks.add(CompletableFuture.supplyAsync(() -> {
								List<CompletableFuture<Confirmation>> replies = new ArrayList<>();
								for (int i = 0; i < 8; i++) {
									replies.add(template.requestAsync("client", new Order(thread + "-" + i, i),
											Confirmation.class));
								}
								for (int i = 0; i < 8; i++) {
									assertThat(replies.get(i).join())
										.isEqualTo(new Confirmation(thread + "-" + i, i * 10));
								}
								return true;
							}, threads));
						}
						for (CompletableFuture<Boolean> check : checks) {
							assertThat(check.get(30, TimeUnit.SECONDS)).isTrue();
						}
					}
					finally {
						threads.shutdownNow();
					}
				}
			});
	}

	@Test
	void timeoutAndWrongSocketTypesAreClearErrors() {
		this.runner
			.withPropertyValues("zmq.sockets.client.type=dealer",
					"zmq.sockets.client.connect=tcp://127.0.0.1:" + freePort(), "zmq.template.request-retries=1",
					"zmq.sockets.in.type=pull", "zmq.sockets.in.bind=inproc://in", "zmq.sockets.out.type=push",
					"zmq.sockets.out.bind=inproc://out")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				assertThatExceptionOfType(ZmqRequestTimeoutException.class)
					.isThrownBy(() -> template.request("client", "hello", String.class, Duration.ofMillis(200)))
					.withMessageContaining("'client' after 2 attempt(s)");
				assertThatExceptionOfType(ZmqException.class)
					.isThrownBy(() -> template.request("in", "hello", String.class))
					.withMessageContaining("'in'");
				assertThatExceptionOfType(ZmqException.class)
					.isThrownBy(() -> template.request("out", "hello", String.class))
					.withMessageContaining("'out' is a PUSH")
					.withMessageContaining("DEALER");
				assertThatExceptionOfType(ZmqException.class)
					.isThrownBy(() -> template.request("nope", "hello", String.class))
					.withMessageContaining("'nope'");
			});
	}

	private static int freePort() {
		return io.github.zmqspring.TestPorts.free();
	}

	/**
	 * A REP server on its own thread: replies {@code Confirmation(id, quantity * 10)}, or
	 * a list of two when the order id is {@code list}.
	 */
	static final class Server implements AutoCloseable {

		private final AtomicBoolean serving = new AtomicBoolean(true);

		private final Thread thread;

		Server(ZContext context, String endpoint, JsonMapper json) throws InterruptedException {
			CountDownLatch bound = new CountDownLatch(1);
			this.thread = new Thread(() -> {
				ZMQ.Socket socket = context.createSocket(SocketType.REP);
				socket.setLinger(0);
				socket.bind(endpoint);
				bound.countDown();
				ZMQ.Poller poller = context.createPoller(1);
				poller.register(socket, ZMQ.Poller.POLLIN);
				while (this.serving.get()) {
					if (poller.poll(50) > 0) {
						ZMsg request = ZMsg.recvMsg(socket);
						Order order = json.readValue(request.getLast().getData(), Order.class);
						Confirmation confirmation = new Confirmation(order.id(), order.quantity() * 10);
						Object reply = "list".equals(order.id()) ? List.of(confirmation, confirmation) : confirmation;
						socket.send(json.writeValueAsBytes(reply));
					}
				}
				poller.close();
				context.destroySocket(socket);
			}, "test-rep-" + endpoint);
			this.thread.start();
			assertThat(bound.await(10, TimeUnit.SECONDS)).isTrue();
		}

		@Override
		public void close() throws InterruptedException {
			this.serving.set(false);
			this.thread.join(10_000);
		}

	}

}
