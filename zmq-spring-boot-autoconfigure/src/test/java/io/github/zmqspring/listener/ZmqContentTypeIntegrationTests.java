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
package io.github.zmqspring.listener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.autoconfigure.ZmqAutoConfiguration;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Choosing the format per socket, per listener and per message: CBOR where a socket, a
 * listener or a message's content type says so, JSON otherwise, on real sockets.
 */
@Timeout(60)
class ZmqContentTypeIntegrationTests {

	record Order(String id, int quantity) {
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class));

	@Test
	void socketContentTypePicksCborForSendsAndTheListenerAttributeReadsIt() {
		this.runner.withUserConfiguration(CborListeners.class)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=inproc://cbor-in",
					"zmq.sockets.out.content-type=application/cbor")
			.run((context) -> {
				context.getBean(ZmqTemplate.class).send("out", new Order("c-1", 4));
				CborListeners listeners = context.getBean(CborListeners.class);
				assertThat(listeners.orders.poll(10, TimeUnit.SECONDS)).isEqualTo(new Order("c-1", 4));
				byte[] raw = listeners.raw.poll(10, TimeUnit.SECONDS);
				assertThat(new CBORMapper().readValue(raw, Order.class)).isEqualTo(new Order("c-1", 4));
				assertThat(raw[0]).as("a CBOR map, not JSON text").isNotEqualTo((byte) '{');
			});
	}

	@Test
	void cborRequestAndReplyBetweenADeclaredDealerAndAListener() {
		this.runner.withUserConfiguration(CborListeners.class)
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://cbor-rep",
					"zmq.sockets.client.content-type=application/cbor")
			.run((context) -> assertThat(
					context.getBean(ZmqTemplate.class).request("client", new Order("r-1", 2), Order.class))
				.isEqualTo(new Order("r-1-confirmed", 20)));
	}

	@Test
	void genericCborRepliesGoThroughTheConverter() {
		this.runner.withUserConfiguration(CborListeners.class)
			.withPropertyValues("zmq.sockets.client.type=dealer", "zmq.sockets.client.connect=inproc://cbor-list",
					"zmq.sockets.client.content-type=application/cbor")
			.run((context) -> assertThat(context.getBean(ZmqTemplate.class)
				.request("client", new Order("g-1", 2),
						new org.springframework.core.ParameterizedTypeReference<java.util.List<Order>>() {
						}, java.time.Duration.ofSeconds(10)))
				.containsExactly(new Order("g-1", 2), new Order("g-1", 2)));
	}

	@Test
	void aMessageNamingCborIsReadAsCborByAListenerWithoutSettings() {
		this.runner.withUserConfiguration(CborListeners.class)
			.withPropertyValues("zmq.sockets.out.type=push", "zmq.sockets.out.connect=inproc://any-in")
			.run((context) -> {
				ZmqTemplate template = context.getBean(ZmqTemplate.class);
				template.send("out",
						MessageBuilder.withPayload(new Order("m-1", 1))
							.setHeader(MessageHeaders.CONTENT_TYPE, "application/cbor")
							.build());
				template.send("out", new Order("j-1", 1));
				CborListeners listeners = context.getBean(CborListeners.class);
				assertThat(listeners.any.poll(10, TimeUnit.SECONDS)).isEqualTo("m-1 as application/cbor");
				assertThat(listeners.any.poll(10, TimeUnit.SECONDS)).isEqualTo("j-1 as none");
			});
	}

	@Test
	void aPlainPeerSendingCborToACborListener() {
		this.runner.withUserConfiguration(CborListeners.class).run((context) -> {
			// inproc peers share the application's context
			ZContext zmq = context.getBean(ZContext.class);
			ZMQ.Socket push = zmq.createSocket(SocketType.PUSH);
			try {
				push.connect("inproc://cbor-in");
				push.send(new CBORMapper().writeValueAsBytes(new Order("p-1", 9)));
				assertThat(context.getBean(CborListeners.class).orders.poll(10, TimeUnit.SECONDS))
					.isEqualTo(new Order("p-1", 9));
			}
			finally {
				zmq.destroySocket(push);
			}
		});
	}

	@Test
	void badContentTypesFailNamingTheProperty() {
		this.runner
			.withPropertyValues("zmq.sockets.a.type=push", "zmq.sockets.a.bind=inproc://a",
					"zmq.sockets.a.content-type=not a type")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("zmq.sockets.a.content-type"));
		this.runner.withUserConfiguration(BadContentType.class)
			.run((context) -> assertThat(context).getFailure().hasMessageContaining(".contentType 'nonsense'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CborListeners {

		final BlockingQueue<Order> orders = new LinkedBlockingQueue<>();

		final BlockingQueue<byte[]> raw = new LinkedBlockingQueue<>();

		final BlockingQueue<String> any = new LinkedBlockingQueue<>();

		@ZmqListener(type = SocketType.PULL, bind = "inproc://cbor-in", contentType = "application/cbor")
		void onOrder(Order order, org.zeromq.ZMsg frames) {
			this.raw.add(frames.getLast().getData());
			this.orders.add(order);
		}

		@ZmqListener(type = SocketType.REP, bind = "inproc://cbor-rep", contentType = "application/cbor")
		Order confirm(Order order) {
			return new Order(order.id() + "-confirmed", order.quantity() * 10);
		}

		@ZmqListener(type = SocketType.REP, bind = "inproc://cbor-list", contentType = "application/cbor")
		java.util.List<Order> twice(Order order) {
			return java.util.List.of(order, order);
		}

		@ZmqListener(type = SocketType.PULL, bind = "inproc://any-in")
		void onAny(Order order,
				@org.springframework.messaging.handler.annotation.Header(name = MessageHeaders.CONTENT_TYPE,
						required = false) Object contentType) {
			this.any.add(order.id() + " as " + ((contentType != null) ? contentType : "none"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadContentType {

		@ZmqListener(type = SocketType.PULL, bind = "inproc://bad", contentType = "nonsense")
		void on(String text) {
		}

	}

}
