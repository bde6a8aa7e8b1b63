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

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The raw JeroMQ baselines' sockets, connected once and kept from trial to trial for the
 * JVM's life, each set in a context of its own: as an application keeps its sockets, and
 * as ours' declared sockets stay connected through a run. Opening a fresh pair in every
 * trial, as the baselines did before, put a new connection through its handshake in the
 * middle of a run; that reshapes the JIT's profile of JeroMQ's engine code, which every
 * context of the JVM shares, and in over a third of the JVMs left our long-lived
 * connection on slower compiled code for the rest of the run (benchmarks/README.md, "One
 * connection for the JVM's life").
 */
final class RawConnections {

	private static final int RECEIVE_TIMEOUT_MILLIS = 100;

	/** As the other baselines' sends (benchmarks/README.md: every trial is bounded). */
	private static final int SEND_TIMEOUT_MILLIS = 10_000;

	private static final Map<String, Object> OPEN = new ConcurrentHashMap<>();

	private RawConnections() {
	}

	/**
	 * The PUSH/PULL pair of a kind, connected on first use.
	 * @param kind what the pair is for, such as {@code "1"}
	 * @param receiveHighWaterMark the PULL's (0: unbounded)
	 * @return the pair
	 */
	static PushPull pushPull(String kind, int receiveHighWaterMark) {
		return (PushPull) OPEN.computeIfAbsent("push-pull " + kind, (key) -> new PushPull(receiveHighWaterMark));
	}

	/**
	 * The XPUB with two SUBs of a topic, connected and subscribed on first use.
	 * @param topic the topic both subscribe to
	 * @return the set
	 */
	static PubSub pubSub(String topic) {
		return (PubSub) OPEN.computeIfAbsent("pub-sub " + topic, (key) -> new PubSub(topic));
	}

	/**
	 * A REQ connected to a REP echo server, on first use.
	 * @return the REQ, for one thread at a time
	 */
	static ZMQ.Socket requester() {
		return (ZMQ.Socket) OPEN.computeIfAbsent("req-rep", (key) -> {
			ZContext context = new ZContext();
			try {
				EchoServer server = EchoServer.start(context, 0);
				ZMQ.Socket req = context.createSocket(SocketType.REQ);
				req.setHandshakeIvl(1000);
				req.setReceiveTimeOut(SEND_TIMEOUT_MILLIS);
				req.connect(server.endpoint());
				return req;
			}
			catch (Exception ex) {
				throw new IllegalStateException("The raw REQ/REP pair did not start", ex);
			}
		});
	}

	/**
	 * A thread that receives on a socket for the JVM's life and hands each last frame on.
	 */
	private static final class Receiver {

		private final CompletableFuture<Integer> opened = new CompletableFuture<>();

		private volatile Consumer<byte[]> sink = (frame) -> {
		};

		Receiver(ZContext context, SocketType type, String endpoint, String topic, int receiveHighWaterMark) {
			Thread thread = new Thread(() -> run(context, type, endpoint, topic, receiveHighWaterMark),
					"raw-" + type + "-kept");
			thread.setDaemon(true);
			thread.start();
		}

		private void run(ZContext context, SocketType type, String endpoint, String topic, int receiveHighWaterMark) {
			try {
				ZMQ.Socket socket = context.createSocket(type);
				socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
				socket.setRcvHWM(receiveHighWaterMark);
				if (type == SocketType.SUB) {
					socket.setHandshakeIvl(1000);
					socket.subscribe(topic.getBytes(ZMQ.CHARSET));
					socket.connect(endpoint);
					this.opened.complete(0);
				}
				else {
					this.opened.complete(socket.bindToRandomPort("tcp://127.0.0.1"));
				}
				while (true) {
					byte[] frame = socket.recv(0);
					if (frame == null) {
						continue;
					}
					while (socket.hasReceiveMore()) {
						frame = socket.recv(0);
					}
					this.sink.accept(frame);
				}
			}
			catch (RuntimeException ex) {
				this.opened.completeExceptionally(ex);
				throw ex;
			}
		}

		int awaitOpen() {
			try {
				return this.opened.get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("A raw receiver did not open", ex);
			}
		}

	}

	/** A raw PUSH connected to a raw PULL whose thread hands each frame to a sink. */
	static final class PushPull {

		private final ZMQ.Socket push;

		private final Receiver pull;

		private final Counter counter = new Counter("raw PULL");

		PushPull(int receiveHighWaterMark) {
			ZContext context = new ZContext();
			this.pull = new Receiver(context, SocketType.PULL, null, null, receiveHighWaterMark);
			int port = this.pull.awaitOpen();
			this.push = context.createSocket(SocketType.PUSH);
			this.push.setHandshakeIvl(1000);
			this.push.setSendTimeOut(SEND_TIMEOUT_MILLIS);
			this.push.connect("tcp://127.0.0.1:" + port);
		}

		/**
		 * @return the PUSH, for one thread at a time
		 */
		ZMQ.Socket push() {
			return this.push;
		}

		/**
		 * Hand each received frame to {@code sink} from now on (nothing is counted).
		 */
		void receive(Consumer<byte[]> sink) {
			this.pull.sink = sink;
		}

		/**
		 * Expect {@code count} messages: each received frame goes to {@code decode} and
		 * is counted.
		 * @return the counter to await
		 */
		Counter expect(int count, Consumer<byte[]> decode) {
			Counter counter = this.counter;
			counter.reset(count);
			receive((frame) -> {
				decode.accept(frame);
				counter.hit();
			});
			return counter;
		}

		/**
		 * As {@link #run}, each send under {@code lock} with the interrupt status cleared
		 * and restored around it, as our socket's writes are ({@link SenderCostProbe}). A
		 * loop of its own, so that {@link #run}, the raw baseline, stays as plain as it
		 * was.
		 */
		Measurement runLocked(int count, java.util.concurrent.locks.Lock lock, Supplier<byte[]> encode,
				Consumer<byte[]> decode) {
			Counter counter = expect(count, decode);
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				byte[] frame = encode.get();
				boolean interrupted = Thread.interrupted();
				lock.lock();
				try {
					if (!this.push.send(frame, 0)) {
						throw new IllegalStateException("raw PUSH could not send message " + i);
					}
				}
				finally {
					lock.unlock();
					if (interrupted) {
						Thread.currentThread().interrupt();
					}
				}
			}
			counter.await();
			return Measurement.of(counter, meter, count);
		}

		/**
		 * Send {@code count} messages made by {@code encode} and wait until all arrived.
		 */
		Measurement run(int count, Supplier<byte[]> encode, Consumer<byte[]> decode) {
			Counter counter = expect(count, decode);
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				if (!this.push.send(encode.get(), 0)) {
					throw new IllegalStateException("raw PUSH could not send message " + i);
				}
			}
			counter.await();
			return Measurement.of(counter, meter, count);
		}

	}

	/** A raw XPUB with two raw SUBs, both subscribed to one topic. */
	static final class PubSub {

		private final ZMQ.Socket pub;

		private final Receiver[] subs = new Receiver[2];

		private final Counter[] counters = { new Counter("raw SUB a"), new Counter("raw SUB b") };

		private final byte[] topicFrame;

		PubSub(String topic) {
			ZContext context = new ZContext();
			this.topicFrame = topic.getBytes(ZMQ.CHARSET);
			this.pub = context.createSocket(SocketType.XPUB);
			this.pub.setXpubVerbose(true);
			this.pub.setSndHWM(0);
			this.pub.setSendTimeOut(SEND_TIMEOUT_MILLIS);
			this.pub.setReceiveTimeOut(100);
			String endpoint = "tcp://127.0.0.1:" + this.pub.bindToRandomPort("tcp://127.0.0.1");
			for (int i = 0; i < this.subs.length; i++) {
				this.subs[i] = new Receiver(context, SocketType.SUB, endpoint, topic, 0);
				this.subs[i].awaitOpen();
			}
			awaitSubscriptions(this.pub, this.subs.length);
		}

		/**
		 * Publish {@code count} messages and wait until both subscribers have all.
		 * @return messages delivered to both per second, and allocation per message
		 */
		Measurement run(int count, byte[] payload) {
			for (int i = 0; i < this.subs.length; i++) {
				Counter counter = this.counters[i];
				counter.reset(count);
				this.subs[i].sink = (frame) -> counter.hit();
			}
			AllocationMeter meter = AllocationMeter.start();
			for (int i = 0; i < count; i++) {
				this.pub.sendMore(this.topicFrame);
				this.pub.send(payload, 0);
			}
			for (Counter counter : this.counters) {
				counter.await();
			}
			return new Measurement(Counter.deliveredToAll(this.counters), (double) meter.allocated() / count);
		}

		private static void awaitSubscriptions(ZMQ.Socket xpub, int count) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			int seen = 0;
			while (seen < count) {
				byte[] subscription = xpub.recv(0);
				if (subscription != null && subscription.length > 0 && subscription[0] == 1) {
					seen++;
				}
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("raw XPUB saw " + seen + " of " + count + " subscriptions");
				}
			}
		}

	}

}
