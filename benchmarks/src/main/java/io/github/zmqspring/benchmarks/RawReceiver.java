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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The receiving side of a raw JeroMQ baseline: one thread that owns a PULL or SUB socket,
 * as a listener of ours does, and counts what arrives. It stays alive, socket open, until
 * {@link #close()} so that its allocations are still counted when the trial is measured.
 */
final class RawReceiver implements AutoCloseable {

	private static final int RECEIVE_TIMEOUT_MILLIS = 100;

	private final Counter counter;

	private final CompletableFuture<Integer> opened = new CompletableFuture<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final Thread thread;

	private volatile boolean running = true;

	private final int receiveHighWaterMark;

	/**
	 * Start a receiver.
	 * @param context the context
	 * @param type PULL (binds a free port) or SUB (connects to {@code endpoint} and
	 * subscribes to {@code topic})
	 * @param endpoint where a SUB connects, {@code null} for PULL
	 * @param topic the SUB's topic
	 * @param decode what to do with each payload (the last frame)
	 * @param expected the messages to expect
	 */
	RawReceiver(ZContext context, SocketType type, String endpoint, String topic, Consumer<byte[]> decode,
			long expected) {
		this(context, type, endpoint, topic, decode, expected, 0);
	}

	/**
	 * Start a receiver with the given receive high-water mark (0: unbounded, as the other
	 * constructor's).
	 */
	RawReceiver(ZContext context, SocketType type, String endpoint, String topic, Consumer<byte[]> decode,
			long expected, int receiveHighWaterMark) {
		this.receiveHighWaterMark = receiveHighWaterMark;
		this.counter = new Counter("raw " + type);
		this.counter.reset(expected);
		this.thread = new Thread(() -> run(context, type, endpoint, topic, decode, expected), "raw-" + type);
		this.thread.start();
	}

	private void run(ZContext context, SocketType type, String endpoint, String topic, Consumer<byte[]> decode,
			long expected) {
		ZMQ.Socket socket = context.createSocket(type);
		try {
			socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
			// unbounded queues, as on our side: the benchmark measures speed, not loss
			socket.setRcvHWM(this.receiveHighWaterMark);
			int port = 0;
			if (type == SocketType.SUB) {
				// JeroMQ 0.6.0 leaves a few fresh loopback handshakes stuck; redial them
				socket.setHandshakeIvl(1000);
				socket.subscribe(topic.getBytes(ZMQ.CHARSET));
				socket.connect(endpoint);
			}
			else {
				port = socket.bindToRandomPort("tcp://127.0.0.1");
			}
			this.opened.complete(port);
			while (this.running && this.counter.count() < expected) {
				byte[] frame = socket.recv(0);
				if (frame == null) {
					continue;
				}
				while (socket.hasReceiveMore()) {
					frame = socket.recv(0);
				}
				decode.accept(frame);
				this.counter.hit();
			}
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (RuntimeException | InterruptedException ex) {
			this.opened.completeExceptionally(ex);
		}
		finally {
			context.destroySocket(socket);
		}
	}

	/**
	 * @return the port a PULL bound (0 for a SUB), once the socket is open
	 */
	int awaitOpen() throws Exception {
		return this.opened.get(10, TimeUnit.SECONDS);
	}

	Counter counter() {
		return this.counter;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.release.countDown();
		this.thread.join(5000);
	}

}
