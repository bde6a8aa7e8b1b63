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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.ZmqOperations;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import io.github.zmqspring.discovery.ZmqDiscoveryIntegrationTests.EventRecorder;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import static io.github.zmqspring.discovery.DiscoveryTestSupport.freeUdpPort;
import static io.github.zmqspring.discovery.DiscoveryTestSupport.sendRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ZmqListener} sockets in discovery, between application contexts on one host
 * (tcp on 127.0.0.1, beacons to 127.255.255.255 only): a listener announced by name gets
 * work from a PUSH that connects to {@code discovery://name}, a third instance takes a
 * share, goodbye drops an instance at once and silence after the time-to-live; a listener
 * that connects to {@code discovery://name} follows the instances of that name.
 */
@Timeout(60)
class ZmqListenerDiscoveryIntegrationTests {

	private final int port = freeUdpPort();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
		.withBean(EventRecorder.class)
		.withPropertyValues("zmq.discovery.enabled=true", "zmq.discovery.port=" + this.port,
				"zmq.discovery.broadcast-address=127.255.255.255", "zmq.discovery.interval=200ms",
				"zmq.discovery.ttl=10s");

	private final ApplicationContextRunner worker = this.runner.withUserConfiguration(AnnouncedWorker.class)
		.withPropertyValues("test.service=workers");

	private final ApplicationContextRunner producer = this.runner.withPropertyValues("zmq.sockets.jobs.type=push",
			"zmq.sockets.jobs.connect=discovery://workers");

	@Test
	void announcedListenerGetsWorkByNameAsInstancesComeAndGo() {
		this.worker.run((a) -> {
			assertThat(a).hasNotFailed();
			String endpointA = a.getBean(ZmqSocketManager.class).getBoundEndpoints("worker").get(0);
			assertThat(endpointA).startsWith("tcp://127.0.0.1:").doesNotEndWith(":0");
			assertThat(a.getBean(ZmqBeaconServiceRegistry.class).getAnnouncements())
				.containsExactly(new ZmqServiceInstance("workers", endpointA,
						a.getBean(ZmqBeaconServiceRegistry.class).getInstanceId(), SocketType.PULL.type));
			this.producer.run((b) -> {
				assertThat(b).hasNotFailed();
				ZmqOperations template = b.getBean(ZmqOperations.class);
				EventRecorder events = b.getBean(EventRecorder.class);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> events.events.contains("joined workers " + endpointA));
				template.send("jobs", "job-1");
				assertThat(inbox(a).poll(10, TimeUnit.SECONDS)).isEqualTo("job-1");

				// a third instance joins and takes a share of the work
				this.worker.run((c) -> {
					assertThat(c).hasNotFailed();
					String endpointC = c.getBean(ZmqSocketManager.class).getBoundEndpoints("worker").get(0);
					await().atMost(Duration.ofSeconds(5))
						.until(() -> events.events.contains("joined workers " + endpointC));
					connectsDone(b);
					for (int i = 0; i < 20; i++) {
						template.send("jobs", "job-" + i);
					}
					await().atMost(Duration.ofSeconds(10)).until(() -> inbox(a).size() + inbox(c).size() == 20);
					int toA = inbox(a).size();
					int toC = inbox(c).size();
					System.out.println("listener discovery: 20 jobs split " + toA + " / " + toC);
					assertThat(toA).isPositive();
					assertThat(toC).isPositive();
					inbox(a).clear();
				});
				// c closed: its goodbye drops it at once (ttl is 10 s)
				long closed = System.nanoTime();
				await().atMost(Duration.ofSeconds(2))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> events.events.stream()
						.anyMatch((e) -> e.startsWith("left workers") && e.endsWith("GOODBYE")));
				System.out.println("listener discovery: goodbye dropped the instance after "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed) + " ms");
				assertThat(b.getBean(ZmqServiceRegistry.class).getInstances("workers"))
					.extracting(ZmqServiceInstance::endpoint)
					.containsExactly(endpointA);
				// disconnected from c: every job goes to a, none waits for c
				connectsDone(b);
				for (int i = 0; i < 5; i++) {
					template.send("jobs", "after-" + i);
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> inbox(a).size() == 5);
				assertThat(inbox(a)).containsExactly("after-0", "after-1", "after-2", "after-3", "after-4");
			});
		});
	}

	@Test
	void listenersConnectByNameAndDropAVanishedInstanceAfterTtl() {
		ApplicationContextRunner server = this.runner.withPropertyValues("zmq.sockets.out.type=push",
				"zmq.sockets.out.bind=tcp://127.0.0.1:0", "zmq.sockets.out.announce=feed");
		// one inline listener and one on a declared socket, both connecting by name
		ApplicationContextRunner client = this.runner.withUserConfiguration(ConnectingWorkers.class)
			.withPropertyValues("test.service=feed", "zmq.discovery.ttl=1s", "zmq.sockets.in.type=pull",
					"zmq.sockets.in.connect=discovery://feed");
		client.run((b) -> {
			assertThat(b).hasNotFailed();
			EventRecorder events = b.getBean(EventRecorder.class);
			ConnectingWorkers workers = b.getBean(ConnectingWorkers.class);
			server.run((a) -> {
				assertThat(a).hasNotFailed();
				String endpoint = a.getBean(ZmqSocketManager.class).getBoundEndpoints("out").get(0);
				await().atMost(Duration.ofSeconds(5)).until(() -> events.events.contains("joined feed " + endpoint));
				ZmqSocketOwner out = a.getBean(ZmqSocketManager.class).getOwner("out");
				assertThat(out.awaitPeers(2, Duration.ofSeconds(10))).isTrue();
				for (int i = 0; i < 10; i++) {
					a.getBean(ZmqOperations.class).send("out", "item-" + i);
				}
				await().atMost(Duration.ofSeconds(10))
					.until(() -> workers.inline.size() + workers.declared.size() == 10);
				// round robin over the two connected listeners
				assertThat(workers.inline).hasSize(5);
				assertThat(workers.declared).hasSize(5);

				// the server vanishes without a goodbye (as if killed)
				a.getBean(ZmqBeaconServiceRegistry.class).stop(false);
				long silent = System.nanoTime();
				await().atMost(Duration.ofSeconds(5))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> events.events.contains("left feed " + endpoint + " EXPIRED"));
				long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silent);
				System.out
					.println("listener discovery: vanished instance dropped after " + after + " ms (ttl 1000 ms)");
				assertThat(after).isGreaterThanOrEqualTo(1000 - 250).isLessThan(1000 + 1500);
				// both listeners' sockets were disconnected from it
				ZmqListenerEndpointRegistry listeners = b.getBean(ZmqListenerEndpointRegistry.class);
				for (String id : new String[] { "inline", "declared" }) {
					ZmqListenerContainer container = listeners.getListenerContainer(id);
					assertThat(container.execute((handle) -> handle.getSocket().disconnect(endpoint))
						.get(5, TimeUnit.SECONDS)).as(id).isFalse();
				}
			});
		});
	}

	@Test
	void requestReplyByServiceNameToAnnouncedRepListeners() {
		ApplicationContextRunner echo = this.runner.withUserConfiguration(EchoServer.class);
		ApplicationContextRunner client = this.runner.withPropertyValues("zmq.sockets.echo.type=dealer",
				"zmq.sockets.echo.connect=discovery://echo", "zmq.template.request-timeout=5s");
		echo.withPropertyValues("test.name=a").run((a) -> {
			assertThat(a).hasNotFailed();
			String endpointA = a.getBean(ZmqSocketManager.class).getBoundEndpoints("echo").get(0);
			assertThat(a.getBean(ZmqBeaconServiceRegistry.class).getAnnouncements())
				.extracting(ZmqServiceInstance::socketType)
				.containsExactly(SocketType.REP.type);
			client.run((b) -> {
				assertThat(b).hasNotFailed();
				ZmqOperations template = b.getBean(ZmqOperations.class);
				EventRecorder events = b.getBean(EventRecorder.class);
				await().atMost(Duration.ofSeconds(5)).until(() -> events.events.contains("joined echo " + endpointA));
				assertThat(template.request("echo", "hello", String.class)).isEqualTo("a:hello");

				echo.withPropertyValues("test.name=c").run((c) -> {
					assertThat(c).hasNotFailed();
					String endpointC = c.getBean(ZmqSocketManager.class).getBoundEndpoints("echo").get(0);
					await().atMost(Duration.ofSeconds(5))
						.until(() -> events.events.contains("joined echo " + endpointC));
					connectsDone(b, "echo");
					assertThat(template.awaitPeers("echo", 2, Duration.ofSeconds(10))).isTrue();
					List<String> replies = new ArrayList<>();
					for (int i = 0; i < 10; i++) {
						replies.add(template.request("echo", "r" + i, String.class));
					}
					// DEALER deals the requests round robin over both instances
					assertThat(replies).anyMatch((reply) -> reply.startsWith("a:"))
						.anyMatch((reply) -> reply.startsWith("c:"));
				});
				await().atMost(Duration.ofSeconds(2))
					.until(() -> events.events.stream()
						.anyMatch((e) -> e.startsWith("left echo") && e.endsWith("GOODBYE")));
				connectsDone(b, "echo");
				// disconnected from c: no request is dealt to it and left without a reply
				for (int i = 0; i < 5; i++) {
					assertThat(template.request("echo", "after" + i, String.class)).isEqualTo("a:after" + i);
				}
			});
		});
	}

	@Test
	void aFullSendQueueDoesNotHoldBackTheConnectToTheFirstPeer() {
		// 2 messages fill the queue and a third waits in the owning thread: the connect
		// from discovery must still get through, or nothing would ever be sent
		this.producer.withPropertyValues("zmq.sockets.jobs.send-high-water-mark=2").run((b) -> {
			ZmqSocketOwner jobs = b.getBean(ZmqSocketManager.class).getOwner("jobs");
			int queued = 0;
			while (jobs.trySend(frames("early-" + queued))) {
				queued++;
				assertThat(queued).isLessThan(100);
			}
			try (ZContext zmq = new ZContext(); ZMQ.Socket pull = zmq.createSocket(SocketType.PULL)) {
				pull.setReceiveTimeOut(10_000);
				String endpoint = "tcp://127.0.0.1:" + pull.bindToRandomPort("tcp://127.0.0.1");
				ZmqServiceInstance instance = new ZmqServiceInstance("workers", endpoint, "raw", SocketType.PULL.type);
				sendRaw(this.port, new ZmqBeaconCodec(null).encode(new ZmqBeacon(instance, false)));
				for (int i = 0; i < queued; i++) {
					assertThat(pull.recvStr()).isEqualTo("early-" + i);
				}
				// the registry's thread was not blocked either: it still hears beacons
				sendRaw(this.port, new ZmqBeaconCodec(null).encode(new ZmqBeacon(instance, true)));
				await().atMost(Duration.ofSeconds(5))
					.until(() -> b.getBean(ZmqServiceRegistry.class).getInstances("workers").isEmpty());
			}
		});
	}

	@Test
	void announceOnADeclaredSocketOrWithoutBindFailsNamingTheAttribute() {
		this.runner.withUserConfiguration(AnnounceOnDeclared.class)
			.withPropertyValues("zmq.sockets.x.type=pull", "zmq.sockets.x.bind=tcp://127.0.0.1:0")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure(context)))
				.hasMessageContaining("@ZmqListener(id=x)")
				.hasMessageContaining("announce")
				.hasMessageContaining("zmq.sockets.x.announce"));
		this.runner.withUserConfiguration(AnnounceWithoutBind.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure(context)))
				.hasMessageContaining("@ZmqListener(id=nobind)")
				.hasMessageContaining(".announce"));
	}

	// a join is reported after the registry's listeners ran, so the connect is queued on
	// the owning thread: a no-op task behind it proves it ran
	private static void connectsDone(ConfigurableApplicationContext context) throws Exception {
		connectsDone(context, "jobs");
	}

	private static void connectsDone(ConfigurableApplicationContext context, String socket) throws Exception {
		context.getBean(ZmqSocketManager.class).getOwner(socket).execute((handle) -> null).get(5, TimeUnit.SECONDS);
	}

	private static Throwable failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return context.getStartupFailure();
	}

	private static BlockingQueue<String> inbox(ConfigurableApplicationContext context) {
		return context.getBean(AnnouncedWorker.class).inbox;
	}

	private static byte[][] frames(String text) {
		return new byte[][] { text.getBytes(StandardCharsets.UTF_8) };
	}

	static class AnnouncedWorker {

		final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

		@ZmqListener(id = "worker", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", announce = "${test.service}")
		void work(String job) {
			this.inbox.add(job);
		}

	}

	static class EchoServer {

		@Value("${test.name}")
		String name;

		@ZmqListener(id = "echo", type = SocketType.REP, bind = "tcp://127.0.0.1:0", announce = "echo")
		String echo(String request) {
			return this.name + ":" + request;
		}

	}

	static class ConnectingWorkers {

		final BlockingQueue<String> inline = new LinkedBlockingQueue<>();

		final BlockingQueue<String> declared = new LinkedBlockingQueue<>();

		@ZmqListener(id = "inline", type = SocketType.PULL, connect = "discovery://${test.service}")
		void inline(String item) {
			this.inline.add(item);
		}

		@ZmqListener(id = "declared", socket = "in")
		void declared(String item) {
			this.declared.add(item);
		}

	}

	static class AnnounceOnDeclared {

		@ZmqListener(id = "x", socket = "x", announce = "svc")
		void work(String job) {
		}

	}

	static class AnnounceWithoutBind {

		@ZmqListener(id = "nobind", type = SocketType.PULL, connect = "tcp://127.0.0.1:1", announce = "svc")
		void work(String job) {
		}

	}

}
