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

import java.time.Duration;
import java.util.List;

import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of one send call on the calling thread alone, without the I/O thread or a
 * receiver in the way: 100-byte messages to PUB sockets that nobody subscribes to (JeroMQ
 * drops each message in the call), round after round in one JVM, through JeroMQ's
 * {@code send}, {@link ZmqSocketOwner#send} and {@link ZmqTemplate#send}, and scenario
 * 2's {@code Quote} through the owner (the bytes of the template's mapper) and through
 * the template (its JSON converter). It prints nanoseconds per call; the differences are
 * what our send path adds per message. Run:
 * {@code java -Dloader.main=io.github.zmqspring.benchmarks.SendCallProbe -cp benchmarks/target/zmq-benchmarks.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 * ({@code -Dcount}, default 5,000,000 calls a round; {@code -Drounds}, default 8;
 * {@code -Dbytes=false} leaves the 100-byte sends out, so that the template only ever
 * sends the {@code Quote}). Inproc only. See benchmarks/README.md, "What a few
 * nanoseconds on the sender cost".
 */
public final class SendCallProbe {

	private SendCallProbe() {
	}

	public static void main(String[] args) {
		int count = Integer.getInteger("count", 5_000_000);
		int rounds = Integer.getInteger("rounds", 8);
		// -Dbytes=false: no 100-byte sends, so the template only ever sees the Quote
		boolean bytes = !"false".equals(System.getProperty("bytes"));
		int byteCount = bytes ? count : 0;
		try (ZContext context = new ZContext()) {
			ZmqSocketSpec spec = ZmqSocketSpec.builder("probe-pub", "zmq.sockets.probe-pub")
				.type(SocketType.PUB)
				.bind(List.of("inproc://send-call-probe"))
				.build();
			ZmqSocketManager manager = new ZmqSocketManager(new ZmqSocketFactory(context), List.of(spec));
			manager.start();
			try {
				JsonMapper mapper = JsonMapper.builder().build();
				ZmqTemplate template = new ZmqTemplate(manager, ZmqMessageConverters.defaultConverter(mapper));
				ZmqSocketOwner owner = manager.getOwner("probe-pub");
				ZMQ.Socket raw = context.createSocket(SocketType.PUB);
				raw.bind("inproc://send-call-probe-raw");
				byte[] payload = new byte[100];
				byte[][] frames = { payload };
				Duration timeout = Duration.ofSeconds(10);
				for (int round = 0; round < rounds; round++) {
					long start = System.nanoTime();
					for (int i = 0; i < byteCount; i++) {
						raw.send(payload, 0);
					}
					long rawDone = System.nanoTime();
					for (int i = 0; i < byteCount; i++) {
						sendThrough(owner, frames, timeout);
					}
					long ownerDone = System.nanoTime();
					for (int i = 0; i < byteCount; i++) {
						template.send("probe-pub", payload);
					}
					long templateDone = System.nanoTime();
					for (int i = 0; i < count; i++) {
						sendThrough(owner, new byte[][] { mapper.writeValueAsBytes(Quote.SAMPLE) }, timeout);
					}
					long jsonOwnerDone = System.nanoTime();
					for (int i = 0; i < count; i++) {
						template.send("probe-pub", Quote.SAMPLE);
					}
					long jsonTemplateDone = System.nanoTime();
					System.out.printf(
							"round %d: 100 B: JeroMQ send %.1f ns, ZmqSocketOwner.send %.1f ns, ZmqTemplate.send %.1f ns;"
									+ " a Quote: ZmqSocketOwner.send of the mapper's bytes %.1f ns, ZmqTemplate.send %.1f ns%n",
							round, (double) (rawDone - start) / Math.max(1, byteCount),
							(double) (ownerDone - rawDone) / Math.max(1, byteCount),
							(double) (templateDone - ownerDone) / Math.max(1, byteCount),
							(double) (jsonOwnerDone - templateDone) / count,
							(double) (jsonTemplateDone - jsonOwnerDone) / count);
				}
			}
			finally {
				manager.stop();
			}
		}
		System.exit(0);
	}

	private static void sendThrough(ZmqSocketOwner owner, byte[][] frames, Duration timeout) {
		try {
			if (!owner.send(frames, timeout)) {
				throw new IllegalStateException("A PUB without subscribers refused a message");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
