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

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.ZMQ;

/**
 * Reads the signal byte of a socket's command that JeroMQ has written but not yet
 * counted, so that a thread waiting on the socket's descriptor in its own selector (the
 * socket's loop, or a sender waiting for room) does not wake again and again for it.
 * <p>
 * JeroMQ 0.6.0 queues a command for a socket, writes one byte to the socket's signal pipe
 * (the descriptor {@code getFD()} returns), and only then counts the byte
 * ({@code zmq.Signaler.send}). A socket reads the bytes it has counted when it processes
 * its commands. Between the write and the count the descriptor is readable with nothing
 * to read, and a selector wakes at once, over and over, for as long as the writing thread
 * (usually the I/O thread) is off the CPU. On 2 cores the spinning loop is what keeps it
 * off: request/reply round trips of 3-4 ms (a scheduler slice) at p99, and 20-50 such
 * wake-ups per round trip (benchmarks/README.md). JeroMQ's own blocking receive does not
 * spin: it reads the byte as soon as its selector sees it. This does the same, under the
 * socket's lock, after the socket processed its commands: the byte's command is queued
 * before the byte is written, so the caller processes commands once more afterwards.
 * <p>
 * It reaches JeroMQ's {@code Mailbox} and {@code Signaler} by reflection, checked against
 * the JeroMQ version this project pins ({@code ZmqCommandSignalTests}). Where they are
 * not there (another JeroMQ) or the system property {@value #ENABLED_PROPERTY} is
 * {@code false}, {@link #readUncounted()} does nothing and the loop behaves as before.
 *
 * @author zmq-spring-boot
 */
final class ZmqCommandSignal {

	/** System property that turns reading uncounted signal bytes off ({@code false}). */
	static final String ENABLED_PROPERTY = "zmq.socket.read-uncounted-signals";

	private static final Log logger = LogFactory.getLog(ZmqCommandSignal.class);

	private static final ZmqCommandSignal NONE = new ZmqCommandSignal(null, null, null, null);

	private static volatile boolean unavailableLogged;

	/**
	 * JeroMQ's count of signal bytes read ({@code zmq.Signaler.rcursor}), for
	 * {@link #bytesRead()} on every send: a constant handle compiles to a plain field
	 * read, where reflection's {@code Field.getLong} cost a few per cent of a sending
	 * thread. {@code null} where it cannot be had (the field is then read by reflection).
	 */
	static final @Nullable VarHandle READ_COUNT = readCountHandle();

	private final @Nullable Object signaler;

	private final @Nullable ReadableByteChannel source;

	private final @Nullable AtomicLong written;

	private final @Nullable Field read;

	/** Whether {@link #READ_COUNT} applies to this signaler. */
	private final boolean countByHandle;

	/** Reused: only the holder of the socket's lock reads. */
	private final ByteBuffer buffer = ByteBuffer.allocate(1);

	private ZmqCommandSignal(@Nullable Object signaler, @Nullable ReadableByteChannel source,
			@Nullable AtomicLong written, @Nullable Field read) {
		this.signaler = signaler;
		this.source = source;
		this.written = written;
		this.read = read;
		VarHandle handle = READ_COUNT;
		this.countByHandle = handle != null && handle.coordinateTypes().get(0).isInstance(signaler);
	}

	/**
	 * A signal that reads nothing, for a socket not open yet.
	 * @return the inactive signal
	 */
	static ZmqCommandSignal none() {
		return NONE;
	}

	/**
	 * The command signal of a socket.
	 * @param socket the socket, on the thread that holds its lock
	 * @return its signal, or one that does nothing when JeroMQ's internals are not as
	 * expected or reading is turned off
	 */
	static ZmqCommandSignal of(ZMQ.Socket socket) {
		if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
			return NONE;
		}
		try {
			Object mailbox = field(socket.base(), "mailbox");
			Object signaler = field(mailbox, "signaler");
			Field read = declared(signaler.getClass(), "rcursor");
			if (read.getType() != long.class) {
				throw new NoSuchFieldException("rcursor is a " + read.getType());
			}
			return new ZmqCommandSignal(signaler, (ReadableByteChannel) field(signaler, "r"),
					(AtomicLong) field(signaler, "wcursor"), read);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			if (!unavailableLogged) {
				unavailableLogged = true;
				logger.info("JeroMQ's command signal is not where JeroMQ 0.6.0 keeps it (" + ex
						+ "); socket loops wake for signals before they are counted, as JeroMQ leaves them");
			}
			return NONE;
		}
	}

	/**
	 * Whether this reads uncounted bytes (JeroMQ's internals were found).
	 * @return {@code true} when it does
	 */
	boolean isActive() {
		return this.signaler != null;
	}

	/**
	 * Under the socket's lock, after a wake-up by the socket's descriptor: the socket's
	 * events, and when none of the {@code wanted} ones is there, once more after reading
	 * an uncounted signal byte (whose command the second look processes).
	 * @param socket the socket this signal belongs to
	 * @param wanted the events the waiter woke for ({@code ZMQ.Poller.POLLIN} or
	 * {@code POLLOUT})
	 * @return the socket's events
	 */
	int eventsAfterWake(ZMQ.Socket socket, int wanted) {
		int events = socket.getEvents();
		if ((events & wanted) == 0 && readUncounted()) {
			events = socket.getEvents();
		}
		return events;
	}

	/**
	 * Under the socket's lock: how many signal bytes the socket has read so far. JeroMQ
	 * 0.6.0 writes one byte per command and reads them only when it finds no command
	 * queued, and then all it has counted; so an operation after which this number is the
	 * same read no byte, and left the descriptor readable for every command it processed.
	 * @return the count, or {@code -1} when unknown (the caller then assumes that bytes
	 * were read)
	 */
	long bytesRead() {
		if (this.signaler == null || this.read == null) {
			return -1;
		}
		VarHandle handle = READ_COUNT;
		if (handle != null && this.countByHandle) {
			return (long) handle.get(this.signaler);
		}
		try {
			return this.read.getLong(this.signaler);
		}
		catch (IllegalAccessException ex) {
			return -1;
		}
	}

	/**
	 * Under the socket's lock, right after the socket processed its commands (for example
	 * through {@code getEvents()}): read one signal byte that was written but not yet
	 * counted, and count it as read, as JeroMQ's blocking wait does. The writer counts it
	 * afterwards, which brings both counts level again.
	 * @return whether a byte was read, in which case its command is queued and the caller
	 * must let the socket process its commands again
	 */
	boolean readUncounted() {
		if (this.signaler == null || this.source == null || this.written == null || this.read == null) {
			return false;
		}
		try {
			long done = this.read.getLong(this.signaler);
			if (done < this.written.get()) {
				// counted bytes wait: the socket reads them itself when it next
				// processes its commands
				return false;
			}
			this.buffer.clear();
			if (this.source.read(this.buffer) != 1) {
				return false;
			}
			this.read.setLong(this.signaler, done + 1);
			return true;
		}
		catch (IOException | IllegalAccessException ex) {
			// a closed pipe: the socket is closing, and its loop ends with it
			return false;
		}
	}

	private static @Nullable VarHandle readCountHandle() {
		try {
			Class<?> signaler = Class.forName("zmq.Signaler", false, ZmqCommandSignal.class.getClassLoader());
			return MethodHandles.privateLookupIn(signaler, MethodHandles.lookup())
				.findVarHandle(signaler, "rcursor", long.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// another JeroMQ, or a module that does not open it: of() decides
			return null;
		}
	}

	/**
	 * A field's value, declared on the target's class or a superclass (tests use it too).
	 */
	static Object field(Object target, String name) throws ReflectiveOperationException {
		return declared(target.getClass(), name).get(target);
	}

	private static Field declared(Class<?> start, String name) throws NoSuchFieldException {
		for (Class<?> type = start; type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field;
			}
			catch (NoSuchFieldException ex) {
				// look further up
			}
		}
		throw new NoSuchFieldException(start.getName() + "." + name);
	}

}
