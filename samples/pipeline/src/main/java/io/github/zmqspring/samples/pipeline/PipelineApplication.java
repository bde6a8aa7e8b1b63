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

import java.time.Duration;
import java.util.Map;

import io.github.zmqspring.core.ZmqTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The ZeroMQ guide's parallel pipeline: a ventilator pushes a batch of jobs, three
 * workers pull and process them, a sink collects the results and reports count, elapsed
 * time and throughput. The ventilator waits until every worker is connected, so no worker
 * misses its share (the slow-joiner problem), and the sink knows when the batch is
 * complete.
 */
@SpringBootApplication
public class PipelineApplication {

	/**
	 * Jobs the workers share; a job is some CPU work standing in for an image to process.
	 */
	public record Job(int id, int work) {
	}

	/** What a worker sends to the sink. */
	public record Result(int jobId, String worker, long checksum) {
	}

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(PipelineApplication.class, args));
	}

	@Bean
	CommandLineRunner ventilator(ZmqTemplate template, Sink sink, @Value("${pipeline.jobs}") int jobs,
			@Value("${pipeline.workers}") int workers) {
		return (args) -> {
			if (jobs <= 0) {
				return; // tests drive the batch themselves
			}
			Sink.Report report = runBatch(template, sink, jobs, workers);
			System.out.println(report);
		};
	}

	/**
	 * Push a batch and wait for the sink to collect it.
	 * @param template the template
	 * @param sink the sink
	 * @param jobs how many jobs
	 * @param workers how many workers to wait for before starting
	 * @return the sink's report
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Sink.Report runBatch(ZmqTemplate template, Sink sink, int jobs, int workers) throws InterruptedException {
		System.out.println("ventilator: waiting for " + workers + " workers");
		if (!template.awaitPeers("jobs", workers, Duration.ofSeconds(10))) {
			throw new IllegalStateException("workers did not connect within 10 s");
		}
		sink.expect(jobs);
		System.out.println("ventilator: " + workers + " workers ready, pushing " + jobs + " jobs");
		for (int i = 0; i < jobs; i++) {
			template.send("jobs", new Job(i, 2_000 + (i % 7) * 500));
		}
		Sink.Report report = sink.await(Duration.ofSeconds(60));
		Map<String, Integer> perWorker = report.perWorker();
		System.out.println("sink: per worker " + perWorker);
		return report;
	}

}
