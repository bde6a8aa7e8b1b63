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
package io.github.zmqspring.samples.cloudstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Three applications, each its own Spring context, chained over tcp on 127.0.0.1 through
 * the {@code zmq} binder: {@code orders} (a {@code Supplier}) publishes, {@code price} (a
 * {@code Function}) prices each order and publishes it on, {@code book} (a
 * {@code Consumer}) books it. The supplier publishes exactly the wanted number of orders,
 * and each producer binding awaits its subscriber first ({@code await-peers=1}), so none
 * is lost to ZeroMQ's slow-joiner rule. Bounded: it stops after the wanted number of
 * orders or 60 seconds.
 */
public final class Demo {

	static final BlockingQueue<Order> booked = new LinkedBlockingQueue<>();

	private Demo() {
	}

	/**
	 * Run the chain until the consumer has booked some orders.
	 * @param count how many orders to wait for
	 * @return the booked orders, in arrival order
	 * @throws InterruptedException when interrupted
	 */
	public static List<Order> run(int count) throws InterruptedException {
		booked.clear();
		int orders = freePort();
		int priced = freePort();
		try (ConfigurableApplicationContext book = start(Book.class, "spring.cloud.function.definition=book",
				"spring.cloud.stream.bindings.book-in-0.destination=tcp://127.0.0.1:" + priced);
				ConfigurableApplicationContext price = start(Price.class, "spring.cloud.function.definition=price",
						"spring.cloud.stream.bindings.price-in-0.destination=tcp://127.0.0.1:" + orders,
						"spring.cloud.stream.bindings.price-out-0.destination=tcp://127.0.0.1:" + priced,
						"spring.cloud.stream.zmq.bindings.price-out-0.producer.await-peers=1");
				ConfigurableApplicationContext source = start(Orders.class, "spring.cloud.function.definition=orders",
						"spring.cloud.stream.bindings.orders-out-0.destination=tcp://127.0.0.1:" + orders,
						"spring.cloud.stream.zmq.bindings.orders-out-0.producer.await-peers=1",
						"demo.orders=" + count)) {
			List<Order> result = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (result.size() < count && System.nanoTime() < deadline) {
				Order order = booked.poll(1, TimeUnit.SECONDS);
				if (order != null) {
					result.add(order);
				}
			}
			return result;
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.integration.poller.fixed-delay=100ms");
		all.add("spring.main.banner-mode=off");
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(all.toArray(new String[0]))
			.run();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Orders {

		private final AtomicLong ids = new AtomicLong();

		@Bean
		Supplier<Order> orders(@Value("${demo.orders}") long count) {
			// a supplier that returns null sends nothing: the demo's orders are all
			// published long before the applications stop
			return () -> {
				long id = this.ids.incrementAndGet();
				return (id <= count) ? new Order(id, (id % 2 == 0) ? "tea" : "coffee", (int) (id % 3) + 1, 0) : null;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Price {

		@Bean
		Function<Order, Order> price() {
			return (order) -> new Order(order.id(), order.item(), order.quantity(),
					order.quantity() * (order.item().equals("tea") ? 2.5 : 3.0));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Book {

		@Bean
		Consumer<Order> book() {
			return booked::add;
		}

	}

}
