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

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a batch did: totals, the share of each worker, the workers started because of the
 * backlog, and how each worker exited.
 *
 * @param images images in the batch
 * @param results results the sink received
 * @param invalid results that were not a grey image of the expected size
 * @param bytesIn bytes of the original images
 * @param bytesOut bytes of the processed images
 * @param elapsed from the first image pushed to the last result
 * @param readyBeforeFirstImage workers that had reported ready when the first image was
 * pushed
 * @param workers the share of each worker, by name
 * @param elastic the workers started because of the backlog, with the backlog that
 * started them
 * @param exitCodes how each worker process exited ({@code null}: still running)
 */
public record BatchReport(int images, int results, int invalid, long bytesIn, long bytesOut, Duration elapsed,
		int readyBeforeFirstImage, Map<String, WorkerShare> workers, List<ScaleUp> elastic,
		Map<String, Integer> exitCodes) {

	/**
	 * One worker's share.
	 *
	 * @param images images it processed
	 * @param bytesIn bytes of the originals
	 * @param bytesOut bytes of its results
	 * @param busyMicros time it spent on them
	 */
	public record WorkerShare(int images, long bytesIn, long bytesOut, long busyMicros) {

		WorkerShare add(int bytesIn, int bytesOut, long micros) {
			return new WorkerShare(this.images + 1, this.bytesIn + bytesIn, this.bytesOut + bytesOut,
					this.busyMicros + micros);
		}

	}

	/**
	 * A worker started because the backlog stayed above the threshold.
	 *
	 * @param worker the worker's name
	 * @param backlog the backlog when it was started
	 * @param threshold the threshold
	 */
	public record ScaleUp(String worker, long backlog, int threshold) {
	}

	/**
	 * @return the summary table printed at the end of the batch
	 */
	public String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%-8s %8s %12s %12s %10s %8s %6s%n", "worker", "images", "bytes in",
				"bytes out", "busy", "share", "exit"));
		this.workers.forEach((name,
				share) -> out.append(String.format(Locale.ROOT, "%-8s %8d %12s %12s %9.1fs %7.0f%% %6s%n",
						name + (isElastic(name) ? "*" : ""), share.images(), bytes(share.bytesIn()),
						bytes(share.bytesOut()), share.busyMicros() / 1e6,
						100.0 * share.images() / Math.max(1, this.results), String.valueOf(this.exitCodes.get(name)))));
		double seconds = Math.max(1, this.elapsed.toMillis()) / 1000.0;
		out.append(String.format(Locale.ROOT, "%-8s %8d %12s %12s %9.1fs %7.0f img/s%n", "total", this.results,
				bytes(this.bytesIn), bytes(this.bytesOut), seconds, this.results / seconds));
		for (ScaleUp scaleUp : this.elastic) {
			out.append(String.format(Locale.ROOT, "* %s started because the backlog (%d images) stayed above %d%n",
					scaleUp.worker(), scaleUp.backlog(), scaleUp.threshold()));
		}
		return out.toString();
	}

	private boolean isElastic(String name) {
		return this.elastic.stream().anyMatch((scaleUp) -> scaleUp.worker().equals(name));
	}

	private static String bytes(long bytes) {
		if (bytes >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
		}
		return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
	}

}
