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
package io.github.zmqspring.samples.secure;

import java.time.Duration;

import io.github.zmqspring.TestPorts;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.samples.secure.SecurePingPongApplication.Ping;
import io.github.zmqspring.samples.secure.SecurePingPongApplication.Pong;
import io.github.zmqspring.security.ZmqCurveKeys;
import io.github.zmqspring.security.ZmqKeyPair;
import io.github.zmqspring.security.ZmqKeyTool;
import io.github.zmqspring.security.ZmqSocketSecurity;
import io.github.zmqspring.security.ZmqZapHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The secured ping-pong end to end: pings over CURVE are answered; a client with a key
 * the server does not know is refused by the ZAP handler and never reaches the listener.
 */
class SecurePingPongApplicationTests {

	@Test
	@Timeout(60)
	void pingsOverCurveArePongedAndUnknownKeysRefused() throws Exception {
		int port = TestPorts.free();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecurePingPongApplication.class).run(
				"--secure-ping-pong.pings=0", "--secure-ping-pong.port=" + port,
				"--zmq.template.request-timeout=20s")) {
			ZmqTemplate template = context.getBean(ZmqTemplate.class);
			Pong pong = template.request("pinger", new Ping(7, "ping"), Pong.class);
			assertThat(pong).isEqualTo(new Pong(7, "pong"));
			SecurePingPongApplication.PongServer server = context.getBean(SecurePingPongApplication.PongServer.class);
			assertThat(server.getServed()).isEqualTo(1);
			ZmqSocketSecurity pinger = context.getBean(ZmqSocketManager.class).getSpec("pinger").getSecurity();
			// a stranger with its own key pair and the server's public key
			ZmqKeyPair stranger = ZmqKeyTool.generate();
			try (ZContext other = new ZContext()) {
				ZMQ.Socket dealer = other.createSocket(SocketType.DEALER);
				dealer.setCurveServerKey(ZmqCurveKeys.decode(pinger.getServerKey()));
				dealer.setCurvePublicKey(ZmqCurveKeys.decode(stranger.getPublicKey()));
				dealer.setCurveSecretKey(ZmqCurveKeys.decode(stranger.getSecretKey()));
				dealer.setLinger(0);
				// JeroMQ leaves a few lone connections stuck in the handshake; 1 s
				// redials them
				// (docs/reliability.md)
				dealer.setHandshakeIvl(1000);
				dealer.connect("tcp://127.0.0.1:" + port);
				dealer.send("{\"seq\":8,\"text\":\"ping\"}");
				ZmqZapHandler zap = context.getBean(ZmqZapHandler.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> zap.getRefused() > 0);
				dealer.setReceiveTimeOut(500);
				assertThat(dealer.recv()).isNull();
			}
			assertThat(server.getServed()).isEqualTo(1);
		}
	}

}
