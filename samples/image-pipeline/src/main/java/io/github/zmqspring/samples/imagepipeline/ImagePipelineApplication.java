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

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The image pipeline of the talk this project comes from: a ventilator waits until N
 * worker processes report ready, pushes a batch of generated images, the workers scale
 * and grey-scale them and push the results to a sink, and the sink publishes "batch done"
 * on a control socket, on which the workers exit. When the backlog stays above a
 * threshold, the coordinator starts another worker process, which joins and takes a
 * share.
 * <p>
 * One application, two roles: the coordinator (ventilator and sink, the default profile)
 * and the worker (profile {@code worker}), which the coordinator starts as processes of
 * their own with the same class path.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ImagePipelineApplication {

	/** Profile of a worker process. */
	public static final String WORKER = "worker";

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		ConfigurableApplicationContext context = SpringApplication.run(ImagePipelineApplication.class, args);
		if (!context.getEnvironment().matchesProfiles(WORKER)) {
			// the coordinator is done after its batch
			System.exit(SpringApplication.exit(context));
		}
		// a worker runs until "batch done" closes its context
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		if (context.isActive()) {
			try {
				closed.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * An image to process.
	 *
	 * @param id the image's number in the batch
	 * @param png the image, PNG-encoded
	 */
	public record ImageTask(int id, byte[] png) {
	}

	/**
	 * A processed image, from a worker to the sink.
	 *
	 * @param id the image's number in the batch
	 * @param worker the worker's name
	 * @param bytesIn the size of the original PNG
	 * @param micros how long the worker spent on it
	 * @param png the scaled, grey image, PNG-encoded
	 */
	public record ImageResult(int id, String worker, int bytesIn, long micros, byte[] png) {
	}

	/**
	 * A worker's notification that it is ready: its listeners run and its sockets are
	 * connected.
	 *
	 * @param worker the worker's name
	 * @param pid the worker's process id
	 */
	public record WorkerReady(String worker, long pid) {
	}

	/**
	 * Published by the sink on the control socket when the batch is complete.
	 *
	 * @param images how many images the batch had
	 */
	public record BatchDone(int images) {
	}

}
