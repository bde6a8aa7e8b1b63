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
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Our side of each scenario: a Boot application with declared sockets, a
 * {@link ZmqTemplate} sending and a {@link ZmqListener} receiving, as a user writes it.
 */
final class Scenarios implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ZmqTemplate template;

	private final Sink sink;

	private final byte[] payload;

	private int repPort;

	private Thread repServer;

	private volatile boolean serving = true;

	Scenarios(int size) throws IOException {
		this.payload = new byte[size];
		String endpoint = "tcp://127.0.0.1:" + freePort();
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("zmq.sockets.bench-in.type=pull", "zmq.sockets.bench-in.bind=" + endpoint,
					"zmq.sockets.bench-out.type=push", "zmq.sockets.bench-out.connect=" + endpoint,
					"zmq.sockets.bench-client.type=dealer",
					"zmq.sockets.bench-client.connect=tcp://127.0.0.1:" + (this.repPort = freePort()),
					"spring.main.banner-mode=off")
			.run();
		this.template = this.context.getBean(ZmqTemplate.class);
		this.sink = this.context.getBean(Sink.class);
		startRepServer();
	}

	/**
	 * A raw JeroMQ REP echo server: the request side is what scenario 4 and 5 measure.
	 */
	private void startRepServer() {
		ZContext zmq = this.context.getBean(ZContext.class);
		this.repServer = new Thread(() -> {
			ZMQ.Socket rep = zmq.createSocket(SocketType.REP);
			rep.setLinger(0);
			rep.bind("tcp://127.0.0.1:" + this.repPort);
			ZMQ.Poller poller = zmq.createPoller(1);
			poller.register(rep, ZMQ.Poller.POLLIN);
			while (this.serving) {
				if (poller.poll(100) > 0) {
					ZMsg request = ZMsg.recvMsg(rep);
					request.send(rep);
				}
			}
			poller.close();
			zmq.destroySocket(rep);
		}, "bench-rep");
		this.repServer.setDaemon(true);
		this.repServer.start();
	}

	/** ZmqTemplate.request to a REP server, one at a time: latencies in microseconds. */
	double[] requestLatency(int count) {
		double[] micros = new double[count];
		for (int i = 0; i < count; i++) {
			long t0 = System.nanoTime();
			this.template.request("bench-client", this.payload, byte[].class, Duration.ofSeconds(10));
			micros[i] = (System.nanoTime() - t0) / 1e3;
		}
		return micros;
	}

	/** Requests per second, one at a time. */
	double syncRequests(int count) {
		long t0 = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.template.request("bench-client", this.payload, byte[].class, Duration.ofSeconds(10));
		}
		return count / ((System.nanoTime() - t0) / 1e9);
	}

	/** Requests per second with {@code inFlight} requests outstanding at all times. */
	double asyncRequests(int count, int inFlight) throws Exception {
		java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(inFlight);
		CountDownLatch done = new CountDownLatch(count);
		long t0 = System.nanoTime();
		for (int i = 0; i < count; i++) {
			window.acquire();
			this.template.requestAsync("bench-client", this.payload, byte[].class, Duration.ofSeconds(10))
				.whenComplete((reply, failure) -> {
					window.release();
					done.countDown();
				});
		}
		if (!done.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("async requests did not complete");
		}
		return count / ((System.nanoTime() - t0) / 1e9);
	}

	/** ZmqTemplate PUSH to a @ZmqListener PULL over tcp loopback: messages per second. */
	double pushPull(int count) throws Exception {
		this.sink.reset(count);
		this.template.awaitPeers("bench-out", 1, Duration.ofSeconds(10));
		for (int i = 0; i < count; i++) {
			this.template.send("bench-out", this.payload);
		}
		if (!this.sink.done.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("received " + this.sink.received.get() + " of " + count);
		}
		return (count - 1) / ((this.sink.lastAt - this.sink.firstAt) / 1e9);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.serving = false;
		this.repServer.join(5000);
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Sink sink() {
			return new Sink();
		}

	}

	static class Sink {

		final AtomicLong received = new AtomicLong();

		volatile long expected;

		volatile long firstAt;

		volatile long lastAt;

		volatile CountDownLatch done = new CountDownLatch(1);

		void reset(long count) {
			this.received.set(0);
			this.expected = count;
			this.done = new CountDownLatch(1);
		}

		@ZmqListener(socket = "bench-in")
		void onMessage(byte[] payload) {
			long n = this.received.incrementAndGet();
			if (n == 1) {
				this.firstAt = System.nanoTime();
			}
			if (n == this.expected) {
				this.lastAt = System.nanoTime();
				this.done.countDown();
			}
		}

	}

}
