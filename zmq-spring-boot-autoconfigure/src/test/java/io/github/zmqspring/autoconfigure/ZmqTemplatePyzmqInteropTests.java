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

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.Pyzmq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ZmqTemplate} against native libzmq: a pyzmq PULL socket receives what the
 * template pushes, byte for byte.
 */
@Timeout(60)
class ZmqTemplatePyzmqInteropTests {

	private static final String PYTHON = Pyzmq.PYTHON;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class));

	@BeforeAll
	static void pyzmqIsAvailable() {
		Pyzmq.assumeAvailable();
	}

	@Test
	void pyzmqPullReceivesExactBytes() throws Exception {
		JsonMapper jsonMapper = JsonMapper.builder().build();
		List<byte[]> expected = new ArrayList<>();
		List<Object> payloads = new ArrayList<>();
		byte[] allBytes = new byte[256];
		for (int i = 0; i < allBytes.length; i++) {
			allBytes[i] = (byte) i;
		}
		payloads.add(allBytes);
		expected.add(allBytes);
		payloads.add(new byte[0]);
		expected.add(new byte[0]);
		payloads.add("gr\u00fc\u00dfe \u2603 \uD83D\uDE80");
		expected.add("gr\u00fc\u00dfe \u2603 \uD83D\uDE80".getBytes(StandardCharsets.UTF_8));
		ZmqTemplateIntegrationTests.Order order = new ZmqTemplateIntegrationTests.Order("o-9", 42, "\u00e9t\u00e9");
		payloads.add(order);
		expected.add(jsonMapper.writeValueAsBytes(order));
		byte[] large = new byte[300_000];
		for (int i = 0; i < large.length; i++) {
			large[i] = (byte) (i * 31);
		}
		payloads.add(large);
		expected.add(large);
		for (int i = 0; i < 1000; i++) {
			payloads.add("message-" + i);
			expected.add(("message-" + i).getBytes(StandardCharsets.UTF_8));
		}
		this.runner.withBean(JsonMapper.class, () -> jsonMapper)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.bind=tcp://127.0.0.1:0",
					"zmq.sockets.out.await-peers=1")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				String endpoint = context.getBean(ZmqSocketManager.class).getBoundEndpoints("out").get(0);
				Process python = new ProcessBuilder(PYTHON, script(), endpoint, String.valueOf(payloads.size()))
					.redirectError(ProcessBuilder.Redirect.INHERIT)
					.start();
				try (BufferedReader out = new BufferedReader(
						new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
					assertThat(out.readLine()).startsWith("ready");
					for (Object payload : payloads) {
						template.send("out", payload);
					}
					HexFormat hex = HexFormat.of();
					for (int i = 0; i < expected.size(); i++) {
						String line = out.readLine();
						assertThat(line).as("message %d", i).isNotNull();
						assertThat(hex.parseHex(line.trim())).as("message %d", i).isEqualTo(expected.get(i));
					}
					assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
					assertThat(python.exitValue()).isZero();
				}
				finally {
					python.destroyForcibly();
				}
			});
	}

	private static String script() throws URISyntaxException {
		return new File(ZmqTemplatePyzmqInteropTests.class.getResource("/interop/pull_hex.py").toURI())
			.getAbsolutePath();
	}

}
