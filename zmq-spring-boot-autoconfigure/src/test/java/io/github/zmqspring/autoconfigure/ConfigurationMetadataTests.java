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

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.zmqspring.core.socket.ZmqSocketOption;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata documents every {@code zmq.*} property, including
 * every property of a declared socket.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasDescription() throws Exception {
		Map<String, String> descriptions = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata on the classpath").isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(in);
			for (JsonNode property : root.get("properties")) {
				descriptions.put(property.get("name").asString(),
						property.has("description") ? property.get("description").asString() : "");
			}
		}
		assertThat(descriptions).isNotEmpty();
		descriptions.forEach((name, description) -> {
			// the processor documents the zmq actuator endpoint's access property too
			assertThat(name).matches("zmq\\..+|management\\.endpoint\\.zmq\\..+");
			assertThat(description).as("description of " + name).isNotBlank();
		});
		Set<String> socketProperties = new TreeSet<>();
		for (PropertyDescriptor descriptor : Introspector.getBeanInfo(ZmqProperties.Socket.class, Object.class)
			.getPropertyDescriptors()) {
			socketProperties.add("zmq.sockets.*." + kebab(descriptor.getName()));
		}
		// a nested group (curve, plain) is documented through its properties
		socketProperties.forEach((property) -> assertThat(descriptions.keySet())
			.anyMatch((name) -> name.equals(property) || name.startsWith(property + ".")));
		assertThat(descriptions).containsKeys("zmq.context.io-threads", "zmq.context.linger", "zmq.context.max-sockets",
				"zmq.context.ipv6", "zmq.template.send-timeout", "zmq.template.observation-enabled",
				"zmq.listener.observation-enabled", "zmq.backlog.threshold", "zmq.backlog.period");
	}

	@Test
	void everySocketOptionIsDocumentedOnDeclaredSocketsAndBothProxySides() throws Exception {
		Map<String, JsonNode> properties = metadata();
		for (ZmqSocketOption<?> option : ZmqSocketOption.values()) {
			JsonNode socket = properties.get("zmq.sockets.*." + option.getName());
			assertThat(socket).as("zmq.sockets.*." + option.getName()).isNotNull();
			assertThat(socket.get("type").asString()).as("type of zmq.sockets.*." + option.getName())
				.isEqualTo(option.getType().getName());
			for (String side : List.of("frontend", "backend")) {
				String name = "zmq.proxies.*." + side + "." + option.getName();
				JsonNode entry = properties.get(name);
				assertThat(entry).as(name).isNotNull();
				assertThat(entry.get("type").asString()).as("type of " + name).isEqualTo(option.getType().getName());
				assertThat(entry.get("description").asString()).as("description of " + name)
					.isEqualTo(socket.get("description").asString());
			}
		}
		// and nothing documented that is not an option or a property of its own
		Set<String> sideProperties = new TreeSet<>();
		for (PropertyDescriptor descriptor : Introspector.getBeanInfo(ZmqProperties.Proxy.Side.class, Object.class)
			.getPropertyDescriptors()) {
			sideProperties.add(kebab(descriptor.getName()));
		}
		properties.keySet()
			.stream()
			.filter((name) -> name.startsWith("zmq.proxies.*.frontend.") || name.startsWith("zmq.proxies.*.backend."))
			.forEach((name) -> assertThat(sideProperties).contains(name.substring(name.lastIndexOf('.') + 1)));
	}

	@Test
	void listenerDefaultsAreDocumented() throws Exception {
		Map<String, JsonNode> properties = metadata();
		assertThat(properties.get("zmq.listener.concurrency").get("defaultValue").asInt()).isEqualTo(1);
		assertThat(properties.get("zmq.listener.queue-capacity").get("defaultValue").asInt()).isEqualTo(1000);
		assertThat(properties.get("zmq.listener.start-timeout").get("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties).containsKeys("zmq.listener.error-reply-detail", "zmq.listener.observation-enabled");
	}

	private Map<String, JsonNode> metadata() throws Exception {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				properties.put(property.get("name").asString(), property);
			}
		}
		return properties;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
