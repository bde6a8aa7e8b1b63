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
package io.github.zmqspring.samples.pingpong;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import io.github.zmqspring.core.ZmqRemoteException;
import io.github.zmqspring.core.ZmqTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The ZeroMQ guide's first example as Spring RPC: the client pings, a REP
 * {@code @ZmqListener} pongs. It shows a synchronous round trip, a batch with 64 requests
 * in flight over one DEALER connection, and a remote error that reaches the caller at
 * once instead of after its timeout.
 */
@SpringBootApplication
public class PingPongApplication {

	/** A ping: its sequence number and a text. */
	public record Ping(long seq, String text) {
	}

	/**
	 * A pong: the ping's sequence number, a text, and how many pings the server served.
	 */
	public record Pong(long seq, String text, long served) {
	}

	/** What a batch measured. */
	public record BatchReport(int requests, int matched, Duration elapsed) {

		double perSecond() {
			return this.requests / Math.max(1e-9, this.elapsed.toNanos() / 1e9);
		}

		@Override
		public String toString() {
			return String.format("batch: %d requests, %d matched, 64 in flight, %d ms, %.0f requests/s", this.requests,
					this.matched, this.elapsed.toMillis(), perSecond());
		}

	}

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(PingPongApplication.class, args));
	}

	@Bean
	CommandLineRunner pinger(ZmqTemplate template, @Value("${ping-pong.pings}") int pings,
			@Value("${ping-pong.batch}") int batch) {
		return (args) -> {
			if (pings <= 0) {
				return; // tests drive the client themselves
			}
			if (!template.awaitPeers("pinger", 1, Duration.ofSeconds(10))) {
				throw new IllegalStateException("the pong server did not come up within 10 s");
			}
			Pong first = template.request("pinger", new Ping(0, "ping"), Pong.class);
			System.out
				.println("ping 0 -> " + first.text() + " " + first.seq() + " (the first call also loads classes)");
			System.out.println(runBatch(template, batch));
			// after the batch the JVM is warm: these show the round trip itself
			for (int i = 1; i <= pings; i++) {
				long start = System.nanoTime();
				Pong pong = template.request("pinger", new Ping(i, "ping"), Pong.class);
				System.out.printf("ping %d -> %s %d in %d us%n", i, pong.text(), pong.seq(),
						(System.nanoTime() - start) / 1000);
			}
			try {
				template.request("pinger", new Ping(pings + 1, "boom"), Pong.class);
			}
			catch (ZmqRemoteException ex) {
				System.out.println("remote error, at once: " + ex.getRemoteType() + ": " + ex.getRemoteMessage());
			}
		};
	}

	/**
	 * Send a batch of pings with at most 64 in flight and check every pong matches.
	 * @param template the template
	 * @param requests how many pings
	 * @return what the batch measured
	 * @throws InterruptedException if interrupted while waiting for room
	 */
	static BatchReport runBatch(ZmqTemplate template, int requests) throws InterruptedException {
		Semaphore inFlight = new Semaphore(64);
		List<CompletableFuture<Boolean>> replies = new ArrayList<>(requests);
		long start = System.nanoTime();
		for (int i = 0; i < requests; i++) {
			long seq = 1_000_000L + i;
			inFlight.acquire();
			replies.add(template.requestAsync("pinger", new Ping(seq, "ping"), Pong.class).handle((pong, failure) -> {
				inFlight.release();
				return failure == null && pong.seq() == seq;
			}));
		}
		int matched = 0;
		for (CompletableFuture<Boolean> reply : replies) {
			matched += reply.join() ? 1 : 0;
		}
		return new BatchReport(requests, matched, Duration.ofNanos(System.nanoTime() - start));
	}

}
