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
package io.github.zmqspring.samples.quickstart;

import io.github.zmqspring.TestPorts;
import io.github.zmqspring.core.ZmqOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart app starts, its declared sockets pass messages over tcp loopback.
 */
class QuickstartApplicationTests {

	@Test
	@Timeout(60)
	void exchangesMessagesOverTcp() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QuickstartApplication.class)
			// a command-line argument: it overrides application.yml, a default property
			// does not
			.run("--demo.port=" + TestPorts.free())) {
			assertThat(QuickstartApplication.exchange(context.getBean(ZmqOperations.class), 3))
				.containsExactly("message 1", "message 2", "message 3");
		}
	}

}
