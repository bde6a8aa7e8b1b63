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
import java.util.concurrent.TimeUnit;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A raw JeroMQ REP echo server on a thread of its own. Both sides of scenario 4 talk to
 * this same server, so the comparison is of the clients alone.
 */
final class EchoServer implements AutoCloseable {

	private final CompletableFuture<Integer> opened = new CompletableFuture<>();

	private final Thread thread;

	private volatile boolean running = true;

	private EchoServer(ZContext context, int port) {
		this.thread = new Thread(() -> run(context, port), "bench-rep");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Start a server and wait until it has bound.
	 * @param context the context
	 * @param port the port on 127.0.0.1, 0 for a free one
	 * @return the server
	 */
	static EchoServer start(ZContext context, int port) throws Exception {
		EchoServer server = new EchoServer(context, port);
		server.opened.get(10, TimeUnit.SECONDS);
		return server;
	}

	private void run(ZContext context, int port) {
		ZMQ.Socket rep = context.createSocket(SocketType.REP);
		try {
			// a bounded receive, so that close() ends the loop without interrupting
			rep.setReceiveTimeOut(100);
			rep.setLinger(0);
			if (port == 0) {
				this.opened.complete(rep.bindToRandomPort("tcp://127.0.0.1"));
			}
			else {
				rep.bind("tcp://127.0.0.1:" + port);
				this.opened.complete(port);
			}
			while (this.running) {
				byte[] request = rep.recv(0);
				if (request != null) {
					rep.send(request, 0);
				}
			}
		}
		catch (RuntimeException ex) {
			this.opened.completeExceptionally(ex);
		}
		finally {
			context.destroySocket(rep);
		}
	}

	String endpoint() {
		return "tcp://127.0.0.1:" + this.opened.join();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

}
