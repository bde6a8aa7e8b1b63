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
package io.github.zmqspring.discovery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;

/**
 * A tiny application run inside a network namespace by {@link ZmqDiscoveryNetnsTests}:
 * {@code worker <address>} announces a PULL socket as {@code echo} and prints what it
 * receives; {@code producer} connects a PUSH socket to {@code discovery://echo} and sends
 * one message. Both broadcast beacons to the namespaces' link only.
 */
public final class NetnsPeer {

	private NetnsPeer() {
	}

	public static void main(String[] args) throws Exception {
		String role = args[0];
		String address = args[1];
		String broadcast = args[2];
		int port = Integer.parseInt(args[3]);
		ZContext context = new ZContext();
		ZmqSocketOptions options = new ZmqSocketOptions();
		options.setReceiveTimeout(Duration.ofSeconds(20));
		options.setLinger(Duration.ofSeconds(2));
		ZmqSocketSpec spec = role.equals("worker")
				? ZmqSocketSpec.builder("work", "netns.work")
					.type(SocketType.PULL)
					.bind(List.of("tcp://" + address + ":0"))
					.announce("echo")
					.options(options)
					.build()
				: ZmqSocketSpec.builder("jobs", "netns.jobs")
					.type(SocketType.PUSH)
					.connect(List.of("discovery://echo"))
					.options(options)
					.build();
		ZmqSocketFactory factory = new ZmqSocketFactory(context);
		factory.setDiscoveryEnabled(true);
		ZmqSocketManager manager = new ZmqSocketManager(factory, List.of(spec));
		ZmqBeaconServiceRegistry registry = new ZmqBeaconServiceRegistry(port, broadcast, Duration.ofMillis(200),
				Duration.ofSeconds(3), "netns-secret");
		ZmqDeclaredSocketsDiscovery discovery = new ZmqDeclaredSocketsDiscovery(manager, registry,
				new ZmqDiscoveryConnector(registry), null);
		manager.start();
		registry.start();
		discovery.start();
		int status = 1;
		try {
			if (role.equals("worker")) {
				System.out.println("ANNOUNCED " + registry.getAnnouncements().get(0).endpoint());
				String received = manager.getOwner("work")
					.execute((handle) -> handle.getSocket().recvStr())
					.get(30, TimeUnit.SECONDS);
				System.out.println("RECEIVED " + received);
				status = (received != null) ? 0 : 2;
			}
			else {
				CountDownLatch found = new CountDownLatch(1);
				registry.addListener(new ZmqServiceInstanceListener() {

					@Override
					public void joined(ZmqServiceInstance instance) {
						found.countDown();
					}

					@Override
					public void left(ZmqServiceInstance instance, LeaveReason reason) {
					}

				});
				if (!found.await(20, TimeUnit.SECONDS)) {
					System.out.println("NO PEER");
					status = 3;
				}
				else {
					System.out.println("DISCOVERED " + registry.getInstances("echo"));
					manager.getOwner("jobs")
						.sendAndConfirm(new byte[][] { "hello across namespaces".getBytes(StandardCharsets.UTF_8) },
								Duration.ofSeconds(5))
						.get(10, TimeUnit.SECONDS);
					System.out.println("SENT");
					status = 0;
				}
			}
		}
		finally {
			discovery.stop();
			registry.stop();
			manager.stop();
			context.close();
			System.out.flush();
		}
		System.exit(status);
	}

}
