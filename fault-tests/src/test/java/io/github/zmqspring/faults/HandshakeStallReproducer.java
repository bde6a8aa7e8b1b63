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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Standalone reproducer of JeroMQ 0.6.0's stuck handshake on the connecting side: raw
 * JeroMQ, no Spring, no library code. Each round binds a server socket, opens a batch of
 * fresh connecting sockets at once and counts, through the server's monitor, how many
 * connections finish the ZMTP handshake within a grace period. A connection that has not
 * finished by then is stuck: a healthy loopback handshake takes about a millisecond.
 * <p>
 * The cause (zeromq/jeromq#1022): {@code zmq.poll.Poller} cancels the connecter's
 * selection key and the new engine registers the same channel in one pass of its loop;
 * the cancelled key is deregistered only by the next select, so the engine's handle keeps
 * its interest ops but no key, and the connection never sends its greeting until
 * something else makes the poller walk its table again (or the handshake timer fires).
 * <p>
 * Run:
 * {@code java -cp <test classpath> io.github.zmqspring.faults.HandshakeStallReproducer
 * [pattern=push|sub|dealer|all] [rounds] [batch] [handshakeIvlMs] [burnThreads]
 * [contexts=one|many]}.
 */
public final class HandshakeStallReproducer {

	private static final long GRACE_MS = Long.getLong("grace", 3000);

	/**
	 * A round slower than this was recovered by the handshake interval, not handshaken at
	 * once.
	 */
	private static final long SLOW_MS = 500;

	private HandshakeStallReproducer() {
	}

	public static void main(String[] args) throws Exception {
		String pattern = (args.length > 0) ? args[0] : "all";
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 50;
		int batch = (args.length > 2) ? Integer.parseInt(args[2]) : 10;
		int handshakeIvl = (args.length > 3) ? Integer.parseInt(args[3]) : 0;
		int burn = (args.length > 4) ? Integer.parseInt(args[4]) : 0;
		boolean manyContexts = (args.length > 5) && args[5].equals("many");
		List<String> patterns = pattern.equals("all") ? List.of("push", "sub", "dealer") : List.of(pattern);
		AtomicBoolean burning = new AtomicBoolean(burn > 0);
		List<Thread> burners = new ArrayList<>();
		for (int i = 0; i < burn; i++) {
			Thread burner = new Thread(() -> {
				long x = 0;
				while (burning.get()) {
					x += System.nanoTime() % 7;
				}
				if (x == 42) {
					System.out.print("");
				}
			}, "burn-" + i);
			burner.setDaemon(true);
			burner.start();
			burners.add(burner);
		}
		int totalConnections = 0;
		int totalStuck = 0;
		int totalSlow = 0;
		long slowest = 0;
		long started = System.nanoTime();
		for (String p : patterns) {
			Result result = run(p, rounds, batch, handshakeIvl, manyContexts);
			totalConnections += result.connections;
			totalStuck += result.stuck;
			totalSlow += result.slow;
			slowest = Math.max(slowest, result.slowestMs);
			System.out.printf(Locale.ROOT,
					"%s: %d of %d fresh connections stuck in the handshake (%.2f %%), %d rounds recovered late "
							+ "(slowest %d ms)%n",
					p, result.stuck, result.connections, 100.0 * result.stuck / result.connections, result.slow,
					result.slowestMs);
		}
		burning.set(false);
		System.out.printf(Locale.ROOT,
				"total: %d of %d stuck (%.2f %%), %d rounds over 500 ms (slowest %d ms); batch %d, handshake-ivl %d ms, %d burner threads, %s context(s), "
						+ "%d s, load average %.2f%n",
				totalStuck, totalConnections, 100.0 * totalStuck / totalConnections, totalSlow, slowest, batch,
				handshakeIvl, burn, manyContexts ? "many" : "one",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * Run rounds of one pattern.
	 * @param pattern push, sub or dealer (the connecting side)
	 * @param rounds number of rounds
	 * @param batch connecting sockets opened at once per round
	 * @param handshakeIvl the connecting sockets' handshake interval (0: never give up)
	 * @param manyContexts whether each connecting socket gets a context of its own
	 * @return connections made and stuck
	 */
	static Result run(String pattern, int rounds, int batch, int handshakeIvl, boolean manyContexts) {
		SocketType serverType = switch (pattern) {
			case "push" -> SocketType.PULL;
			case "sub" -> SocketType.PUB;
			case "dealer" -> SocketType.ROUTER;
			default -> throw new IllegalArgumentException("pattern must be push, sub or dealer: " + pattern);
		};
		SocketType clientType = switch (pattern) {
			case "push" -> SocketType.PUSH;
			case "sub" -> SocketType.SUB;
			default -> SocketType.DEALER;
		};
		int connections = 0;
		int stuck = 0;
		int slow = 0;
		long slowest = 0;
		try (ZContext serverContext = new ZContext(1); ZContext clientContext = new ZContext(1)) {
			for (int round = 0; round < rounds; round++) {
				ZMQ.Socket server = serverContext.createSocket(serverType);
				server.setLinger(0);
				String monitorAddress = "inproc://handshake-monitor-" + pattern + "-" + round;
				server.monitor(monitorAddress, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
				ZMQ.Socket monitor = serverContext.createSocket(SocketType.PAIR);
				monitor.connect(monitorAddress);
				server.bind("tcp://127.0.0.1:*");
				String endpoint = server.getLastEndpoint();
				List<ZContext> ownContexts = new ArrayList<>();
				List<ZMQ.Socket> clients = new ArrayList<>();
				for (int i = 0; i < batch; i++) {
					ZContext context = clientContext;
					if (manyContexts) {
						context = new ZContext(1);
						ownContexts.add(context);
					}
					ZMQ.Socket client = context.createSocket(clientType);
					client.setLinger(0);
					client.setHandshakeIvl(handshakeIvl);
					if (clientType == SocketType.SUB) {
						client.subscribe(ZMQ.SUBSCRIPTION_ALL);
					}
					client.connect(endpoint);
					clients.add(client);
				}
				int handshaken = 0;
				long opened = System.nanoTime();
				long deadline = System.currentTimeMillis() + GRACE_MS;
				while (handshaken < batch) {
					long left = deadline - System.currentTimeMillis();
					if (left <= 0) {
						break;
					}
					monitor.setReceiveTimeOut((int) left);
					ZMQ.Event event = ZMQ.Event.recv(monitor);
					if (event != null && event.getEvent() == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
						handshaken++;
					}
				}
				long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
				if (handshaken == batch && tookMs > SLOW_MS) {
					slow++;
					slowest = Math.max(slowest, tookMs);
				}
				connections += batch;
				stuck += batch - handshaken;
				for (ZMQ.Socket client : clients) {
					client.close();
				}
				for (ZContext context : ownContexts) {
					context.close();
				}
				server.monitor(null, 0);
				serverContext.destroySocket(monitor);
				serverContext.destroySocket(server);
			}
		}
		return new Result(connections, stuck, slow, slowest);
	}

	/**
	 * What one pattern's rounds measured.
	 *
	 * @param connections fresh connections opened
	 * @param stuck connections without a completed handshake after the grace period
	 * @param slow rounds whose handshakes all completed, but only after {@link #SLOW_MS}
	 * (recovered by the handshake interval)
	 * @param slowestMs the longest of those rounds
	 */
	record Result(int connections, int stuck, int slow, long slowestMs) {
	}

}
