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

import java.util.Arrays;
import java.util.Locale;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * NULL against CURVE on the same machine, with JeroMQ sockets over tcp loopback:
 * request/reply round-trip p50/p99 and PUSH/PULL throughput, alternated over a few rounds
 * (medians reported with the CURVE/NULL ratio). The CURVE server accepts any key here:
 * the ZAP decision happens once per connection, before measuring, so it does not change
 * these numbers.
 *
 * <pre>
 * java -cp jeromq-0.6.0.jar:jnacl-1.0.0.jar:target/classes io.github.zmqspring.benchmarks.CurveBenchmark [messages] [round-trips] [rounds]
 * </pre>
 */
public final class CurveBenchmark {

	private static final byte[][] SERVER = keys();

	private static final byte[][] CLIENT = keys();

	private CurveBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int messages = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int roundTrips = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		double[][] throughput = new double[2][rounds];
		double[][] p50 = new double[2][rounds];
		double[][] p99 = new double[2][rounds];
		for (int round = 0; round < rounds; round++) {
			for (int curve = 0; curve < 2; curve++) {
				throughput[curve][round] = pushPull(curve == 1, messages);
				double[] latency = requestReply(curve == 1, roundTrips);
				p50[curve][round] = latency[0];
				p99[curve][round] = latency[1];
			}
		}
		System.out.println("| mechanism | PUSH/PULL 100 B msg/s | REQ/REP p50 us | REQ/REP p99 us |");
		System.out.println("| --- | ---: | ---: | ---: |");
		for (int curve = 0; curve < 2; curve++) {
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", (curve == 1) ? "CURVE" : "NULL",
					median(throughput[curve]), median(p50[curve]), median(p99[curve]));
		}
		System.out.printf(Locale.ROOT, "| CURVE / NULL | %.2f | %.2f | %.2f |%n",
				median(throughput[1]) / median(throughput[0]), median(p50[1]) / median(p50[0]),
				median(p99[1]) / median(p99[0]));
	}

	private static double pushPull(boolean curve, int messages) {
		try (ZContext context = new ZContext()) {
			ZMQ.Socket pull = context.createSocket(SocketType.PULL);
			server(pull, curve);
			pull.setRcvHWM(100_000);
			int port = pull.bindToRandomPort("tcp://127.0.0.1");
			ZMQ.Socket push = context.createSocket(SocketType.PUSH);
			client(push, curve);
			push.setSndHWM(100_000);
			push.connect("tcp://127.0.0.1:" + port);
			byte[] payload = new byte[100];
			push.send(payload); // the handshake completes before timing
			pull.recv();
			Thread sender = new Thread(() -> {
				for (int i = 0; i < messages; i++) {
					push.send(payload);
				}
			});
			long start = System.nanoTime();
			sender.start();
			for (int i = 0; i < messages; i++) {
				pull.recv();
			}
			long elapsed = System.nanoTime() - start;
			sender.join();
			return messages / (elapsed / 1e9);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double[] requestReply(boolean curve, int roundTrips) throws InterruptedException {
		try (ZContext context = new ZContext()) {
			ZMQ.Socket rep = context.createSocket(SocketType.REP);
			server(rep, curve);
			int port = rep.bindToRandomPort("tcp://127.0.0.1");
			Thread server = new Thread(() -> {
				for (int i = 0; i < roundTrips + 1; i++) {
					rep.send(rep.recv());
				}
			});
			server.start();
			ZMQ.Socket req = context.createSocket(SocketType.REQ);
			client(req, curve);
			req.connect("tcp://127.0.0.1:" + port);
			byte[] payload = new byte[100];
			req.send(payload);
			req.recv();
			long[] times = new long[roundTrips];
			for (int i = 0; i < roundTrips; i++) {
				long start = System.nanoTime();
				req.send(payload);
				req.recv();
				times[i] = System.nanoTime() - start;
			}
			server.join();
			Arrays.sort(times);
			return new double[] { times[roundTrips / 2] / 1e3, times[(int) (roundTrips * 0.99)] / 1e3 };
		}
	}

	private static void server(ZMQ.Socket socket, boolean curve) {
		if (curve) {
			socket.setCurvePublicKey(SERVER[0]);
			socket.setCurveSecretKey(SERVER[1]);
			socket.setCurveServer(true);
		}
	}

	private static void client(ZMQ.Socket socket, boolean curve) {
		if (curve) {
			socket.setCurveServerKey(SERVER[0]);
			socket.setCurvePublicKey(CLIENT[0]);
			socket.setCurveSecretKey(CLIENT[1]);
		}
	}

	private static byte[][] keys() {
		return new zmq.io.mechanism.curve.Curve().keypair();
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
