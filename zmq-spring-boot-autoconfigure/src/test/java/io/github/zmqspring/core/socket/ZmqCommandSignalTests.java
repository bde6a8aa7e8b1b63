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
package io.github.zmqspring.core.socket;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a command signal byte that JeroMQ wrote but did not count yet, on real JeroMQ
 * sockets: the state between {@code zmq.Signaler.send}'s write and its count is made by
 * writing a byte to the socket's signal pipe without counting it, as a writer that is off
 * the CPU between the two leaves it.
 */
class ZmqCommandSignalTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ZContext context = new ZContext();

	private ZMQ.Socket bound;

	private ZMQ.Socket peer;

	@BeforeEach
	void pair() {
		this.bound = this.context.createSocket(SocketType.PAIR);
		this.bound.bind("inproc://signal");
		this.peer = this.context.createSocket(SocketType.PAIR);
		this.peer.connect("inproc://signal");
		// the connection's own commands, processed and their bytes read
		assertThat(this.peer.send("hello")).isTrue();
		Awaitility.await().atMost(WAIT).until(() -> "hello".equals(this.bound.recvStr(ZMQ.DONTWAIT)));
		this.bound.getEvents();
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void isFoundOnThePinnedJeroMq() {
		// a JeroMQ upgrade that moves these internals fails here, not silently in the
		// socket loops
		assertThat(ZmqCommandSignal.of(this.bound).isActive()).isTrue();
		// read on every send: through a constant handle, not reflection
		assertThat(ZmqCommandSignal.READ_COUNT).isNotNull();
	}

	@Test
	void readsNothingWhenNoByteWaits() throws Exception {
		ZmqCommandSignal signal = ZmqCommandSignal.of(this.bound);
		assertThat(signal.readUncounted()).isFalse();
		assertThat(readCount()).isEqualTo(writtenCount().get());
	}

	@Test
	void leavesCountedBytesToTheSocket() throws Exception {
		ZmqCommandSignal signal = ZmqCommandSignal.of(this.bound);
		long before = readCount();
		// a written and counted signal: the socket reads it when it processes commands
		writeSignalByte();
		writtenCount().incrementAndGet();
		assertThat(signal.readUncounted()).isFalse();
		assertThat(readCount()).isEqualTo(before);
		this.bound.getEvents();
		assertThat(readCount()).isEqualTo(before + 1);
		assertThat(readable()).isFalse();
	}

	@Test
	void readsAWrittenButUncountedByteAndTheCountsMeetWhenTheWriterCounts() throws Exception {
		ZmqCommandSignal signal = ZmqCommandSignal.of(this.bound);
		long before = readCount();
		writeSignalByte();
		// what a selector on the socket's descriptor sees: readable, while the socket
		// has nothing to process, again and again
		assertThat(readable()).isTrue();
		this.bound.getEvents();
		assertThat(readable()).isTrue();
		assertThat(signal.readUncounted()).isTrue();
		assertThat(readable()).isFalse();
		assertThat(readCount()).isEqualTo(before + 1);
		this.bound.getEvents();
		// the writer counts its byte: both counts level, and the socket carries on
		writtenCount().incrementAndGet();
		assertThat(readCount()).isEqualTo(writtenCount().get());
		assertThat(this.peer.send("after")).isTrue();
		AtomicReference<String> received = new AtomicReference<>();
		Awaitility.await().atMost(WAIT).until(() -> {
			received.set(this.bound.recvStr(ZMQ.DONTWAIT));
			return received.get() != null;
		});
		assertThat(received.get()).isEqualTo("after");
		assertThat(this.bound.getEvents() & ZMQ.Poller.POLLIN).isZero();
		assertThat(readCount()).isEqualTo(writtenCount().get());
	}

	@Test
	void aSendThatReadNoSignalByteLeftNothingUnannounced() throws Exception {
		ZmqCommandSignal signal = ZmqCommandSignal.of(this.bound);
		long before = signal.bytesRead();
		assertThat(before).isEqualTo(readCount());
		// no command waits: the send reads no byte, and there is nothing to announce
		assertThat(this.bound.send("out")).isTrue();
		assertThat(signal.bytesRead()).isEqualTo(before);
		assertThat(readable()).isFalse();
		assertThat(this.bound.getEvents() & ZMQ.Poller.POLLIN).isZero();
		assertThat("out".equals(this.peer.recvStr())).isTrue();
	}

	@Test
	void aSendThatReadSignalBytesMayHaveTakenTheAnnouncementOfInput() throws Exception {
		ZmqCommandSignal signal = ZmqCommandSignal.of(this.bound);
		// the peer's message wakes the bound socket's reader with a command and its byte
		assertThat(this.peer.send("in")).isTrue();
		Awaitility.await().atMost(WAIT).until(this::readable);
		long before = signal.bytesRead();
		// the send processes the command and reads the byte: input waits, and the
		// descriptor no longer says so. The count tells the caller to look
		// (ZmqSocketOwner)
		assertThat(this.bound.send("out")).isTrue();
		assertThat(signal.bytesRead()).isGreaterThan(before);
		assertThat(readable()).isFalse();
		assertThat(this.bound.getEvents() & ZMQ.Poller.POLLIN).isNotZero();
		assertThat(this.bound.recvStr(ZMQ.DONTWAIT)).isEqualTo("in");
	}

	@Test
	void isOffWhenTheSystemPropertySaysSo() {
		String previous = System.getProperty(ZmqCommandSignal.ENABLED_PROPERTY);
		System.setProperty(ZmqCommandSignal.ENABLED_PROPERTY, "false");
		try {
			ZmqCommandSignal signal = ZmqCommandSignal.of(this.bound);
			assertThat(signal.isActive()).isFalse();
			assertThat(signal.readUncounted()).isFalse();
			// unknown: callers look at the socket's events after every operation
			assertThat(signal.bytesRead()).isEqualTo(-1);
		}
		finally {
			if (previous == null) {
				System.clearProperty(ZmqCommandSignal.ENABLED_PROPERTY);
			}
			else {
				System.setProperty(ZmqCommandSignal.ENABLED_PROPERTY, previous);
			}
		}
	}

	private boolean readable() throws Exception {
		try (Selector selector = Selector.open()) {
			SelectableChannel fd = this.bound.getFD();
			fd.configureBlocking(false);
			fd.register(selector, SelectionKey.OP_READ);
			return selector.selectNow() > 0;
		}
	}

	private void writeSignalByte() throws Exception {
		Pipe.SinkChannel sink = (Pipe.SinkChannel) ZmqCommandSignal.field(signaler(), "w");
		assertThat(sink.write(ByteBuffer.allocate(1))).isEqualTo(1);
	}

	private long readCount() throws Exception {
		return (long) ZmqCommandSignal.field(signaler(), "rcursor");
	}

	private AtomicLong writtenCount() throws Exception {
		return (AtomicLong) ZmqCommandSignal.field(signaler(), "wcursor");
	}

	private Object signaler() throws Exception {
		return ZmqCommandSignal.field(ZmqCommandSignal.field(this.bound.base(), "mailbox"), "signaler");
	}

}
