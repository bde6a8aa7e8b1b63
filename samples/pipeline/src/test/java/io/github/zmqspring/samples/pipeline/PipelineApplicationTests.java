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
package io.github.zmqspring.samples.pipeline;

import io.github.zmqspring.TestPorts;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline delivers every job's result to the sink and every worker gets a share.
 */
class PipelineApplicationTests {

	@Test
	@Timeout(90)
	void batchCompletesWithEveryWorkerTakingShare() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PipelineApplication.class)
			// command-line arguments: they override application.yml, default properties
			// do not
			.run("--pipeline.jobs=0", "--pipeline.jobs-port=" + TestPorts.free(),
					"--pipeline.results-port=" + TestPorts.free())) {
			Sink.Report report = PipelineApplication.runBatch(context.getBean(ZmqTemplate.class),
					context.getBean(Sink.class), 3000, 3);
			assertThat(report.complete()).isTrue();
			assertThat(report.received()).isEqualTo(3000);
			assertThat(report.perWorker()).hasSize(3).allSatisfy((worker, count) -> assertThat(count).isPositive());
		}
	}

}
