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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.convert.ZmqPayloadConverter;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.github.zmqspring.observation.ZmqListenerObservations;
import io.github.zmqspring.observation.ZmqTemplateObservations;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Our side of each scenario: a Boot application with declared sockets, a
 * {@link ZmqTemplate} sending and {@link ZmqListener} methods receiving, as a user writes
 * it. The calling thread sends; the listeners' own threads receive.
 */
final class Scenarios implements AutoCloseable {

	static final String TOPIC = "bench";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * A latency or one-at-a-time trial ends after its count or after this long, whichever
	 * comes first.
	 */
	static final long TRIAL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);

	private final ConfigurableApplicationContext context;

	private final ZmqTemplate template;

	private final int probePort;

	private final int repPort;

	private final Sinks sinks;

	private final byte[] payload;

	private final EchoServer echoServer;

	/** Counts what the raw PULL of {@link #oursToRaw} reads; started on first use. */
	private Counter probeCounter;

	/** What the raw PULL of {@link #oursToRaw} does with each frame. */
	private volatile Consumer<byte[]> probeDecode = (bytes) -> {
	};

	Scenarios(int size) throws Exception {
		this.payload = new byte[size];
		String pushPull = "tcp://127.0.0.1:" + Ports.free();
		String defaults = "tcp://127.0.0.1:" + Ports.free();
		String json = "tcp://127.0.0.1:" + Ports.free();
		String cbor = "tcp://127.0.0.1:" + Ports.free();
		String json4 = "tcp://127.0.0.1:" + Ports.free();
		String pubSub = "tcp://127.0.0.1:" + Ports.free();
		this.repPort = Ports.free();
		int rawRepPort = Ports.free();
		this.probePort = Ports.free();
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off",
					// every receiving socket's queue is unbounded, as the raw receivers'
					// are (RawReceiver): the same settings on both sides
					"zmq.sockets.bench-in.receive-high-water-mark=0", "zmq.sockets.json-in.receive-high-water-mark=0",
					"zmq.sockets.cbor-in.receive-high-water-mark=0", "zmq.sockets.json4-in.receive-high-water-mark=0",
					"zmq.sockets.bench-in.type=pull",
					// SwingProbe's o2r: our template to a raw PULL that connects on first
					// use. The probes' sockets bind: a socket connecting to a port nobody
					// listens on retries every 100 ms, and while any timer is pending
					// JeroMQ's I/O thread copies and sorts its timers on every turn of
					// its loop (a tenth of its CPU in scenario 2), which the raw side
					// does not pay
					"zmq.sockets.probe-out.type=push", "zmq.sockets.probe-out.bind=tcp://127.0.0.1:" + Ports.free(),
					// scenario 1d: JeroMQ's default high-water marks (1000)
					"zmq.sockets.hwm-in.type=pull", "zmq.sockets.hwm-in.bind=" + defaults,
					"zmq.sockets.hwm-out.type=push", "zmq.sockets.hwm-out.connect=" + defaults,
					"zmq.sockets.bench-in.bind=" + pushPull, "zmq.sockets.bench-out.type=push",
					"zmq.sockets.bench-out.connect=" + pushPull, "zmq.sockets.json-in.type=pull",
					"zmq.sockets.json-in.bind=" + json, "zmq.sockets.json-out.type=push",
					"zmq.sockets.json-out.connect=" + json, "zmq.sockets.cbor-in.type=pull",
					"zmq.sockets.cbor-in.bind=" + cbor, "zmq.sockets.cbor-out.type=push",
					"zmq.sockets.cbor-out.connect=" + cbor, "zmq.sockets.json4-in.type=pull",
					"zmq.sockets.json4-in.bind=" + json4, "zmq.sockets.json4-out.type=push",
					"zmq.sockets.json4-out.connect=" + json4,
					// scenario 2c: the sender picks CBOR by its socket's content type,
					// the listener by its annotation's
					"zmq.sockets.cbor-out.content-type=application/cbor", "zmq.sockets.bench-pub.type=pub",
					"zmq.sockets.bench-pub.bind=" + pubSub,
					// unbounded queues, as on the raw side: the benchmark measures speed,
					// not loss
					"zmq.sockets.bench-pub.send-high-water-mark=0", "zmq.sockets.sub-a.type=sub",
					"zmq.sockets.sub-a.connect=" + pubSub, "zmq.sockets.sub-a.topics=" + TOPIC,
					"zmq.sockets.sub-a.receive-high-water-mark=0", "zmq.sockets.sub-b.type=sub",
					"zmq.sockets.sub-b.connect=" + pubSub, "zmq.sockets.sub-b.topics=" + TOPIC,
					"zmq.sockets.sub-b.receive-high-water-mark=0", "zmq.sockets.bench-client.type=dealer",
					"zmq.sockets.bench-client.connect=tcp://127.0.0.1:" + this.repPort,
					"bench.rep-port=" + this.repPort, "zmq.sockets.raw-rep-client.type=dealer",
					"zmq.sockets.raw-rep-client.connect=tcp://127.0.0.1:" + rawRepPort,
					// LatencyProbe's raw servers
					"zmq.sockets.probe-client.type=dealer",
					"zmq.sockets.probe-client.bind=tcp://127.0.0.1:" + this.probePort)
			.run();
		this.template = this.context.getBean(ZmqTemplate.class);
		this.sinks = this.context.getBean(Sinks.class);
		this.echoServer = EchoServer.start(this.context.getBean(ZContext.class), rawRepPort);
	}

	int repPort() {
		return this.repPort;
	}

	int probePort() {
		return this.probePort;
	}

	ZContext zContext() {
		return this.context.getBean(ZContext.class);
	}

	ZmqTemplate template() {
		return this.template;
	}

	JsonMapper jsonMapper() {
		return this.context.getBean(JsonMapper.class);
	}

	/** Scenario 1: ZmqTemplate PUSH to a @ZmqListener PULL taking byte[]. */
	Measurement pushPull(int count) {
		return pushPullBytes("bench-out", this.sinks.bytes, count);
	}

	/**
	 * Scenario 1d: scenario 1 through a socket pair with JeroMQ's default high-water
	 * marks.
	 */
	Measurement pushPullDefaultHighWaterMarks(int count) {
		return pushPullBytes("hwm-out", this.sinks.defaults, count);
	}

	/**
	 * One side of scenario 1: a raw JeroMQ PUSH, on the application's own context (so on
	 * the same I/O thread), to our {@code @ZmqListener} PULL.
	 */
	Measurement rawToOurs(int count) {
		return rawToOurs(count, "bench-in", () -> this.payload, this.sinks.bytes);
	}

	/**
	 * Scenario 2's receiving side alone: a raw JeroMQ PUSH on the application's context,
	 * the JSON written by hand, to our {@code @ZmqListener(Quote)}.
	 */
	Measurement rawToOursJson(int count) {
		JsonMapper mapper = jsonMapper();
		return rawToOurs(count, "json-in", () -> mapper.writeValueAsBytes(Quote.SAMPLE), this.sinks.quotes);
	}

	private Measurement rawToOurs(int count, String socket, Supplier<byte[]> frame, Counter counter) {
		ZContext zmq = this.context.getBean(ZContext.class);
		ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
		try {
			push.connect(this.context.getEnvironment().getRequiredProperty("zmq.sockets." + socket + ".bind"));
			counter.reset(count);
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				push.send(frame.get(), 0);
			}
			counter.await();
			return Measurement.of(counter, meter, count);
		}
		finally {
			zmq.destroySocket(push);
		}
	}

	/**
	 * The other side: our template's PUSH ({@code probe-out}) to a raw JeroMQ PULL with
	 * an unbounded queue, on the application's own context, read by a daemon thread.
	 */
	Measurement oursToRaw(int count) throws InterruptedException {
		return oursToRaw(count, this.payload, (bytes) -> {
		});
	}

	/**
	 * Scenario 2's sending side alone: {@code ZmqTemplate.send(pojo)} as JSON to a raw
	 * JeroMQ PULL that reads it with the same mapper by hand.
	 */
	Measurement oursToRawJson(int count) throws InterruptedException {
		JsonMapper mapper = jsonMapper();
		return oursToRaw(count, Quote.SAMPLE, (bytes) -> mapper.readValue(bytes, Quote.class));
	}

	private Measurement oursToRaw(int count, Object payload, Consumer<byte[]> decode) throws InterruptedException {
		if (this.probeCounter == null) {
			this.probeCounter = startRawProbePull();
		}
		Counter counter = this.probeCounter;
		this.probeDecode = decode;
		counter.reset(count);
		awaitPeers("probe-out");
		AllocationMeter meter = AllocationMeter.start();
		boolean encodeFirst = Boolean.getBoolean("probe.encode-first");
		JsonMapper mapper = jsonMapper();
		for (int i = 0; i < count; i++) {
			this.template.send("probe-out", encodeFirst ? mapper.writeValueAsBytes(payload) : payload);
		}
		counter.await();
		return Measurement.of(counter, meter, count);
	}

	private Counter startRawProbePull() throws InterruptedException {
		ZContext zmq = this.context.getBean(ZContext.class);
		String endpoint = this.context.getEnvironment().getRequiredProperty("zmq.sockets.probe-out.bind");
		Counter counter = new Counter("raw PULL from our template");
		CountDownLatch opened = new CountDownLatch(1);
		Thread reader = new Thread(() -> {
			ZMQ.Socket pull = zmq.createSocket(SocketType.PULL);
			pull.setRcvHWM(0);
			pull.setHandshakeIvl(1000);
			pull.connect(endpoint);
			opened.countDown();
			try {
				while (!Thread.currentThread().isInterrupted()) {
					byte[] frame = pull.recv(0);
					if (frame != null) {
						this.probeDecode.accept(frame);
						counter.hit();
					}
				}
			}
			catch (ZMQException ex) {
				// the context closed with the application
			}
		}, "raw-probe-PULL");
		reader.setDaemon(true);
		reader.start();
		if (!opened.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the raw probe PULL did not start within 10 s");
		}
		return counter;
	}

	private Measurement pushPullBytes(String socket, Counter counter, int count) {
		counter.reset(count);
		awaitPeers(socket);
		AllocationMeter meter = AllocationMeter.start();
		for (int i = 0; i < count; i++) {
			this.template.send(socket, this.payload);
		}
		counter.await();
		return Measurement.of(counter, meter, count);
	}

	/**
	 * Scenario 1o: scenario 1 with {@code zmq.template} and {@code zmq.listener}
	 * observations on, recorded as timers by Micrometer's meter handler (what Actuator
	 * sets up; no tracer).
	 */
	Measurement pushPullObserved(int count) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		ZmqListenerContainer listener = this.context.getBean(ZmqListenerEndpointRegistry.class)
			.getListenerContainer("bytes");
		this.template.setObservations(new ZmqTemplateObservations(registry, null));
		listener.setObservations(new ZmqListenerObservations(registry, null));
		try {
			return pushPull(count);
		}
		finally {
			this.template.setObservations(null);
			listener.setObservations(null);
		}
	}

	/** Scenario 8: {@code threads} threads sending through the one template socket. */
	Measurement pushPullThreads(int count, int threads) throws Exception {
		Counter counter = this.sinks.bytes;
		counter.reset(count);
		awaitPeers("bench-out");
		AllocationMeter meter = AllocationMeter.start();
		Baselines.runThreads(threads, count, () -> this.template.send("bench-out", this.payload));
		counter.await();
		return Measurement.of(counter, meter, count);
	}

	/** Scenario 2: ZmqTemplate.send(pojo) to a @ZmqListener taking the POJO (JSON). */
	Measurement pushPullJson(int count) {
		return pushPullQuotes("json-out", this.sinks.quotes, count);
	}

	/**
	 * Scenario 9: the JSON path end to end, {@code ZmqTemplate.send(pojo)} to a
	 * {@code @ZmqListener(concurrency = "4")} taking the POJO.
	 */
	Measurement pushPullJsonWorkers(int count) {
		return pushPullQuotes("json4-out", this.sinks.quotes4, count);
	}

	/**
	 * Scenario 2c: the same as {@link #pushPullJson}, through a socket whose content type
	 * is {@code application/cbor}.
	 */
	Measurement pushPullCbor(int count) {
		return pushPullQuotes("cbor-out", this.sinks.cborQuotes, count);
	}

	private Measurement pushPullQuotes(String socket, Counter counter, int count) {
		counter.reset(count);
		awaitPeers(socket);
		AllocationMeter meter = AllocationMeter.start();
		for (int i = 0; i < count; i++) {
			this.template.send(socket, Quote.SAMPLE);
		}
		counter.await();
		return Measurement.of(counter, meter, count);
	}

	/**
	 * Scenario 2c: the size of the frame that {@code ZmqTemplate.send(Quote.SAMPLE)}
	 * writes on a socket, encoded by the application's converter with the socket's
	 * content type, as the template does. The frame is read back with the mapper of the
	 * format expected, so that a converter silently falling back to another format fails
	 * here instead of being measured.
	 */
	int encodedQuoteSize(String socket, boolean cbor) {
		ZmqPayloadConverter converter = new ZmqPayloadConverter(
				this.context.getBean("zmqMessageConverter", MessageConverter.class));
		byte[] frame = converter.toFrame(Quote.SAMPLE, socket,
				this.context.getBean(ZmqSocketManager.class).getSpec(socket).getContentType());
		ObjectMapper mapper = cbor ? this.context.getBean(CBORMapper.class) : jsonMapper();
		Quote decoded = mapper.readValue(frame, Quote.class);
		if (!Quote.SAMPLE.equals(decoded)) {
			throw new IllegalStateException(socket + ": the frame reads back as " + decoded);
		}
		return frame.length;
	}

	/** Scenario 3: ZmqTemplate.publish to two @ZmqListener SUBs: delivered to both /s. */
	Measurement pubSub(int count) {
		this.sinks.subA.reset(count);
		this.sinks.subB.reset(count);
		if (!this.template.awaitSubscribers("bench-pub", 2, TIMEOUT)) {
			throw new IllegalStateException("bench-pub: 2 subscribers not there within " + TIMEOUT);
		}
		AllocationMeter meter = AllocationMeter.start();
		for (int i = 0; i < count; i++) {
			this.template.publish("bench-pub", TOPIC, this.payload);
		}
		this.sinks.subA.await();
		this.sinks.subB.await();
		return new Measurement(Counter.deliveredToAll(this.sinks.subA, this.sinks.subB),
				(double) meter.allocated() / count);
	}

	/**
	 * Scenario 4: ZmqTemplate.request to a REP @ZmqListener, one at a time: microseconds.
	 */
	double[] requestLatency(int count) {
		return latency("bench-client", count);
	}

	/**
	 * Scenario 4, client alone: ZmqTemplate.request to the raw JeroMQ REP echo server
	 * that the raw baseline uses too.
	 */
	double[] requestLatencyRawServer(int count) {
		return latency("raw-rep-client", count);
	}

	private double[] latency(String socket, int count) {
		double[] micros = new double[count];
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long t0 = System.nanoTime();
			this.template.request(socket, this.payload, byte[].class, TIMEOUT);
			long t1 = System.nanoTime();
			micros[i] = (t1 - t0) / 1e3;
			if (t1 - start > TRIAL_LIMIT_NANOS) {
				return Arrays.copyOf(micros, i + 1);
			}
		}
		return micros;
	}

	/** Scenario 5 baseline: requests per second, one at a time. */
	Measurement syncRequests(int count) {
		long t0 = System.nanoTime();
		int done = 0;
		while (done < count && System.nanoTime() - t0 < TRIAL_LIMIT_NANOS) {
			this.template.request("bench-client", this.payload, byte[].class, TIMEOUT);
			done++;
		}
		return Measurement.of(done / ((System.nanoTime() - t0) / 1e9));
	}

	/** Scenario 5: requests per second with {@code inFlight} requests outstanding. */
	Measurement asyncRequests(int count, int inFlight) throws Exception {
		Semaphore window = new Semaphore(inFlight);
		CountDownLatch done = new CountDownLatch(count);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		long t0 = System.nanoTime();
		for (int i = 0; i < count; i++) {
			if (!window.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("no reply within " + TIMEOUT + " with " + inFlight + " in flight");
			}
			this.template.requestAsync("bench-client", this.payload, byte[].class, TIMEOUT)
				.whenComplete((reply, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
					window.release();
					done.countDown();
				});
		}
		if (!done.await(60, TimeUnit.SECONDS) || failure.get() != null) {
			throw new IllegalStateException(
					"async requests: " + (count - done.getCount()) + " of " + count + " completed", failure.get());
		}
		return Measurement.of(count / ((System.nanoTime() - t0) / 1e9));
	}

	private void awaitPeers(String socket) {
		if (!this.template.awaitPeers(socket, 1, TIMEOUT)) {
			throw new IllegalStateException(socket + ": no peer within " + TIMEOUT);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.echoServer.close();
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Sinks sinks() {
			return new Sinks();
		}

	}

	/** The listeners: each counts on its own container thread; the REP one echoes. */
	static class Sinks {

		final Counter bytes = new Counter("@ZmqListener PULL byte[]");

		final Counter defaults = new Counter("@ZmqListener PULL byte[], default high-water marks");

		final Counter quotes = new Counter("@ZmqListener PULL Quote");

		final Counter cborQuotes = new Counter("@ZmqListener PULL Quote (CBOR)");

		final Counter quotes4 = new Counter("@ZmqListener PULL Quote, 4 workers");

		final Counter subA = new Counter("@ZmqListener SUB a");

		final Counter subB = new Counter("@ZmqListener SUB b");

		@ZmqListener(id = "bytes", socket = "bench-in")
		void onBytes(byte[] payload) {
			this.bytes.hit();
		}

		@ZmqListener(id = "defaults", socket = "hwm-in")
		void onDefaults(byte[] payload) {
			this.defaults.hit();
		}

		@ZmqListener(id = "quotes", socket = "json-in")
		void onQuote(Quote quote) {
			this.quotes.hit();
		}

		@ZmqListener(id = "quotes4", socket = "json4-in", concurrency = "4")
		void onQuote4(Quote quote) {
			this.quotes4.hitConcurrently();
		}

		@ZmqListener(id = "cbor-quotes", socket = "cbor-in", contentType = "application/cbor")
		void onCborQuote(Quote quote) {
			this.cborQuotes.hit();
		}

		@ZmqListener(id = "sub-a", socket = "sub-a")
		void onSubA(byte[] payload) {
			this.subA.hit();
		}

		@ZmqListener(id = "sub-b", socket = "sub-b")
		void onSubB(byte[] payload) {
			this.subB.hit();
		}

		@ZmqListener(id = "echo", type = SocketType.REP, bind = "tcp://127.0.0.1:${bench.rep-port}")
		byte[] echo(byte[] request) {
			return request;
		}

	}

}
