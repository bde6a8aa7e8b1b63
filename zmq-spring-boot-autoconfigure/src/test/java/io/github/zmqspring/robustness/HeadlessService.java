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
package io.github.zmqspring.robustness;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.zeromq.SocketType;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The service of the issue, as a new user writes it from the README: three
 * {@code @ZmqListener}s (REP, PULL, ROUTER) with default settings and no web server. Run
 * as a separate JVM by {@link ForkedService}: {@code main} returns once the application
 * has started, so only the library's keep-alive holds the JVM. It prints
 * {@code ENDPOINT <listener> <endpoint>} for each listener when ready and
 * {@code PULLED <payload>} for each message its PULL listener receives.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class HeadlessService {

	private final ZmqSocketManager sockets;

	HeadlessService(ZmqSocketManager sockets) {
		this.sockets = sockets;
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(HeadlessService.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@EventListener(ApplicationReadyEvent.class)
	void printEndpoints() {
		for (String id : new String[] { "rep", "pull", "router" }) {
			this.sockets.getBoundEndpoints(id)
				.stream()
				.findFirst()
				.ifPresent((endpoint) -> System.out.println("ENDPOINT " + id + " " + endpoint));
		}
		System.out.flush();
	}

	@ZmqListener(id = "rep", type = SocketType.REP, bind = "tcp://127.0.0.1:0",
			autoStartup = "${listeners.auto-startup:true}")
	String rep(String request) {
		return "rep:" + request;
	}

	@ZmqListener(id = "pull", type = SocketType.PULL, bind = "tcp://127.0.0.1:0",
			autoStartup = "${listeners.auto-startup:true}")
	void pull(String message) {
		System.out.println("PULLED " + message);
		System.out.flush();
	}

	@ZmqListener(id = "router", type = SocketType.ROUTER, bind = "tcp://127.0.0.1:0",
			autoStartup = "${listeners.auto-startup:true}")
	String router(String request) {
		return "router:" + request;
	}

}
