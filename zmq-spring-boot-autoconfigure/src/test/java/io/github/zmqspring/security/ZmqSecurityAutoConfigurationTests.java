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
package io.github.zmqspring.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.autoconfigure.ZmqSecurityAutoConfiguration;
import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start-up checks of the security settings (each failure names its property), the
 * back-off of our beans, the key tool, and proof that secrets never reach logs,
 * exceptions, {@code toString()} or the actuator.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZmqSecurityAutoConfigurationTests {

	static final ZmqKeyPair SERVER = ZmqKeyTool.generate();

	static final ZmqKeyPair CLIENT = ZmqKeyTool.generate();

	final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class, ZmqSecurityAutoConfiguration.class));

	static String[] server(String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of("zmq.sockets.rpc.type=router",
				"zmq.sockets.rpc.bind=tcp://127.0.0.1:0", "zmq.sockets.rpc.curve.server=true"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private void failsNaming(String property, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (!(failure instanceof InvalidZmqSocketSpecException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(InvalidZmqSocketSpecException.class);
			assertThat(((InvalidZmqSocketSpecException) failure).getProperty()).isEqualTo(property);
			assertThat(failure.getMessage()).contains(property).doesNotContain(SERVER.getSecretKey());
		});
	}

	@Test
	void curveServerWithoutAllowListFailsNamingTheProperty() {
		failsNaming("zmq.sockets.rpc.curve.allowed-keys",
				server("zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
						"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey()));
	}

	@Test
	void keyOfWrongLengthFails() {
		failsNaming("zmq.sockets.rpc.curve.secret-key",
				server("zmq.security.curve.allow-any=true", "zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
						"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey().substring(1)));
	}

	@Test
	void keyThatIsNotZ85Fails() {
		failsNaming("zmq.sockets.rpc.curve.public-key",
				server("zmq.security.curve.allow-any=true",
						"zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey().substring(1) + "~",
						"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey()));
	}

	@Test
	void secretKeyWithoutItsPublicKeyFails() {
		failsNaming("zmq.sockets.rpc.curve.public-key", server("zmq.security.curve.allow-any=true",
				"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey()));
	}

	@Test
	void publicKeyOfAnotherPairFails() {
		failsNaming("zmq.sockets.rpc.curve.public-key",
				server("zmq.security.curve.allow-any=true", "zmq.sockets.rpc.curve.public-key=" + CLIENT.getPublicKey(),
						"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey()));
	}

	@Test
	void malformedAllowedKeyFails() {
		failsNaming("zmq.security.curve.allowed-keys[1]",
				server("zmq.security.curve.allowed-keys=" + CLIENT.getPublicKey() + ",short",
						"zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
						"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey()));
	}

	@Test
	void curveClientWithoutServerKeyFails() {
		failsNaming("zmq.sockets.c.curve.server-key", "zmq.sockets.c.type=dealer",
				"zmq.sockets.c.connect=tcp://127.0.0.1:5999", "zmq.sockets.c.curve.public-key=" + CLIENT.getPublicKey(),
				"zmq.sockets.c.curve.secret-key=" + CLIENT.getSecretKey());
	}

	@Test
	void plainServerWithoutUsersFails() {
		failsNaming("zmq.security.plain.users", "zmq.sockets.rpc.type=router", "zmq.sockets.rpc.bind=tcp://127.0.0.1:0",
				"zmq.sockets.rpc.plain.server=true");
	}

	@Test
	void curveAndPlainTogetherFail() {
		failsNaming("zmq.sockets.rpc.plain", server("zmq.sockets.rpc.plain.username=alice"));
	}

	@Test
	void malformedAddressRangeFails() {
		failsNaming("zmq.security.denied-addresses[0]", "zmq.security.denied-addresses=10.0.0.0/33");
	}

	@Test
	void certificateWithBothKeysIsUsed(@TempDir Path directory) throws Exception {
		ZmqCertificates.write(SERVER, directory, "server");
		this.runner
			.withPropertyValues(server("zmq.security.curve.allow-any=true",
					"zmq.sockets.rpc.curve.certificate=file:" + directory.resolve("server.key_secret")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ZmqSocketManager.class).getSpec("rpc").getSecurity().getPublicKey())
					.isEqualTo(SERVER.getPublicKey());
			});
	}

	@Test
	void publicCertificateForAServerFails(@TempDir Path directory) throws Exception {
		ZmqCertificates.write(SERVER, directory, "server");
		failsNaming("zmq.sockets.rpc.curve.certificate", server("zmq.security.curve.allow-any=true",
				"zmq.sockets.rpc.curve.certificate=file:" + directory.resolve("server.key")));
	}

	@Test
	void zapHandlerBacksOffForTheApplicationsOwn() {
		try (ZContext own = new ZContext()) {
			this.runner
				.withBean("myZap", ZmqZapHandler.class, () -> new ZmqZapHandler(own, ZmqZapPolicy.builder().build()))
				.run((context) -> assertThat(context).getBeans(ZmqZapHandler.class).containsOnlyKeys("myZap"));
		}
	}

	@Test
	void factoryWithoutARunningZapHandlerRefusesACurveServer() {
		try (ZContext context = new ZContext()) {
			ZmqSocketFactory factory = new ZmqSocketFactory(context);
			ZmqSocketSpec spec = ZmqSocketSpec.builder("rpc", "zmq.sockets.rpc")
				.type(SocketType.ROUTER)
				.bind(List.of("tcp://127.0.0.1:0"))
				.security(ZmqSocketSecurity.curve("zmq.sockets.rpc.curve")
					.server(true)
					.allowAny(true)
					.publicKey(SERVER.getPublicKey())
					.secretKey(SERVER.getSecretKey()))
				.build();
			assertThatExceptionOfType(InvalidZmqSocketSpecException.class).isThrownBy(() -> factory.open(spec))
				.withMessageContaining("zmq.sockets.rpc.curve.server")
				.withMessageContaining("no ZAP handler");
			ZmqZapHandler stopped = new ZmqZapHandler(context, ZmqZapPolicy.builder().build());
			factory.setZapHandler(stopped);
			assertThatExceptionOfType(InvalidZmqSocketSpecException.class).isThrownBy(() -> factory.open(spec))
				.withMessageContaining("no ZAP handler");
		}
	}

	@Test
	void secretsNeverReachActuatorLogsExceptionsOrToString(CapturedOutput output) {
		String password = "pl41n-p4ssw0rd-never-shown";
		String userPassword = "us3r-p4ssw0rd-never-shown";
		String discoverySecret = "d1sc0very-s3cret-never-shown";
		this.runner
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues(server("zmq.security.curve.allowed-keys=" + CLIENT.getPublicKey(),
					"zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
					"zmq.sockets.rpc.curve.secret-key=" + SERVER.getSecretKey(), "zmq.sockets.c.type=dealer",
					"zmq.sockets.c.connect=tcp://127.0.0.1:5999",
					"zmq.sockets.c.curve.server-key=" + SERVER.getPublicKey(),
					"zmq.sockets.c.curve.public-key=" + CLIENT.getPublicKey(),
					"zmq.sockets.c.curve.secret-key=" + CLIENT.getSecretKey(), "zmq.sockets.p.type=dealer",
					"zmq.sockets.p.connect=tcp://127.0.0.1:5998", "zmq.sockets.p.plain.username=bob",
					"zmq.sockets.p.plain.password=" + password, "zmq.security.plain.users.alice=" + userPassword,
					"zmq.discovery.secret=" + discoverySecret, "management.endpoint.configprops.show-values=always",
					"management.endpoint.env.show-values=always", "management.endpoints.web.exposure.include=*",
					"management.endpoints.jmx.exposure.include=*"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JsonMapper json = JsonMapper.builder().build();
				String configprops = json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				// shown, so the check below means something
				assertThat(configprops).contains(SERVER.getPublicKey()).contains("******");
				assertThat(env).contains(SERVER.getPublicKey());
				ZmqSocketManager manager = context.getBean(ZmqSocketManager.class);
				String strings = manager.getSpec("rpc").getSecurity() + " " + manager.getSpec("c").getSecurity() + " "
						+ manager.getSpec("p").getSecurity() + " " + manager.getSpec("rpc") + " "
						+ context.getBean(io.github.zmqspring.autoconfigure.ZmqProperties.class).getSockets();
				for (String secret : List.of(SERVER.getSecretKey(), CLIENT.getSecretKey(), password, userPassword,
						discoverySecret)) {
					assertThat(configprops).doesNotContain(secret);
					assertThat(env).doesNotContain(secret);
					assertThat(strings).doesNotContain(secret);
				}
			});
		// a malformed secret key: the exception names the property, never the value
		String almostSecret = SERVER.getSecretKey().substring(0, 39) + "~";
		this.runner
			.withPropertyValues(server("zmq.security.curve.allow-any=true",
					"zmq.sockets.rpc.curve.public-key=" + SERVER.getPublicKey(),
					"zmq.sockets.rpc.curve.secret-key=" + almostSecret))
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (failure != null) {
					assertThat(String.valueOf(failure.getMessage())).doesNotContain(almostSecret);
					failure = failure.getCause();
				}
			});
		for (String secret : List.of(SERVER.getSecretKey(), CLIENT.getSecretKey(), password, userPassword,
				discoverySecret, almostSecret)) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	@Test
	void keyToolPrintsAndWritesCertificatesThatReadBack(@TempDir Path directory) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(ZmqKeyTool.run(new String[] { "generate" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)))
			.isZero();
		ZmqKeyPair printed = ZmqCertificates.parse(out.toByteArray(), "stdout");
		assertThat(printed.hasSecretKey()).isTrue();
		out.reset();
		assertThat(ZmqKeyTool.run(new String[] { "generate", directory.toString(), "server" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
			.isZero();
		ZmqKeyPair secret = ZmqCertificates.read(directory.resolve("server.key_secret"));
		assertThat(ZmqCertificates.read(directory.resolve("server.key")))
			.isEqualTo(new ZmqKeyPair(secret.getPublicKey(), null));
		assertThat(out.toString(StandardCharsets.UTF_8)).contains(secret.getPublicKey())
			.doesNotContain(secret.getSecretKey());
		assertThat(ZmqKeyTool.run(new String[] { "nonsense" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)))
			.isEqualTo(2);
	}

	@Test
	void cidrRangesMatch() {
		assertThat(ZmqCidr.parse("10.0.0.0/8").matches("10.200.3.4")).isTrue();
		assertThat(ZmqCidr.parse("10.0.0.0/8").matches("11.0.0.1")).isFalse();
		assertThat(ZmqCidr.parse("192.168.1.128/25").matches("192.168.1.129")).isTrue();
		assertThat(ZmqCidr.parse("192.168.1.128/25").matches("192.168.1.127")).isFalse();
		assertThat(ZmqCidr.parse("127.0.0.1").matches("127.0.0.1")).isTrue();
		assertThat(ZmqCidr.parse("::1/128").matches("::1")).isTrue();
		assertThat(ZmqCidr.parse("10.0.0.0/8").matches("::ffff:10.1.2.3")).isTrue();
		assertThat(ZmqCidr.parse("10.0.0.0/8").matches("not-an-address")).isFalse();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ZmqCidr.parse("example.com"));
	}

}
