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

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.zeromq.inbound.ZeroMqMessageProducer;
import org.springframework.integration.zeromq.outbound.ZeroMqMessageHandler;
import org.springframework.messaging.support.GenericMessage;

/**
 * The baselines: raw JeroMQ and Spring Integration's ZeroMQ module, written as a user
 * would write them, over tcp loopback. As on our side, the calling thread sends and
 * another thread receives, and the sockets stay connected from trial to trial
 * ({@link RawConnections}).
 */
final class Baselines {

	private static final int SEND_TIMEOUT_MILLIS = 10_000;

	private static AnnotationConfigApplicationContext integrationContext;

	private Baselines() {
	}

	/**
	 * The infrastructure beans Spring Integration's components look up (evaluation
	 * context, properties), made once and shared by every trial.
	 */
	private static synchronized AnnotationConfigApplicationContext integrationContext() {
		if (integrationContext == null) {
			integrationContext = new AnnotationConfigApplicationContext(IntegrationInfrastructure.class);
		}
		return integrationContext;
	}

	/**
	 * Raw JeroMQ PUSH to PULL, on the pair kept connected for the JVM's life
	 * ({@link RawConnections}).
	 * @param count the messages
	 * @param encode makes each message's frame (scenario 2 serializes here)
	 * @param decode reads each received frame (scenario 2 deserializes here)
	 */
	static Measurement rawPushPull(int count, Supplier<byte[]> encode, Consumer<byte[]> decode) throws Exception {
		return rawPushPull(count, encode, decode, 0);
	}

	/**
	 * Raw JeroMQ PUSH to PULL, the PULL with the given receive high-water mark (0:
	 * unbounded; JeroMQ's default is 1000), on the pair kept for that mark.
	 */
	static Measurement rawPushPull(int count, Supplier<byte[]> encode, Consumer<byte[]> decode,
			int receiveHighWaterMark) throws Exception {
		return RawConnections.pushPull("receive-hwm " + receiveHighWaterMark, receiveHighWaterMark)
			.run(count, encode, decode);
	}

	/**
	 * Raw JeroMQ PUSH to PULL in a given context (SwingProbe runs it on the application's
	 * own, beside our sockets); both sockets are closed before it returns.
	 */
	static Measurement rawPushPull(ZContext context, int count, Supplier<byte[]> encode, Consumer<byte[]> decode,
			int receiveHighWaterMark) throws Exception {
		ZMQ.Socket push = null;
		try (RawReceiver pull = new RawReceiver(context, SocketType.PULL, null, null, decode, count,
				receiveHighWaterMark)) {
			int port = pull.awaitOpen();
			push = connectPush(context, port);
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				if (!push.send(encode.get(), 0)) {
					throw new IllegalStateException("raw PUSH could not send message " + i);
				}
			}
			pull.counter().await();
			return Measurement.of(pull.counter(), meter, count);
		}
		finally {
			if (push != null) {
				context.destroySocket(push);
			}
		}
	}

	/**
	 * A raw PUSH connected to a local port, as every raw PUSH baseline opens it.
	 * @param context the context
	 * @param port the PULL's port on 127.0.0.1
	 * @return the socket
	 */
	private static ZMQ.Socket connectPush(ZContext context, int port) {
		ZMQ.Socket push = context.createSocket(SocketType.PUSH);
		push.setHandshakeIvl(1000);
		push.setSendTimeOut(SEND_TIMEOUT_MILLIS);
		push.connect("tcp://127.0.0.1:" + port);
		return push;
	}

	/**
	 * Scenario 9's baseline: raw JeroMQ PUSH to PULL, the JSON written by hand on the
	 * sending thread, and the PULL's thread handing each frame to {@code workers} threads
	 * that read it with the same {@link JsonMapper} (as a listener with 4 workers does).
	 * @param count the messages
	 * @param workers the threads that decode
	 * @param mapper the application's mapper
	 */
	static Measurement rawPushPullJsonWorkers(int count, int workers, JsonMapper mapper) throws Exception {
		Counter counter = new Counter("raw PULL + " + workers + " JSON workers");
		counter.reset(count);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
		RawConnections.PushPull pair = RawConnections.pushPull("json workers", 0);
		try {
			pair.receive((bytes) -> pool.execute(() -> {
				mapper.readValue(bytes, Quote.class);
				counter.hitConcurrently();
			}));
			ZMQ.Socket push = pair.push();
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				if (!push.send(mapper.writeValueAsBytes(Quote.SAMPLE), 0)) {
					throw new IllegalStateException("raw PUSH could not send message " + i);
				}
			}
			counter.await();
			return Measurement.of(counter, meter, count);
		}
		finally {
			pair.receive((bytes) -> {
			});
			pool.shutdownNow();
		}
	}

	/**
	 * Scenario 8's baseline: {@code threads} threads share one raw JeroMQ PUSH socket,
	 * each send under a {@link java.util.concurrent.locks.ReentrantLock} around the
	 * socket (the simplest thread-safe use of a JeroMQ socket).
	 */
	static Measurement rawPushPullLocked(int count, int threads, byte[] payload) throws Exception {
		RawConnections.PushPull pair = RawConnections.pushPull("locked", 0);
		Counter counter = pair.expect(count, (bytes) -> {
		});
		ZMQ.Socket push = pair.push();
		java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
		AllocationMeter meter = AllocationMeter.start();
		runThreads(threads, count, () -> {
			lock.lock();
			try {
				if (!push.send(payload, 0)) {
					throw new IllegalStateException("raw PUSH could not send");
				}
			}
			finally {
				lock.unlock();
			}
		});
		counter.await();
		return Measurement.of(counter, meter, count);
	}

	/** Run {@code count} calls of {@code send} spread over {@code threads} threads. */
	static void runThreads(int threads, int count, Runnable send) throws Exception {
		java.util.List<Thread> started = new java.util.ArrayList<>();
		java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
		for (int t = 0; t < threads; t++) {
			int share = count / threads + ((t < count % threads) ? 1 : 0);
			Thread thread = new Thread(() -> {
				try {
					for (int i = 0; i < share; i++) {
						send.run();
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
			}, "bench-sender-" + t);
			thread.setDaemon(true);
			started.add(thread);
			thread.start();
		}
		for (Thread thread : started) {
			thread.join(120_000);
		}
		if (failure.get() != null) {
			throw new IllegalStateException("a sender failed", failure.get());
		}
	}

	/**
	 * Raw JeroMQ PUB to two SUBs: messages delivered to both per second. The publisher is
	 * an XPUB that waits for both subscriptions first, as ours does.
	 */
	static Measurement rawPubSub(int count, byte[] payload, String topic) throws Exception {
		return RawConnections.pubSub(topic).run(count, payload);
	}

	/**
	 * Raw JeroMQ REQ to a REP echo server: round-trip latencies in microseconds.
	 */
	static double[] rawRequestReply(int count, int size) throws Exception {
		return requestLatencies(RawConnections.requester(), count, size);
	}

	/**
	 * A raw REQ on the given context, connected to {@code endpoint}: round-trip latencies
	 * in microseconds, cut short at the trial limit.
	 */
	static double[] requestLatencies(ZContext context, String endpoint, int count, int size) {
		ZMQ.Socket req = context.createSocket(SocketType.REQ);
		req.setHandshakeIvl(1000);
		req.setReceiveTimeOut(SEND_TIMEOUT_MILLIS);
		req.connect(endpoint);
		try {
			return requestLatencies(req, count, size);
		}
		finally {
			context.destroySocket(req);
		}
	}

	/**
	 * Round-trip latencies in microseconds through a connected REQ, cut short at the
	 * trial limit.
	 */
	static double[] requestLatencies(ZMQ.Socket req, int count, int size) {
		byte[] payload = new byte[size];
		double[] micros = new double[count];
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long t0 = System.nanoTime();
			// a refused send (a REQ out of step) would time a reply left from before
			if (!req.send(payload, 0)) {
				throw new IllegalStateException("raw REQ could not send request " + i + " (errno " + req.errno() + ")");
			}
			if (req.recv(0) == null) {
				throw new IllegalStateException("raw REQ got no reply to request " + i);
			}
			long t1 = System.nanoTime();
			micros[i] = (t1 - t0) / 1e3;
			if (t1 - start > Scenarios.TRIAL_LIMIT_NANOS) {
				micros = Arrays.copyOf(micros, i + 1);
				break;
			}
		}
		return micros;
	}

	/**
	 * Spring Integration: ZeroMqMessageHandler (PUSH) to ZeroMqMessageProducer (PULL),
	 * both started once and kept for the JVM's life, as the raw baselines' sockets are
	 * ({@link RawConnections}).
	 */
	static Measurement springIntegrationPushPull(int count, int size) throws Exception {
		SpringIntegrationPair pair = springIntegrationPair();
		Counter counter = pair.counter;
		counter.reset(count);
		byte[] payload = new byte[size];
		for (int i = 0; i < count; i++) {
			pair.handler.handleMessage(new GenericMessage<>(payload)).block(Duration.ofSeconds(10));
		}
		counter.await();
		return Measurement.of(counter.rate());
	}

	private static SpringIntegrationPair siPair;

	private static synchronized SpringIntegrationPair springIntegrationPair() throws Exception {
		if (siPair == null) {
			siPair = new SpringIntegrationPair();
		}
		return siPair;
	}

	/**
	 * Spring Integration's ZeroMQ adapters on a context of their own, never stopped:
	 * their producer's {@code destroy()} blocks on an unbounded {@code Mono.block()} and
	 * has hung runs, and the runner exits the JVM when it is done.
	 */
	private static final class SpringIntegrationPair {

		private final Counter counter = new Counter("Spring Integration");

		private final ZeroMqMessageHandler handler;

		SpringIntegrationPair() throws Exception {
			ZContext context = new ZContext();
			DirectChannel channel = new DirectChannel();
			channel.subscribe((message) -> this.counter.hit());
			ZeroMqMessageProducer producer = new ZeroMqMessageProducer(context, SocketType.PULL);
			BeanFactory beanFactory = integrationContext().getBeanFactory();
			channel.setBeanFactory(beanFactory);
			producer.setBeanFactory(beanFactory);
			producer.setOutputChannel(channel);
			// its bindPort binds tcp://*:port, every interface; traffic stays on
			// 127.0.0.1 here, so the socket binds there itself (the socket configurer
			// runs
			// first), and the connect URL the producer needs instead of a bind port is
			// an inproc endpoint nobody binds
			int port = Ports.free();
			java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
			producer.setSocketConfigurer((socket) -> {
				socket.bind("tcp://127.0.0.1:" + port);
				bound.countDown();
			});
			producer.setConnectUrl("inproc://spring-integration-baseline-unbound");
			producer.setReceiveRaw(true);
			producer.afterPropertiesSet();
			producer.start();
			if (!bound.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Spring Integration's producer did not bind within 10 s");
			}
			this.handler = new ZeroMqMessageHandler(context, "tcp://127.0.0.1:" + port, SocketType.PUSH);
			this.handler.setBeanFactory(beanFactory);
			this.handler.afterPropertiesSet();
			this.handler.start();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class IntegrationInfrastructure {

	}

}
