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
package io.github.zmqspring.samples.integration;

import io.github.zmqspring.TestPorts;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.samples.integration.LogAggregationApplication.Result;
import io.github.zmqspring.samples.integration.LogAggregationApplication.Summary;
import io.github.zmqspring.samples.integration.LogAggregationApplication.SummaryLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow keeps WARN and ERROR, summarizes them per service in windows of 5, and
 * publishes the summaries, which a pyzmq subscriber receives.
 */
class LogAggregationApplicationTests {

	@Test
	@Timeout(120) // a Boot application with Spring Integration starts in 25 s on a loaded
					// 2-core machine
	void flowPublishesWindowedSummariesPerService() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LogAggregationApplication.class).run(
				"--log-aggregation.rounds=0", "--log-aggregation.orders-port=" + TestPorts.free(),
				"--log-aggregation.billing-port=" + TestPorts.free(),
				"--log-aggregation.summaries-port=" + TestPorts.free())) {
			Result result = LogAggregationApplication.run(context.getBean(ZmqTemplate.class),
					context.getBean(ZmqSocketManager.class), context.getBean(SummaryLog.class), 10, 5);
			// 10 rounds: 20 WARN/ERROR events per service, 4 windows of 5 each
			assertThat(result.published()).hasSize(8);
			assertThat(result.published()).extracting(Summary::service).containsOnly("orders", "billing");
			assertThat(result.published()).allSatisfy((summary) -> {
				assertThat(summary.events()).isEqualTo(5);
				assertThat(summary.byLevel()).containsOnlyKeys("WARN", "ERROR");
			});
			if (PyzmqSubscriber.available()) {
				assertThat(result.pyzmq()).hasSize(8);
				assertThat(result.pyzmq()).extracting((frames) -> frames.get(0))
					.containsOnly("summary.orders", "summary.billing");
				assertThat(result.pyzmq()).allSatisfy((frames) -> assertThat(frames.get(1)).contains("\"events\":5"));
			}
		}
	}

}
