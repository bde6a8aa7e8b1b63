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
package io.github.zmqspring.samples.imagepipeline;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image pipeline end to end, with real worker processes: the ventilator waits for the
 * workers to report ready, every image is processed into a grey image of half the size, a
 * worker started because of the backlog takes a share, and every worker exits cleanly on
 * "batch done".
 */
class ImagePipelineApplicationTests {

	@Test
	void workersAreRealImageWork() {
		byte[] png = Images.generate(7, 320, 240);
		BufferedImage original = Images.decode(png);
		assertThat(original.getWidth()).isEqualTo(320);
		BufferedImage grey = Images.decode(Images.scaleAndGrey(png, 0.5));
		assertThat(grey.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
		assertThat(grey.getWidth()).isEqualTo(160);
		assertThat(grey.getHeight()).isEqualTo(120);
	}

	// worker processes are JVMs of their own: on a loaded 2-core machine they take a
	// while
	@Test
	@Timeout(300)
	void batchWithReadyWorkersAnElasticWorkerAndCleanExits() throws Exception {
		System.setProperty("java.awt.headless", "true");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImagePipelineApplication.class).run(
				"--image-pipeline.run-on-start=false", "--spring.main.banner-mode=off", "--image-pipeline.images=120",
				"--image-pipeline.workers=2", "--image-pipeline.max-workers=3", "--image-pipeline.backlog-threshold=20",
				"--image-pipeline.scale-up-after=500ms", "--image-pipeline.worker-delay=200ms",
				// the elastic worker's JVM may take a minute to start on a loaded
				// machine:
				// the last images wait for it, so that it takes a share however slow
				"--image-pipeline.hold-back=30")) {
			BatchReport report = context.getBean(Coordinator.class).runBatch();
			assertThat(report.readyBeforeFirstImage()).isEqualTo(2);
			assertThat(report.results()).isEqualTo(120);
			assertThat(report.invalid()).isZero();
			assertThat(report.elastic()).singleElement().satisfies((scaleUp) -> {
				assertThat(scaleUp.worker()).isEqualTo("w3");
				assertThat(scaleUp.backlog()).isGreaterThan(20);
			});
			assertThat(report.workers()).containsOnlyKeys("w1", "w2", "w3")
				.allSatisfy((name, share) -> assertThat(share.images()).as(name).isPositive());
			assertThat(report.exitCodes()).containsOnlyKeys("w1", "w2", "w3")
				.allSatisfy((name, code) -> assertThat(code).as(name).isZero());
			assertThat(report.table()).contains("w3*", "total");
		}
	}

}
