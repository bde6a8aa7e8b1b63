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

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the image pipeline sample, under {@code image-pipeline}.
 */
@ConfigurationProperties("image-pipeline")
public class ImagePipelineProperties {

	/**
	 * Whether the coordinator runs a batch at start-up (tests run it themselves).
	 */
	private boolean runOnStart = true;

	/**
	 * Number of images in the batch.
	 */
	private int images = 200;

	/**
	 * Width of the generated images, in pixels.
	 */
	private int width = 320;

	/**
	 * Height of the generated images, in pixels.
	 */
	private int height = 240;

	/**
	 * Scale factor the workers apply.
	 */
	private double scale = 0.5;

	/**
	 * Number of worker processes started before the batch; the ventilator waits until
	 * they all report ready.
	 */
	private int workers = 2;

	/**
	 * Largest number of worker processes, elastic ones included.
	 */
	private int maxWorkers = 3;

	/**
	 * Backlog (images not yet processed) above which another worker is started.
	 */
	private int backlogThreshold = 40;

	/**
	 * How long the backlog must stay above the threshold before another worker starts.
	 */
	private Duration scaleUpAfter = Duration.ofSeconds(1);

	/**
	 * Extra time a worker spends per image, standing in for an expensive model.
	 */
	private Duration workerDelay = Duration.ofMillis(120);

	/**
	 * Images the ventilator keeps back until an elastic worker has reported ready (or the
	 * timeout passes), so that the elastic worker takes a share however slowly its JVM
	 * starts; 0 sends everything as soon as workers have room.
	 */
	private int holdBack;

	/**
	 * Longest time the ventilator waits for workers to report ready, and the sink for the
	 * batch.
	 */
	private Duration timeout = Duration.ofMinutes(3);

	/**
	 * Name of this worker (worker processes only).
	 */
	private String workerName = "worker";

	/**
	 * Process id of the coordinator; a worker exits when it is gone (worker processes
	 * only).
	 */
	private long parentPid;

	/**
	 * Endpoint of the ventilator's tasks socket (worker processes only).
	 */
	private String tasksEndpoint;

	/**
	 * Endpoint of the sink's results socket (worker processes only).
	 */
	private String resultsEndpoint;

	/**
	 * Endpoint of the coordinator's ready socket (worker processes only).
	 */
	private String readyEndpoint;

	/**
	 * Endpoint of the coordinator's control publisher (worker processes only).
	 */
	private String controlEndpoint;

	public boolean isRunOnStart() {
		return this.runOnStart;
	}

	public void setRunOnStart(boolean runOnStart) {
		this.runOnStart = runOnStart;
	}

	public int getImages() {
		return this.images;
	}

	public void setImages(int images) {
		this.images = images;
	}

	public int getWidth() {
		return this.width;
	}

	public void setWidth(int width) {
		this.width = width;
	}

	public int getHeight() {
		return this.height;
	}

	public void setHeight(int height) {
		this.height = height;
	}

	public double getScale() {
		return this.scale;
	}

	public void setScale(double scale) {
		this.scale = scale;
	}

	public int getWorkers() {
		return this.workers;
	}

	public void setWorkers(int workers) {
		this.workers = workers;
	}

	public int getMaxWorkers() {
		return this.maxWorkers;
	}

	public void setMaxWorkers(int maxWorkers) {
		this.maxWorkers = maxWorkers;
	}

	public int getBacklogThreshold() {
		return this.backlogThreshold;
	}

	public void setBacklogThreshold(int backlogThreshold) {
		this.backlogThreshold = backlogThreshold;
	}

	public Duration getScaleUpAfter() {
		return this.scaleUpAfter;
	}

	public void setScaleUpAfter(Duration scaleUpAfter) {
		this.scaleUpAfter = scaleUpAfter;
	}

	public Duration getWorkerDelay() {
		return this.workerDelay;
	}

	public void setWorkerDelay(Duration workerDelay) {
		this.workerDelay = workerDelay;
	}

	public int getHoldBack() {
		return this.holdBack;
	}

	public void setHoldBack(int holdBack) {
		this.holdBack = holdBack;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public String getWorkerName() {
		return this.workerName;
	}

	public void setWorkerName(String workerName) {
		this.workerName = workerName;
	}

	public long getParentPid() {
		return this.parentPid;
	}

	public void setParentPid(long parentPid) {
		this.parentPid = parentPid;
	}

	public String getTasksEndpoint() {
		return this.tasksEndpoint;
	}

	public void setTasksEndpoint(String tasksEndpoint) {
		this.tasksEndpoint = tasksEndpoint;
	}

	public String getResultsEndpoint() {
		return this.resultsEndpoint;
	}

	public void setResultsEndpoint(String resultsEndpoint) {
		this.resultsEndpoint = resultsEndpoint;
	}

	public String getReadyEndpoint() {
		return this.readyEndpoint;
	}

	public void setReadyEndpoint(String readyEndpoint) {
		this.readyEndpoint = readyEndpoint;
	}

	public String getControlEndpoint() {
		return this.controlEndpoint;
	}

	public void setControlEndpoint(String controlEndpoint) {
		this.controlEndpoint = controlEndpoint;
	}

}
