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
package io.github.zmqspring.samples.remotelogging;

import io.github.zmqspring.TestPorts;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregator receives exactly the topics it subscribed to, from both publishers.
 */
class RemoteLoggingApplicationTests {

	@Test
	@Timeout(60)
	void aggregatorGetsSubscribedTopicsOnly() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RemoteLoggingApplication.class)
			// command-line arguments: they override application.yml, default properties
			// do not
			.run("--logging-demo.rounds=0", "--logging-demo.orders-port=" + TestPorts.free(),
					"--logging-demo.billing-port=" + TestPorts.free())) {
			Aggregator.Summary summary = RemoteLoggingApplication.publish(context.getBean(ZmqTemplate.class),
					context.getBean(Aggregator.class), 50);
			assertThat(summary.complete()).isTrue();
			assertThat(summary.perTopic()).containsOnlyKeys("orders.INFO", "orders.WARN", "billing.ERROR")
				.allSatisfy((topic, count) -> assertThat(count).isEqualTo(50));
		}
	}

}
