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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real HTTP against the actuator of a running application: the {@code zmq} health
 * component, the {@code zmq} endpoint, the meters, and listeners stopped, started and
 * re-subscribed over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZmqActuatorIntegrationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext context;

	private String base;

	@BeforeAll
	void start() {
		this.context = new SpringApplicationBuilder(App.class)
			.properties("server.port=0", "server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=health,zmq,metrics",
					"management.endpoint.health.show-details=always", "spring.main.banner-mode=off",
					"zmq.sockets.jobs.type=push", "zmq.sockets.jobs.bind=inproc://actuator-jobs",
					"zmq.sockets.news.type=pub", "zmq.sockets.news.bind=inproc://actuator-news",
					"zmq.sockets.intake.type=pull", "zmq.sockets.intake.bind=tcp://127.0.0.1:0")
			.run();
		this.base = "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void healthIsUpWithSocketsAndListeners() throws Exception {
		HttpResponse<String> response = get("/actuator/health/zmq");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = this.json.readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode details = health.path("details");
		assertThat(details.path("sockets").path("jobs").path("type").asString()).isEqualTo("PUSH");
		assertThat(details.path("sockets").path("intake").path("bound").get(0).asString())
			.startsWith("tcp://127.0.0.1:");
		assertThat(details.path("listeners").path("jobs-worker").path("running").asBoolean()).isTrue();
		assertThat(details.path("listeners").path("jobs-worker").has("received")).isTrue();
		assertThat(details.path("listeners").path("jobs-worker").has("errors")).isTrue();
		assertThat(details.has("services")).isTrue();
	}

	@Test
	void theEndpointShowsSocketsWithTheirPeers() throws Exception {
		String intake = this.context.getBean(ZmqSocketManager.class).getBoundEndpoints("intake").get(0);
		try (ZContext peer = new ZContext(); ZMQ.Socket push = peer.createSocket(SocketType.PUSH)) {
			push.setHandshakeIvl(1000);
			push.connect(intake);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				JsonNode zmq = this.json.readTree(get("/actuator/zmq").body());
				assertThat(zmq.path("sockets").path("intake").path("peers").asInt()).isEqualTo(1);
			});
		}
		JsonNode zmq = this.json.readTree(get("/actuator/zmq").body());
		assertThat(zmq.path("sockets").path("news").path("type").asString()).isEqualTo("PUB");
		assertThat(zmq.path("listeners").path("news-reader").path("topics").get(0).asString()).isEqualTo("a.");
		assertThat(zmq.path("listeners").path("jobs-worker").path("type").asString()).isEqualTo("PULL");
		assertThat(zmq.has("services")).isTrue();
		HttpResponse<String> one = get("/actuator/zmq/listeners/jobs-worker");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(one.body()).path("socket").asString()).isEqualTo("jobs-worker");
		assertThat(get("/actuator/zmq/listeners/nobody").statusCode()).isEqualTo(404);
	}

	@Test
	void metersCountWhatWasSentAndReceived() throws Exception {
		ZmqTemplate template = this.context.getBean(ZmqTemplate.class);
		App app = this.context.getBean(App.class);
		for (int i = 0; i < 3; i++) {
			template.send("jobs", "job-" + i);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(app.jobs.poll(20, TimeUnit.SECONDS)).isNotNull();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(measurement("/actuator/metrics/zmq.messages.received?tag=listener:jobs-worker"))
				.isGreaterThanOrEqualTo(3);
			assertThat(measurement("/actuator/metrics/zmq.messages.sent?tag=socket:jobs")).isGreaterThanOrEqualTo(3);
		});
		assertThat(get("/actuator/metrics/zmq.listener.backlog?tag=listener:jobs-worker").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics/zmq.socket.pending?tag=socket:jobs").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics/zmq.socket.subscriptions?tag=socket:news").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/metrics/zmq.listener.errors").statusCode()).isEqualTo(200);
	}

	@Test
	void aListenerIsStoppedAndStartedOverHttp() throws Exception {
		HttpResponse<String> stopped = post("/actuator/zmq/listeners/jobs-worker", "{\"action\":\"stop\"}");
		assertThat(stopped.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(stopped.body()).path("running").asBoolean()).isFalse();
		JsonNode zmq = this.json.readTree(get("/actuator/zmq").body());
		assertThat(zmq.path("listeners").path("jobs-worker").path("running").asBoolean()).isFalse();
		HttpResponse<String> started = post("/actuator/zmq/listeners/jobs-worker/start", "{}");
		assertThat(started.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(started.body()).path("running").asBoolean()).isTrue();
		this.context.getBean(ZmqTemplate.class).send("jobs", "after restart");
		App app = this.context.getBean(App.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> "after restart".equals(app.jobs.poll(1, TimeUnit.SECONDS)));
		HttpResponse<String> stoppedAgain = post("/actuator/zmq/listeners/jobs-worker", "{\"running\":false}");
		assertThat(this.json.readTree(stoppedAgain.body()).path("running").asBoolean()).isFalse();
		HttpResponse<String> startedAgain = post("/actuator/zmq/listeners/jobs-worker", "{\"running\":true}");
		assertThat(this.json.readTree(startedAgain.body()).path("running").asBoolean()).isTrue();
		assertThat(post("/actuator/zmq/listeners/jobs-worker", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
		assertThat(post("/actuator/zmq/listeners/nobody", "{\"action\":\"stop\"}").statusCode()).isEqualTo(404);
	}

	@Test
	void aSubListenerIsSubscribedAtRunTime() throws Exception {
		ZmqTemplate template = this.context.getBean(ZmqTemplate.class);
		App app = this.context.getBean(App.class);
		HttpResponse<String> subscribed = post("/actuator/zmq/listeners/news-reader",
				"{\"action\":\"subscribe\",\"topic\":\"b.\"}");
		assertThat(subscribed.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(subscribed.body()).path("topics").toString()).contains("a.", "b.");
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			template.publish("news", "b.x", "late news");
			return "b.x:late news".equals(app.news.poll(200, TimeUnit.MILLISECONDS));
		});
		HttpResponse<String> unsubscribed = post("/actuator/zmq/listeners/news-reader/unsubscribe",
				"{\"topics\":\"b.\"}");
		assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
		assertThat(this.json.readTree(unsubscribed.body()).path("topics").toString()).contains("a.")
			.doesNotContain("b.");
		assertThat(
				post("/actuator/zmq/listeners/jobs-worker", "{\"action\":\"subscribe\",\"topic\":\"x\"}").statusCode())
			.isEqualTo(400);
	}

	private double measurement(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return this.json.readTree(response.body()).path("measurements").get(0).path("value").asDouble();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();

		final BlockingQueue<String> news = new LinkedBlockingQueue<>();

		@ZmqListener(id = "jobs-worker", type = SocketType.PULL, connect = "inproc://actuator-jobs")
		void work(String job) {
			this.jobs.add(job);
		}

		@ZmqListener(id = "news-reader", type = SocketType.SUB, connect = "inproc://actuator-news", topics = "a.")
		void news(String news, @Header(ZmqHeaders.TOPIC) String topic) {
			this.news.add(topic + ":" + news);
		}

		@ZmqListener(socket = "intake")
		void intake(String ignored) {
		}

	}

}
