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
package io.github.zmqspring.faults;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Standalone reproducer of a JeroMQ 0.6.0 behaviour that makes a loop waiting on a
 * socket's descriptor spin: raw JeroMQ, no Spring, no library code. A PUSH sends to a
 * PULL that reads as fast as it can; whenever the PUSH is at its high-water mark, the
 * sender waits for room as a socket loop does, selecting on the socket's descriptor
 * ({@code getFD()}) and then reading {@code ZMQ_EVENTS}. It counts the selects and how
 * many of them reported the descriptor readable.
 * <p>
 * {@code zmq.Signaler.send()} writes the signal byte before it counts it, and the reader
 * consumes only counted bytes, so the descriptor stays readable with nothing to read
 * while the writing I/O thread is off the CPU; on 2 cores the spinning waiter takes the
 * CPU from that thread. Measured here: 80,000-100,000 selects, nearly all "ready", for
 * about 300 waits (docs/reliability.md, "A readable descriptor with nothing to read"). It
 * measures, it does not assert. Run (arguments: messages):
 * {@code java -cp "fault-tests/target/test-classes:<jeromq jar>" io.github.zmqspring.faults.ReadableDescriptorReproducer 200000}
 *
 * @author zmq-spring-boot
 */
public final class ReadableDescriptorReproducer {

	private ReadableDescriptorReproducer() {
	}

	public static void main(String[] args) throws Exception {
		int messages = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		try (ZContext context = new ZContext(); Selector selector = Selector.open()) {
			ZMQ.Socket pull = context.createSocket(SocketType.PULL);
			int port = pull.bindToRandomPort("tcp://127.0.0.1");
			ZMQ.Socket push = context.createSocket(SocketType.PUSH);
			push.setHandshakeIvl(1000);
			push.connect("tcp://127.0.0.1:" + port);
			SelectableChannel descriptor = push.getFD();
			descriptor.configureBlocking(false);
			descriptor.register(selector, SelectionKey.OP_READ);
			// the reader reads as fast as it can: on 2 cores the sender still meets its
			// high-water mark a few hundred times, as in scenario 1 of the benchmarks
			Thread reader = new Thread(() -> {
				for (int i = 0; i < messages; i++) {
					pull.recv(0);
				}
			}, "reader");
			reader.start();
			byte[] payload = new byte[100];
			int sent = 0;
			int waits = 0;
			long selects = 0;
			long ready = 0;
			long start = System.nanoTime();
			while (sent < messages) {
				if (push.send(payload, ZMQ.DONTWAIT)) {
					sent++;
					continue;
				}
				waits++;
				// wait for room as a socket loop does; bounded: 5 ms per select
				while ((push.getEvents() & ZMQ.Poller.POLLOUT) == 0) {
					if (selector.select(5) > 0) {
						ready++;
					}
					selects++;
					selector.selectedKeys().clear();
				}
			}
			reader.join(60_000);
			System.out.printf("%d messages, %d waits for room, %d selects, %d of them ready, %d ms%n", sent, waits,
					selects, ready, (System.nanoTime() - start) / 1_000_000);
		}
	}

}
