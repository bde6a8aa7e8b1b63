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
package io.github.zmqspring.core.socket;

import org.springframework.context.ApplicationEvent;

/**
 * Published when one of JeroMQ's own threads of the managed context (an I/O thread or the
 * reaper) has died. From then on the sockets served by that thread neither send nor
 * receive, so the context is {@link ZmqContextLifecycle#isFailed() failed}: a health
 * indicator reports it, and {@code zmq.context.exit-on-failure=true} exits the
 * application so that an orchestrator restarts it.
 *
 * @author zmq-spring-boot
 */
public class ZmqContextFailedEvent extends ApplicationEvent {

	private final String threadName;

	private final Throwable failure;

	/**
	 * Create an event.
	 * @param source the lifecycle of the failed context
	 * @param threadName the name of the thread that died
	 * @param failure what it died of
	 */
	public ZmqContextFailedEvent(ZmqContextLifecycle source, String threadName, Throwable failure) {
		super(source);
		this.threadName = threadName;
		this.failure = failure;
	}

	/**
	 * @return the lifecycle of the failed context
	 */
	public ZmqContextLifecycle getLifecycle() {
		return (ZmqContextLifecycle) getSource();
	}

	/**
	 * @return the name of the JeroMQ thread that died, such as {@code iothread-2}
	 */
	public String getThreadName() {
		return this.threadName;
	}

	/**
	 * @return what the thread died of
	 */
	public Throwable getFailure() {
		return this.failure;
	}

}
