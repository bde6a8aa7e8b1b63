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
package io.github.zmqspring.observation;

import java.time.Duration;

import org.springframework.context.ApplicationEvent;

/**
 * The backlog of a socket (sends waiting for room) or of a listener (received messages
 * waiting for a worker) has stayed above its threshold for a period, or has come back
 * under it. The signal of the elastic pipeline: start another worker when it fires.
 *
 * @author zmq-spring-boot
 */
public class ZmqBacklogEvent extends ApplicationEvent {

	private final Kind kind;

	private final String name;

	private final int backlog;

	private final int threshold;

	private final Duration duration;

	private final boolean exceeded;

	/**
	 * Create an event.
	 * @param source the monitor
	 * @param kind whether a socket's or a listener's backlog
	 * @param name the socket's name or the listener's id
	 * @param backlog the backlog when sampled
	 * @param threshold the threshold
	 * @param duration how long the backlog has been above the threshold (zero when it
	 * cleared)
	 * @param exceeded {@code true} when the backlog stayed above the threshold,
	 * {@code false} when it came back under it
	 */
	public ZmqBacklogEvent(Object source, Kind kind, String name, int backlog, int threshold, Duration duration,
			boolean exceeded) {
		super(source);
		this.kind = kind;
		this.name = name;
		this.backlog = backlog;
		this.threshold = threshold;
		this.duration = duration;
		this.exceeded = exceeded;
	}

	/**
	 * @return whether a socket's or a listener's backlog
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * @return the socket's name or the listener's id
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * @return the backlog when sampled
	 */
	public int getBacklog() {
		return this.backlog;
	}

	/**
	 * @return the threshold
	 */
	public int getThreshold() {
		return this.threshold;
	}

	/**
	 * @return how long the backlog has been above the threshold
	 */
	public Duration getDuration() {
		return this.duration;
	}

	/**
	 * @return {@code true} when the backlog stayed above the threshold, {@code false}
	 * when it came back under it
	 */
	public boolean isExceeded() {
		return this.exceeded;
	}

	@Override
	public String toString() {
		return "ZmqBacklogEvent[" + this.kind + " '" + this.name + "', backlog=" + this.backlog + ", threshold="
				+ this.threshold + ", for " + this.duration + (this.exceeded ? "" : ", cleared") + "]";
	}

	/**
	 * Whose backlog.
	 */
	public enum Kind {

		/**
		 * A declared socket's sends waiting for room.
		 */
		SOCKET,

		/**
		 * A listener's received messages waiting for a worker.
		 */
		LISTENER

	}

}
