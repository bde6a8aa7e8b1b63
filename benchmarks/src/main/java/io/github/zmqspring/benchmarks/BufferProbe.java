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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Raw JeroMQ PUSH to PULL over TCP on 127.0.0.1 (scenario 1's raw pair: 100 B, the PULL
 * unbounded, the PUSH at JeroMQ's default high-water mark) with given socket buffers,
 * configurations alternating round by round in one JVM: what {@code ZMQ_SNDBUF} and
 * {@code ZMQ_RCVBUF} do to throughput, since JeroMQ 0.6.0 also takes them as its I/O
 * thread's write and read batch (benchmarks/README.md, "Socket buffers"). Each argument
 * is one configuration, {@code send:receive} in bytes, {@code 0} keeping the operating
 * system's; the PUSH gets the send buffer, the PULL the receive buffer. Run:
 * {@code java -Dloader.main=io.github.zmqspring.benchmarks.BufferProbe -cp benchmarks/target/zmq-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher 0:0 65536:65536}
 * ({@code -Dcount}, default 1,000,000; {@code -Drounds}, default 6, after 3 warm-up
 * rounds). A trial that takes over 60 s is reported as stalled and the probe stops.
 * {@code -Dpersistent=true} keeps one connected pair per configuration for every trial of
 * the JVM, as an application's declared sockets live (the raw baselines open a fresh pair
 * per trial): benchmarks/README.md, "One connection for the JVM's life".
 */
public final class BufferProbe {

	private BufferProbe() {
	}

	public static void main(String[] args) throws Exception {
		if (Boolean.getBoolean("persistent")) {
			persistent(args);
			return;
		}
		int count = Integer.getInteger("count", 1_000_000);
		int rounds = Integer.getInteger("rounds", 6);
		List<int[]> configurations = new ArrayList<>();
		for (String arg : (args.length > 0) ? args : new String[] { "0:0", "65536:65536" }) {
			String[] sizes = arg.split(":");
			configurations.add(new int[] { Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]) });
		}
		for (int round = -3; round < rounds; round++) {
			StringBuilder line = new StringBuilder((round < 0) ? "warm-up" : "round " + round).append(':');
			for (int[] sizes : configurations) {
				double rate = trial(count, sizes[0], sizes[1]);
				if (rate < 0) {
					System.out
						.println(line.append(" ").append(sizes[0]).append(':').append(sizes[1]).append(" STALLED"));
					return;
				}
				line.append(String.format("  %d:%d %,.0f msg/s", sizes[0], sizes[1], rate));
			}
			System.out.println(line);
		}
	}

	private static void persistent(String[] args) throws Exception {
		int count = Integer.getInteger("count", 1_000_000);
		int rounds = Integer.getInteger("rounds", 6);
		String[] sizes = ((args.length > 0) ? args[0] : "0:0").split(":");
		try (ZContext context = new ZContext()) {
			ZMQ.Socket[] pair = connectedPair(context, Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]));
			for (int round = -3; round < rounds; round++) {
				double rate = send(pair[0], pair[1], count);
				if (rate < 0) {
					System.out.println("round " + round + ": STALLED");
					return;
				}
				System.out.printf("%s: one pair %s %,.0f msg/s%n", (round < 0) ? "warm-up" : "round " + round,
						String.join(":", sizes), rate);
			}
		}
	}

	/** One trial on a fresh pair; a negative rate when it did not finish in 60 s. */
	private static double trial(int count, int sendBuffer, int receiveBuffer) throws Exception {
		try (ZContext context = new ZContext()) {
			ZMQ.Socket[] pair = connectedPair(context, sendBuffer, receiveBuffer);
			return send(pair[0], pair[1], count);
		}
	}

	/** A PUSH (with the send buffer) connected to a PULL (with the receive buffer). */
	private static ZMQ.Socket[] connectedPair(ZContext context, int sendBuffer, int receiveBuffer) {
		ZMQ.Socket pull = context.createSocket(SocketType.PULL);
		pull.setRcvHWM(0);
		pull.setReceiveBufferSize(receiveBuffer);
		pull.setReceiveTimeOut(60_000);
		int port = pull.bindToRandomPort("tcp://127.0.0.1");
		ZMQ.Socket push = context.createSocket(SocketType.PUSH);
		push.setSendBufferSize(sendBuffer);
		push.setSendTimeOut(60_000);
		push.connect("tcp://127.0.0.1:" + port);
		return new ZMQ.Socket[] { push, pull };
	}

	/**
	 * Send {@code count} messages while a thread receives them.
	 * @return messages per second, negative when they did not all arrive within 60 s
	 */
	private static double send(ZMQ.Socket push, ZMQ.Socket pull, int count) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		Thread receiver = new Thread(() -> {
			for (int i = 0; i < count; i++) {
				if (pull.recv(0) == null) {
					return;
				}
			}
			done.countDown();
		}, "buffer-probe-PULL");
		receiver.start();
		byte[] payload = new byte[100];
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			if (!push.send(payload, 0)) {
				break;
			}
		}
		boolean finished = done.await(60, TimeUnit.SECONDS);
		long nanos = System.nanoTime() - start;
		receiver.join(TimeUnit.SECONDS.toMillis(61));
		return finished ? count * 1e9 / nanos : -1;
	}

}
