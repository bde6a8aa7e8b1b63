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

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqContextLifecycle;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ZmqAutoConfiguration}: properties, defaults, back-off and the start-up
 * failures of bad socket declarations.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZmqAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@Test
	void providesContextWithDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ZContext.class)
				.hasSingleBean(ZmqSocketManager.class)
				.hasSingleBean(ZmqContextLifecycle.class);
			ZContext zmq = context.getBean(ZContext.class);
			assertThat(zmq.getIoThreads()).isEqualTo(1);
			assertThat(zmq.getLinger()).isEqualTo(1000);
			assertThat(zmq.getContext().getMaxSockets()).isEqualTo(1024);
			assertThat(zmq.getContext().isIPv6()).isFalse();
		});
	}

	@Test
	void jeromqThreadExceptionsGoToTheLogNotStandardError(CapturedOutput output) {
		this.runner.run((context) -> {
			ZContext zmq = context.getBean(ZContext.class);
			Thread io = new Thread("iothread-test");
			zmq.getNotificationExceptionHandler()
				.uncaughtException(io, new IOException("boom", new ClosedChannelException()));
			zmq.getNotificationExceptionHandler().uncaughtException(io, new IllegalStateException("real trouble"));
			zmq.getUncaughtExceptionHandler().uncaughtException(io, new IllegalStateException("thread died"));
		});
		// the shutdown race is logged at debug (not shown by default); the rest as
		// warn/error
		assertThat(output.getOut()).doesNotContain("boom")
			.contains("WARN")
			.contains("ZeroMQ thread 'iothread-test' reported an error")
			.contains("real trouble")
			.contains("ZeroMQ thread 'iothread-test' ended with an error");
		assertThat(output.getErr()).doesNotContain("boom").doesNotContain("real trouble");
	}

	@Test
	void appliesContextProperties() {
		this.runner
			.withPropertyValues("zmq.context.io-threads=2", "zmq.context.linger=250ms", "zmq.context.max-sockets=77",
					"zmq.context.ipv6=true")
			.run((context) -> {
				ZContext zmq = context.getBean(ZContext.class);
				assertThat(zmq.getIoThreads()).isEqualTo(2);
				assertThat(zmq.getLinger()).isEqualTo(250);
				assertThat(zmq.getContext().getMaxSockets()).isEqualTo(77);
				assertThat(zmq.getContext().isIPv6()).isTrue();
			});
	}

	@Test
	void backsOffWhenUserDefinesContext() {
		this.runner.withUserConfiguration(UserContext.class).run((context) -> {
			assertThat(context).hasSingleBean(ZContext.class).doesNotHaveBean(ZmqContextLifecycle.class);
			assertThat(context.getBean(ZContext.class)).isSameAs(context.getBean(UserContext.class).context);
			assertThat(context).hasSingleBean(ZmqSocketManager.class);
		});
	}

	@Test
	void backsOffWithoutJeroMq() {
		this.runner.withClassLoader(new FilteredClassLoader(ZContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ZContext.class)
				.doesNotHaveBean(ZmqSocketManager.class));
	}

	@Test
	void declaredSocketsAreOpenAtStartupWithEphemeralPortResolved() {
		this.runner
			.withPropertyValues("zmq.sockets.jobs.type=push", "zmq.sockets.jobs.bind=tcp://127.0.0.1:0",
					"zmq.sockets.jobs.send-high-water-mark=50")
			.run((context) -> {
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				assertThat(manager.getSocketNames()).containsExactly("jobs");
				assertThat(manager.getSpec("jobs").getType()).isEqualTo(SocketType.PUSH);
				assertThat(manager.getBoundEndpoints("jobs")).singleElement()
					.asString()
					.matches("tcp://127\\.0\\.0\\.1:\\d+")
					.doesNotEndWith(":0");
			});
	}

	@Test
	void unknownTypeFailsNamingProperty() {
		this.runner.withPropertyValues("zmq.sockets.a.type=pubb", "zmq.sockets.a.bind=tcp://127.0.0.1:0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("pubb"));
		this.runner.withPropertyValues("zmq.sockets.a.type=pubb", "zmq.sockets.a.bind=tcp://127.0.0.1:0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'zmq.sockets.a.type'"));
	}

	@Test
	void missingTypeFailsNamingProperty() {
		assertFailure("zmq.sockets.a.type", "zmq.sockets.a.bind=tcp://127.0.0.1:0");
	}

	@Test
	void endpointsThatDoNotParseFailNamingProperty() {
		assertFailure("zmq.sockets.a.connect[0]", "zmq.sockets.a.type=sub", "zmq.sockets.a.connect=tcp:/x");
		assertFailure("zmq.sockets.a.bind[0]", "zmq.sockets.a.type=pub", "zmq.sockets.a.bind=foo://bar");
		assertFailure("zmq.sockets.a.bind[1]", "zmq.sockets.a.type=pub",
				"zmq.sockets.a.bind=tcp://127.0.0.1:0,tcp://127.0.0.1:99999");
		assertFailure("zmq.sockets.a.bind[0]", "zmq.sockets.a.type=pub", "zmq.sockets.a.bind=tcp://127.0.0.1");
	}

	@Test
	void neitherBindNorConnectFails() {
		assertFailure("needs at least one endpoint in .bind or .connect", "zmq.sockets.a.type=pull");
	}

	@Test
	void portInUseFailsNamingProperty() {
		try (ZContext other = new ZContext(); ZMQ.Socket squatter = other.createSocket(SocketType.PULL)) {
			int port = squatter.bindToRandomPort("tcp://127.0.0.1");
			assertFailure("zmq.sockets.a.bind[0]", "zmq.sockets.a.type=pull",
					"zmq.sockets.a.bind=tcp://127.0.0.1:" + port);
		}
	}

	@Test
	void negativeHighWaterMarkFails() {
		assertFailure("zmq.sockets.a.send-high-water-mark", "zmq.sockets.a.type=push", "zmq.sockets.a.bind=inproc://a",
				"zmq.sockets.a.send-high-water-mark=-1");
		assertFailure("zmq.sockets.a.receive-high-water-mark", "zmq.sockets.a.type=pull",
				"zmq.sockets.a.bind=inproc://a", "zmq.sockets.a.receive-high-water-mark=-5");
	}

	@Test
	void topicOnNonSubFails() {
		assertFailure("zmq.sockets.a.topics", "zmq.sockets.a.type=pub", "zmq.sockets.a.bind=inproc://a",
				"zmq.sockets.a.topics=news");
	}

	@Test
	void discoveryEndpointWithoutDiscoveryFailsNamingProperty() {
		assertFailure("zmq.sockets.a.connect[1]", "zmq.sockets.a.type=push",
				"zmq.sockets.a.connect=tcp://127.0.0.1:5999,discovery://workers");
		assertFailure("set zmq.discovery.enabled=true", "zmq.sockets.a.type=push",
				"zmq.sockets.a.connect=discovery://workers");
	}

	@Test
	void awaitSubscribersOnNonPublisherFails() {
		assertFailure("zmq.sockets.a.await-subscribers", "zmq.sockets.a.type=push", "zmq.sockets.a.bind=inproc://a",
				"zmq.sockets.a.await-subscribers=2");
	}

	@Test
	void failedStartLeavesNoSocketOpen() {
		// the first socket opens, the second fails: the first must be closed again
		try (ZContext other = new ZContext(); ZMQ.Socket squatter = other.createSocket(SocketType.PULL)) {
			int port = squatter.bindToRandomPort("tcp://127.0.0.1");
			this.runner
				.withPropertyValues("zmq.sockets.a.type=push", "zmq.sockets.a.bind=tcp://127.0.0.1:0",
						"zmq.sockets.b.type=pull", "zmq.sockets.b.bind=tcp://127.0.0.1:" + port)
				.run((context) -> assertThat(context).hasFailed());
		}
	}

	private void assertFailure(String expected, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (cause != null && !(cause instanceof InvalidZmqSocketSpecException)) {
				cause = cause.getCause();
			}
			assertThat(cause).as("an InvalidZmqSocketSpecException in the cause chain").isNotNull();
			assertThat(cause).hasMessageContaining(expected);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserContext {

		final ZContext context = new ZContext();

		@Bean
		ZContext userZContext() {
			return this.context;
		}

	}

}
