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

/**
 * Called when the backlog of a socket or a listener stays above the threshold
 * ({@code zmq.backlog.threshold}) for the period ({@code zmq.backlog.period}), and again
 * each further period while it stays there: the cue to start another worker. Define beans
 * of this type, or listen to {@link ZmqBacklogEvent}.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqBacklogListener {

	/**
	 * The backlog stayed above the threshold for the period.
	 * @param event what, how much and for how long
	 */
	void backlogExceeded(ZmqBacklogEvent event);

	/**
	 * The backlog came back under the threshold after it had been reported.
	 * @param event what and how much
	 */
	default void backlogCleared(ZmqBacklogEvent event) {
	}

}
