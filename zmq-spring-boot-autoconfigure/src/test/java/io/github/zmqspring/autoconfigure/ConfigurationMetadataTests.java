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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
		assertThat(descriptions.keySet()).containsAll(socketProperties);
		assertThat(descriptions).containsKeys("zmq.context.io-threads", "zmq.context.linger", "zmq.context.max-sockets",
				"zmq.context.ipv6", "zmq.template.send-timeout", "zmq.template.observation-enabled",
				"zmq.listener.observation-enabled", "zmq.backlog.threshold", "zmq.backlog.period");
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
