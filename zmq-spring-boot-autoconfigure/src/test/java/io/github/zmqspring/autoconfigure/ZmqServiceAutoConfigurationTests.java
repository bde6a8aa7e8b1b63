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
package io.github.zmqspring.autoconfigure;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.zmqspring.HostileZmtp;
import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqKeepAlive;
import io.github.zmqspring.core.socket.ZmqContextFailedEvent;
import io.github.zmqspring.core.socket.ZmqContextLifecycle;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The keep-alive that listener containers hold, a dead JeroMQ thread reported (state,
 * event, exit), and Boot's failure analysis of configuration errors.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZmqServiceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class, ZmqServiceAutoConfiguration.class))
		.withPropertyValues("zmq.context.shutdown-timeout=1s", "zmq.context.linger=0");

	@Nested
	class KeepAlive {

		@Test
		void heldWhileAListenerRunsAndReleasedWhenItStops() {
			ZmqServiceAutoConfigurationTests.this.runner.withUserConfiguration(OneListener.class).run((context) -> {
				ZmqKeepAlive keepAlive = context.getBean(ZmqKeepAlive.class);
				assertThat(keepAlive.getHolders()).containsExactly("listener 'echo'");
				assertThat(keepAliveThread()).isNotNull()
					.satisfies((thread) -> assertThat(thread.isDaemon()).isFalse());
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				registry.stop("echo");
				assertThat(keepAlive.getHolders()).isEmpty();
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !keepAlive.isKeepingAlive());
				registry.start("echo");
				assertThat(keepAlive.getHolders()).containsExactly("listener 'echo'");
				assertThat(keepAlive.isKeepingAlive()).isTrue();
			});
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> keepAliveThread() == null);
		}

		@Test
		void noListenerNoKeepAlive() {
			ZmqServiceAutoConfigurationTests.this.runner.run((context) -> {
				assertThat(context.getBean(ZmqKeepAlive.class).isKeepingAlive()).isFalse();
				assertThat(context).doesNotHaveBean(ZmqContextFailureExit.class);
			});
		}

		@Test
		void backsOffForTheApplicationsKeepAlive() {
			ZmqServiceAutoConfigurationTests.this.runner.withUserConfiguration(CustomKeepAlive.class)
				.run((context) -> assertThat(context.getBean(ZmqKeepAlive.class))
					.isSameAs(context.getBean(CustomKeepAlive.class).keepAlive));
		}

		private static Thread keepAliveThread() {
			return Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals(ZmqKeepAlive.THREAD_NAME) && thread.isAlive())
				.findFirst()
				.orElse(null);
		}

	}

	@Nested
	class DeadThread {

		@Test
		void marksTheContextFailedLogsAndPublishesAnEvent(CapturedOutput output) {
			ZmqServiceAutoConfigurationTests.this.runner.withUserConfiguration(FailureRecorder.class).run((context) -> {
				ZmqContextLifecycle lifecycle = context.getBean(ZmqContextLifecycle.class);
				assertThat(lifecycle.isFailed()).isFalse();
				assertThat(lifecycle.getFailure()).isNull();
				killIoThread(context.getBean(ZContext.class));
				Awaitility.await().atMost(Duration.ofSeconds(20)).until(lifecycle::isFailed);
				assertThat(lifecycle.getFailure()).isInstanceOf(DeathOfAThread.class);
				assertThat(lifecycle.getFailedThreadName()).isNotBlank();
				List<ZmqContextFailedEvent> events = context.getBean(FailureRecorder.class).events;
				assertThat(events).singleElement().satisfies((event) -> {
					assertThat(event.getFailure()).isInstanceOf(DeathOfAThread.class);
					assertThat(event.getLifecycle()).isSameAs(lifecycle);
				});
				assertThat(output).contains("ZeroMQ thread '" + lifecycle.getFailedThreadName() + "'")
					.contains("zmq.context.exit-on-failure=true");
			});
		}

		@Test
		void exitsWhenAskedTo() {
			ZmqServiceAutoConfigurationTests.this.runner.withPropertyValues("zmq.context.exit-on-failure=true")
				.withUserConfiguration(RecordingExit.class)
				.run((context) -> {
					RecordingExit exit = context.getBean(RecordingExit.class);
					killIoThread(context.getBean(ZContext.class));
					Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !exit.statuses.isEmpty());
					assertThat(exit.statuses).containsExactly(ZmqContextFailureExit.EXIT_STATUS);
					assertThat(context.isActive()).isFalse();
				});
		}

		@Test
		void exitOnFailureIsOffByDefaultAndOnWithTheProperty() {
			ZmqServiceAutoConfigurationTests.this.runner.withPropertyValues("zmq.context.exit-on-failure=true")
				.run((context) -> assertThat(context).hasSingleBean(ZmqContextFailureExit.class));
		}

		// a real death of a real I/O thread: an Error thrown on it, which JeroMQ's poller
		// does not catch (it catches RuntimeExceptions only), just as an OutOfMemoryError
		private static void killIoThread(ZContext context) throws Exception {
			ZMQ.Socket victim = context.createSocket(SocketType.PULL);
			victim.setEventHook((event) -> {
				if (event.getEvent() == ZMonitor.Event.ACCEPTED) {
					throw new DeathOfAThread();
				}
			}, ZMQ.EVENT_ACCEPTED);
			victim.bind("tcp://127.0.0.1:0");
			try (Socket peer = HostileZmtp.connect(victim.getLastEndpoint())) {
				peer.getOutputStream().write(HostileZmtp.greeting("NULL"));
			}
		}

	}

	@Nested
	class FailureAnalysisOfConfigurationErrors {

		@Test
		void namesThePropertyAndSaysWhatToChange() {
			ZmqServiceAutoConfigurationTests.this.runner
				.withPropertyValues("zmq.sockets.jobs.type=push", "zmq.sockets.jobs.bind=foo://bar")
				.run((context) -> {
					FailureAnalysis analysis = new InvalidZmqSocketSpecFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("Property: zmq.sockets.jobs.bind[0]")
						.contains("Value: \"foo://bar\"")
						.contains("unsupported transport 'foo'");
					assertThat(analysis.getAction()).startsWith("Change the property zmq.sockets.jobs.bind[0]");
				});
		}

		@Test
		void addressInUseSaysSoAndHowToFixIt() throws Exception {
			try (ZContext other = new ZContext()) {
				ZMQ.Socket taken = other.createSocket(SocketType.PULL);
				taken.bind("tcp://127.0.0.1:0");
				ZmqServiceAutoConfigurationTests.this.runner
					.withPropertyValues("zmq.sockets.jobs.type=pull",
							"zmq.sockets.jobs.bind=" + taken.getLastEndpoint())
					.run((context) -> {
						FailureAnalysis analysis = new InvalidZmqSocketSpecFailureAnalyzer()
							.analyze(context.getStartupFailure());
						assertThat(analysis.getDescription()).contains("zmq.sockets.jobs.bind[0]")
							.contains("address already in use");
						assertThat(analysis.getAction()).contains("another port");
					});
			}
		}

		@Test
		void listenerAttributeIsNamed() {
			ZmqServiceAutoConfigurationTests.this.runner.withUserConfiguration(BadSizeListener.class).run((context) -> {
				FailureAnalysis analysis = new InvalidZmqSocketSpecFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Attribute: @ZmqListener(id=bad)")
					.contains(".maxMessageSize")
					.contains("Value: \"lots\"");
				assertThat(analysis.getAction()).contains("16MB");
			});
		}

		@Test
		void bootPrintsTheReport(CapturedOutput output) {
			SpringApplication application = new SpringApplication(BootApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			assertThatException().isThrownBy(() -> application.run("--zmq.sockets.jobs.type=push",
					"--zmq.sockets.jobs.bind=tcp://127.0.0.1", "--spring.main.banner-mode=off"));
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("Property: zmq.sockets.jobs.bind[0]")
				.contains("Action:")
				.contains("Change the property zmq.sockets.jobs.bind[0]");
		}

	}

	@Test
	void contextMaxMessageSizeIsValidated() {
		this.runner.withPropertyValues("zmq.context.max-message-size=-5B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zmq.context.max-message-size"));
	}

	@Test
	void contextMaxMessageSizeReachesTheFactory() {
		this.runner.withPropertyValues("zmq.context.max-message-size=64KB")
			.run((context) -> assertThat(context.getBean(io.github.zmqspring.core.socket.ZmqSocketFactory.class)
				.getDefaultMaxMessageSize()
				.toKilobytes()).isEqualTo(64));
	}

	@Test
	void contextSocketBuffersAreValidated() {
		this.runner.withPropertyValues("zmq.context.receive-buffer=-1B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Invalid zmq.context.receive-buffer")
				.hasMessageContaining("must be 0 (the operating system's default) to 2GB - 1 byte"));
		this.runner.withPropertyValues("zmq.context.send-buffer=2GB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Invalid zmq.context.send-buffer"));
	}

	@Test
	void contextSocketBuffersReachSocketsThatSetNone() {
		this.runner
			.withPropertyValues("zmq.context.send-buffer=96KB", "zmq.context.receive-buffer=80KB",
					"zmq.sockets.plain.type=dealer", "zmq.sockets.plain.bind=tcp://127.0.0.1:0",
					"zmq.sockets.own.type=dealer", "zmq.sockets.own.bind=tcp://127.0.0.1:0",
					"zmq.sockets.own.send-buffer=0", "zmq.sockets.own.receive-buffer=200KB")
			.run((context) -> {
				io.github.zmqspring.core.socket.ZmqSocketManager sockets = context
					.getBean(io.github.zmqspring.core.socket.ZmqSocketManager.class);
				assertThat(buffers(sockets, "plain")).containsExactly(96 * 1024, 80 * 1024);
				assertThat(buffers(sockets, "own")).containsExactly(0, 200 * 1024);
			});
	}

	private static List<Integer> buffers(io.github.zmqspring.core.socket.ZmqSocketManager sockets, String name)
			throws Exception {
		return sockets.getOwner(name)
			.execute((handle) -> List.of(handle.getSocket().getSendBufferSize(),
					handle.getSocket().getReceiveBufferSize()))
			.get(10, java.util.concurrent.TimeUnit.SECONDS);
	}

	@Nested
	class MaxMessageSize {

		@Test
		void listenersGetTheDefaultUnlessTheAttributeSaysOtherwise() {
			ZmqServiceAutoConfigurationTests.this.runner.withUserConfiguration(SizedListeners.class).run((context) -> {
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				assertThat(maxMessageSize(registry, "default-size")).isEqualTo(4L * 1024 * 1024);
				assertThat(maxMessageSize(registry, "large")).isEqualTo(16L * 1024 * 1024);
				assertThat(maxMessageSize(registry, "unlimited")).isEqualTo(-1);
			});
		}

		@Test
		void aMessageOverTheDefaultDropsThePeerAndOneWithinTheAttributeArrives() {
			ZmqServiceAutoConfigurationTests.this.runner.withUserConfiguration(SizedListeners.class).run((context) -> {
				ZmqListenerEndpointRegistry registry = context.getBean(ZmqListenerEndpointRegistry.class);
				SizedListeners listeners = context.getBean(SizedListeners.class);
				byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
				try (ZContext peers = new ZContext()) {
					for (String id : List.of("default-size", "large")) {
						ZMQ.Socket push = peers.createSocket(SocketType.PUSH);
						push.setHandshakeIvl(1000);
						push.connect(context.getBean(io.github.zmqspring.core.socket.ZmqSocketManager.class)
							.getBoundEndpoints(id)
							.get(0));
						push.send(fiveMegabytes);
					}
					Awaitility.await()
						.atMost(Duration.ofSeconds(30))
						.until(() -> listeners.received.contains("large:" + fiveMegabytes.length));
					Awaitility.await()
						.atMost(Duration.ofSeconds(30))
						.until(() -> oversizeDisconnects(registry, "default-size") >= 1);
					assertThat(listeners.received).doesNotContain("default-size:" + fiveMegabytes.length);
					assertThat(oversizeDisconnects(registry, "large")).isZero();
				}
			});
		}

		private static long maxMessageSize(ZmqListenerEndpointRegistry registry, String id) throws Exception {
			return registry.getListenerContainer(id)
				.execute((handle) -> handle.getSocket().getMaxMsgSize())
				.get(10, java.util.concurrent.TimeUnit.SECONDS);
		}

		private static long oversizeDisconnects(ZmqListenerEndpointRegistry registry, String id) throws Exception {
			return registry.getListenerContainer(id)
				.execute(io.github.zmqspring.core.socket.ZmqSocketHandle::getOversizeDisconnects)
				.get(10, java.util.concurrent.TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SizedListeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		@ZmqListener(id = "default-size", type = SocketType.PULL, bind = "tcp://127.0.0.1:0")
		void byDefault(byte[] message) {
			this.received.add("default-size:" + message.length);
		}

		@ZmqListener(id = "large", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", maxMessageSize = "${large:16MB}")
		void large(byte[] message) {
			this.received.add("large:" + message.length);
		}

		@ZmqListener(id = "unlimited", type = SocketType.PULL, bind = "inproc://unlimited", maxMessageSize = "-1")
		void unlimited(byte[] message) {
		}

	}

	static class DeathOfAThread extends Error {

		DeathOfAThread() {
			super("simulated death of a JeroMQ thread");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneListener {

		@ZmqListener(id = "echo", type = SocketType.REP, bind = "tcp://127.0.0.1:0")
		String echo(String request) {
			return request;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadSizeListener {

		@ZmqListener(id = "bad", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", maxMessageSize = "lots")
		void onMessage(String message) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomKeepAlive {

		final ZmqKeepAlive keepAlive = new ZmqKeepAlive();

		@Bean
		ZmqKeepAlive myKeepAlive() {
			return this.keepAlive;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailureRecorder implements ApplicationListener<ZmqContextFailedEvent> {

		final List<ZmqContextFailedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ZmqContextFailedEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingExit {

		final List<Integer> statuses = new CopyOnWriteArrayList<>();

		@Bean
		ZmqContextFailureExit zmqContextFailureExit(ConfigurableApplicationContext context) {
			return new ZmqContextFailureExit(context, this.statuses::add);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BootApplication {

	}

}
