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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.zeromq.inbound.ZeroMqMessageProducer;
import org.springframework.integration.zeromq.outbound.ZeroMqMessageHandler;
import org.springframework.messaging.support.GenericMessage;

/**
 * The baselines: raw JeroMQ and Spring Integration's ZeroMQ module, written as a user
 * would write them, over tcp loopback.
 */
final class Baselines {

	private Baselines() {
	}

	/** Raw JeroMQ PUSH to PULL: messages per second. */
	static double rawPushPull(int count, int size) throws Exception {
		try (ZContext context = new ZContext()) {
			ZMQ.Socket pull = context.createSocket(SocketType.PULL);
			int port = pull.bindToRandomPort("tcp://127.0.0.1");
			Thread sender = new Thread(() -> {
				ZMQ.Socket push = context.createSocket(SocketType.PUSH);
				push.connect("tcp://127.0.0.1:" + port);
				byte[] payload = new byte[size];
				for (int i = 0; i < count; i++) {
					push.send(payload, 0);
				}
				context.destroySocket(push);
			});
			sender.start();
			pull.recv(0);
			long start = System.nanoTime();
			for (int i = 1; i < count; i++) {
				pull.recv(0);
			}
			double perSecond = (count - 1) / ((System.nanoTime() - start) / 1e9);
			sender.join();
			return perSecond;
		}
	}

	/** Raw JeroMQ REQ/REP: round-trip latencies in microseconds. */
	static double[] rawRequestReply(int count, int size) throws Exception {
		try (ZContext context = new ZContext()) {
			ZMQ.Socket req = context.createSocket(SocketType.REQ);
			int port = req.bindToRandomPort("tcp://127.0.0.1");
			Thread server = new Thread(() -> {
				ZMQ.Socket rep = context.createSocket(SocketType.REP);
				rep.connect("tcp://127.0.0.1:" + port);
				for (int i = 0; i < count; i++) {
					rep.send(rep.recv(0), 0);
				}
				context.destroySocket(rep);
			});
			server.start();
			byte[] payload = new byte[size];
			double[] micros = new double[count];
			for (int i = 0; i < count; i++) {
				long t0 = System.nanoTime();
				req.send(payload, 0);
				req.recv(0);
				micros[i] = (System.nanoTime() - t0) / 1e3;
			}
			server.join();
			return micros;
		}
	}

	/**
	 * Spring Integration: ZeroMqMessageHandler (PUSH) to ZeroMqMessageProducer (PULL).
	 */
	static double springIntegrationPushPull(int count, int size) throws Exception {
		try (ZContext context = new ZContext()) {
			CountDownLatch done = new CountDownLatch(1);
			AtomicLong received = new AtomicLong();
			AtomicLong firstAt = new AtomicLong();
			DirectChannel channel = new DirectChannel();
			channel.subscribe((message) -> {
				long n = received.incrementAndGet();
				if (n == 1) {
					firstAt.set(System.nanoTime());
				}
				if (n == count) {
					done.countDown();
				}
			});
			ZeroMqMessageProducer producer = new ZeroMqMessageProducer(context, SocketType.PULL);
			producer.setOutputChannel(channel);
			producer.setBindPort(0);
			producer.setReceiveRaw(true);
			producer.afterPropertiesSet();
			producer.start();
			while (producer.getBoundPort() <= 0) {
				Thread.onSpinWait();
			}
			ZeroMqMessageHandler handler = new ZeroMqMessageHandler(context,
					"tcp://127.0.0.1:" + producer.getBoundPort(), SocketType.PUSH);
			handler.afterPropertiesSet();
			handler.start();
			byte[] payload = new byte[size];
			for (int i = 0; i < count; i++) {
				handler.handleMessage(new GenericMessage<>(payload)).block();
			}
			if (!done.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Spring Integration received " + received.get() + " of " + count);
			}
			double perSecond = (count - 1) / ((System.nanoTime() - firstAt.get()) / 1e9);
			handler.stop();
			producer.stop();
			producer.destroy();
			return perSecond;
		}
	}

}
