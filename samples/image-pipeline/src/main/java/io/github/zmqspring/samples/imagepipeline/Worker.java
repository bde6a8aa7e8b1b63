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

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.BatchDone;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.ImageResult;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.ImageTask;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.WorkerReady;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A worker process: reports ready once its listeners run, pulls images from the
 * ventilator, scales and grey-scales each one, pushes the result to the sink, and exits
 * when the sink publishes "batch done" (or when its coordinator is gone).
 */
@Component
@Profile(ImagePipelineApplication.WORKER)
class Worker {

	private static final Log logger = LogFactory.getLog(Worker.class);

	private final ZmqTemplate template;

	private final ImagePipelineProperties properties;

	private final ConfigurableApplicationContext context;

	private final AtomicInteger processed = new AtomicInteger();

	private final AtomicBoolean exiting = new AtomicBoolean();

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "coordinator-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	Worker(ZmqTemplate template, ImagePipelineProperties properties, ConfigurableApplicationContext context) {
		this.template = template;
		this.properties = properties;
		this.context = context;
	}

	@ZmqListener(id = "tasks", socket = "tasks")
	void process(ImageTask task) throws InterruptedException {
		long start = System.nanoTime();
		byte[] result = Images.scaleAndGrey(task.png(), this.properties.getScale());
		long delay = this.properties.getWorkerDelay().toMillis();
		if (delay > 0) {
			// stands in for an expensive model, so that the backlog (and scaling) shows
			Thread.sleep(delay);
		}
		long micros = (System.nanoTime() - start) / 1000;
		this.template.send("results",
				new ImageResult(task.id(), this.properties.getWorkerName(), task.png().length, micros, result));
		this.processed.incrementAndGet();
	}

	@ZmqListener(id = "control", type = SocketType.SUB, connect = "${image-pipeline.control-endpoint}",
			topics = "batch.")
	void onControl(BatchDone done) {
		logger.info("Batch of " + done.images() + " images done; " + this.properties.getWorkerName() + " processed "
				+ this.processed.get() + " and exits");
		exit(0);
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		this.template.send("ready", new WorkerReady(this.properties.getWorkerName(), ProcessHandle.current().pid()));
		long parent = this.properties.getParentPid();
		if (parent > 0) {
			this.watchdog.scheduleWithFixedDelay(() -> {
				if (!ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
					logger.warn("Coordinator " + parent + " is gone; " + this.properties.getWorkerName() + " exits");
					exit(1);
				}
			}, 1, 1, TimeUnit.SECONDS);
		}
	}

	// not on a listener thread: closing the context stops the listener containers
	private void exit(int status) {
		if (this.exiting.compareAndSet(false, true)) {
			Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> status)),
					"worker-exit");
			exit.start();
		}
	}

}
