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
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.samples.imagepipeline.BatchReport.ScaleUp;
import io.github.zmqspring.samples.imagepipeline.BatchReport.WorkerShare;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.BatchDone;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.ImageResult;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.ImageTask;
import io.github.zmqspring.samples.imagepipeline.ImagePipelineApplication.WorkerReady;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The coordinator: ventilator and sink. It starts the worker processes, waits until they
 * report ready, pushes the batch, collects the results with a progress bar, starts
 * another worker when the backlog stays above the threshold, publishes "batch done" and
 * waits for the workers to exit, then prints the summary table.
 */
@Component
@Profile("!" + ImagePipelineApplication.WORKER)
class Coordinator implements CommandLineRunner {

	private static final int IN_FLIGHT_PER_WORKER = 2;

	private final ZmqTemplate template;

	private final ZmqSocketManager sockets;

	private final ImagePipelineProperties properties;

	private final WorkerLauncher launcher;

	private final ImageBacklog backlog;

	private final PrintStream out = System.out;

	private final Map<String, WorkerReady> ready = new ConcurrentHashMap<>();

	private volatile Batch batch;

	Coordinator(ZmqTemplate template, ZmqSocketManager sockets, ImagePipelineProperties properties,
			WorkerLauncher launcher, ObjectProvider<ImageBacklog> backlog) {
		this.template = template;
		this.sockets = sockets;
		this.properties = properties;
		this.launcher = launcher;
		this.backlog = backlog.getIfAvailable(() -> this::outstandingImages);
	}

	@Override
	public void run(String... args) throws Exception {
		if (this.properties.isRunOnStart()) {
			runBatch();
		}
	}

	/**
	 * The sample's own backlog signal: images of the batch without a result yet.
	 * @return the outstanding images
	 */
	long outstandingImages() {
		Batch current = this.batch;
		return (current != null) ? current.outstanding() : 0;
	}

	/**
	 * Run one batch from start to finish.
	 * @return what it did
	 * @throws InterruptedException when interrupted
	 */
	BatchReport runBatch() throws InterruptedException {
		ImagePipelineProperties settings = this.properties;
		Map<String, String> endpoints = Map.of("tasks-endpoint", bound("tasks"), "results-endpoint", bound("results"),
				"ready-endpoint", bound("ready"), "control-endpoint", bound("control"), "worker-delay",
				settings.getWorkerDelay().toMillis() + "ms", "scale", String.valueOf(settings.getScale()));
		this.out.println("coordinator: starting " + settings.getWorkers() + " worker processes");
		for (int i = 1; i <= settings.getWorkers(); i++) {
			this.launcher.launch("w" + i, endpoints);
		}
		long generating = System.nanoTime();
		List<byte[]> images = new ArrayList<>();
		long bytes = 0;
		for (int i = 0; i < settings.getImages(); i++) {
			byte[] png = Images.generate(i, settings.getWidth(), settings.getHeight());
			images.add(png);
			bytes += png.length;
		}
		this.out.printf(Locale.ROOT, "ventilator: generated %d images of %dx%d (%.1f MB) in %d ms%n", images.size(),
				settings.getWidth(), settings.getHeight(), bytes / (1024.0 * 1024),
				(System.nanoTime() - generating) / 1_000_000);
		this.out.println("ventilator: waiting for " + settings.getWorkers() + " workers to report ready");
		awaitReady(settings.getWorkers(), settings.getTimeout());
		int readyAtStart = this.ready.size();
		this.out.println("ventilator: " + readyAtStart + " workers ready " + this.ready.keySet() + ", pushing "
				+ images.size() + " images");
		Batch current = new Batch(images.size(), this.out);
		this.batch = current;
		List<ScaleUp> scaleUps = new CopyOnWriteArrayList<>();
		ScheduledExecutorService elastic = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "elastic-scaler");
			thread.setDaemon(true);
			return thread;
		});
		long[] aboveSince = { 0 };
		elastic.scheduleWithFixedDelay(() -> {
			long waiting = this.backlog.backlog();
			long now = System.nanoTime();
			if (waiting <= settings.getBacklogThreshold() || current.isDone()) {
				aboveSince[0] = 0;
				return;
			}
			if (aboveSince[0] == 0) {
				aboveSince[0] = now;
			}
			else if (now - aboveSince[0] >= settings.getScaleUpAfter().toNanos()
					&& this.launcher.count() < settings.getMaxWorkers()) {
				String name = "w" + (this.launcher.count() + 1);
				current.println(String.format(Locale.ROOT, "elastic: backlog %d above %d for %d ms: starting worker %s",
						waiting, settings.getBacklogThreshold(), (now - aboveSince[0]) / 1_000_000, name));
				this.launcher.launch(name, endpoints);
				scaleUps.add(new ScaleUp(name, waiting, settings.getBacklogThreshold()));
				aboveSince[0] = 0;
			}
		}, 200, 200, TimeUnit.MILLISECONDS);
		try {
			current.start();
			long deadline = System.nanoTime() + settings.getTimeout().toNanos();
			int holdFrom = images.size() - Math.min(settings.getHoldBack(), images.size());
			for (int i = 0; i < images.size(); i++) {
				if (i == holdFrom && settings.getHoldBack() > 0) {
					awaitElasticWorker(readyAtStart, current, deadline);
				}
				// credit: at most two images in flight per ready worker. Images wait
				// here, not in the TCP buffers of busy workers (which hold megabytes),
				// so a worker that joins later takes a share
				current.awaitInFlightBelow(i, () -> IN_FLIGHT_PER_WORKER * Math.max(1, this.ready.size()), deadline);
				this.template.send("tasks", new ImageTask(i, images.get(i)));
			}
			if (!current.await(settings.getTimeout())) {
				throw new IllegalStateException("Batch incomplete after " + settings.getTimeout() + ": "
						+ current.results() + " of " + images.size() + " results");
			}
		}
		finally {
			elastic.shutdownNow();
		}
		current.finish();
		this.out.println("sink: batch done, publishing batch.done on the control socket");
		Map<String, Integer> exits = announceDone(images.size());
		BatchReport report = current.report(readyAtStart, scaleUps, exits);
		this.out.println();
		this.out.print(report.table());
		return report;
	}

	// slow joiners and late workers: publish again until every worker has exited
	private Map<String, Integer> announceDone(int images) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!this.launcher.allExited() && System.nanoTime() < deadline) {
			this.template.publish("control", "batch.done", new BatchDone(images));
			for (int i = 0; i < 10 && !this.launcher.allExited(); i++) {
				Thread.sleep(50);
			}
		}
		Map<String, Integer> exits = this.launcher.awaitExits(Duration.ofSeconds(5));
		exits.forEach((name, code) -> this.out.println("worker " + name + " exited with " + code));
		return exits;
	}

	// the last images wait until a worker beyond the first ones has reported ready
	private void awaitElasticWorker(int readyAtStart, Batch current, long deadline) throws InterruptedException {
		current.println("ventilator: holding the last " + this.properties.getHoldBack()
				+ " images until an elastic worker is ready");
		synchronized (this.ready) {
			while (this.ready.size() <= readyAtStart) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					current.println("ventilator: no elastic worker ready in time; sending the rest");
					return;
				}
				this.ready.wait(left);
			}
		}
	}

	private void awaitReady(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.ready) {
			while (this.ready.size() < count) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					throw new IllegalStateException(
							"Only " + this.ready.size() + " of " + count + " workers ready after " + timeout);
				}
				this.ready.wait(left);
			}
		}
	}

	private String bound(String socket) {
		List<String> endpoints = this.sockets.getBoundEndpoints(socket);
		if (endpoints.isEmpty()) {
			throw new IllegalStateException("Socket '" + socket + "' is not bound");
		}
		return endpoints.get(0);
	}

	@ZmqListener(id = "ready", socket = "ready")
	void onReady(WorkerReady worker) {
		synchronized (this.ready) {
			this.ready.put(worker.worker(), worker);
			this.ready.notifyAll();
		}
		Batch current = this.batch;
		String line = "worker " + worker.worker() + " ready (pid " + worker.pid() + ")";
		if (current != null) {
			current.println(line);
		}
		else {
			this.out.println(line);
		}
	}

	@ZmqListener(id = "results", socket = "results")
	void onResult(ImageResult result) {
		Batch current = this.batch;
		if (current != null) {
			current.record(result, this.properties);
		}
	}

	/**
	 * The sink's view of one batch, with its progress bar.
	 */
	private static final class Batch {

		private static final int BAR = 30;

		private final int images;

		private final PrintStream out;

		private final boolean terminal = System.console() != null;

		private final Map<String, WorkerShare> shares = new LinkedHashMap<>();

		private final CountDownLatch done = new CountDownLatch(1);

		private final boolean[] seen;

		private int results;

		private int invalid;

		private long bytesIn;

		private long bytesOut;

		private long startedAt;

		private long lastResultAt;

		private int lastPrintedTenth = -1;

		private long lastPrintedAt;

		Batch(int images, PrintStream out) {
			this.images = images;
			this.out = out;
			this.seen = new boolean[images];
		}

		synchronized void start() {
			this.startedAt = System.nanoTime();
		}

		synchronized void record(ImageResult result, ImagePipelineProperties properties) {
			if (result.id() < 0 || result.id() >= this.images || this.seen[result.id()]) {
				return; // not of this batch, or a duplicate
			}
			this.seen[result.id()] = true;
			if (!isExpected(result.png(), properties)) {
				this.invalid++;
			}
			this.results++;
			this.bytesIn += result.bytesIn();
			this.bytesOut += result.png().length;
			this.shares.merge(result.worker(),
					new WorkerShare(0, 0, 0, 0).add(result.bytesIn(), result.png().length, result.micros()),
					(a, b) -> a.add(result.bytesIn(), result.png().length, result.micros()));
			this.lastResultAt = System.nanoTime();
			progress(false);
			if (this.results == this.images) {
				this.done.countDown();
			}
			notifyAll();
		}

		private static boolean isExpected(byte[] png, ImagePipelineProperties properties) {
			try {
				BufferedImage image = Images.decode(png);
				return image.getType() == BufferedImage.TYPE_BYTE_GRAY
						&& image.getWidth() == Math.max(1, Math.round(properties.getWidth() * properties.getScale()))
						&& image.getHeight() == Math.max(1, Math.round(properties.getHeight() * properties.getScale()));
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

		synchronized void awaitInFlightBelow(int sent, IntSupplier limit, long deadline) throws InterruptedException {
			while (sent - this.results >= limit.getAsInt()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No results for " + (sent - this.results) + " images in flight");
				}
				// woken by each result; the limit grows when a worker reports ready
				wait(100);
			}
		}

		synchronized long outstanding() {
			return this.images - this.results;
		}

		synchronized int results() {
			return this.results;
		}

		synchronized boolean isDone() {
			return this.results == this.images;
		}

		boolean await(Duration timeout) throws InterruptedException {
			return this.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		synchronized void println(String line) {
			if (this.terminal) {
				this.out.print("\r\033[K");
			}
			this.out.println(line);
			progress(true);
		}

		synchronized void finish() {
			progress(true);
			if (this.terminal) {
				this.out.println();
			}
		}

		private void progress(boolean force) {
			int tenth = this.results * 10 / Math.max(1, this.images);
			long now = System.nanoTime();
			if (this.terminal) {
				if (!force && now - this.lastPrintedAt < 100_000_000L && this.results != this.images) {
					return;
				}
				this.out.print("\r" + bar() + "\033[K");
				this.out.flush();
			}
			else if (tenth != this.lastPrintedTenth) {
				this.out.println(bar());
				this.lastPrintedTenth = tenth;
			}
			this.lastPrintedAt = now;
		}

		private String bar() {
			int filled = this.results * BAR / Math.max(1, this.images);
			return String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d images, backlog %d, workers %d", "#".repeat(filled),
					".".repeat(BAR - filled), this.results * 100 / Math.max(1, this.images), this.results, this.images,
					this.images - this.results, this.shares.size());
		}

		synchronized BatchReport report(int readyAtStart, List<ScaleUp> scaleUps, Map<String, Integer> exits) {
			Map<String, WorkerShare> workers = new LinkedHashMap<>();
			exits.keySet()
				.forEach((name) -> workers.put(name, this.shares.getOrDefault(name, new WorkerShare(0, 0, 0, 0))));
			this.shares.forEach(workers::putIfAbsent);
			return new BatchReport(this.images, this.results, this.invalid, this.bytesIn, this.bytesOut,
					Duration.ofNanos(this.lastResultAt - this.startedAt), readyAtStart, workers, List.copyOf(scaleUps),
					exits);
		}

	}

}
