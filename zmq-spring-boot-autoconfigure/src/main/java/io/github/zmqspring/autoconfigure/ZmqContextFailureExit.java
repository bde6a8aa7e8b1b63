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
package io.github.zmqspring.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import io.github.zmqspring.core.socket.ZmqContextFailedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Exits the application with status {@value #EXIT_STATUS} when a thread of the ZeroMQ
 * context dies ({@code zmq.context.exit-on-failure=true}): the application context is
 * closed as on SIGTERM (listeners stop, sockets close with a bounded linger), then the
 * JVM exits, so that an orchestrator restarts the service instead of leaving it up and
 * deaf.
 *
 * @author zmq-spring-boot
 */
public class ZmqContextFailureExit implements ApplicationListener<ZmqContextFailedEvent> {

	/** The JVM's exit status after a failure of the ZeroMQ context. */
	public static final int EXIT_STATUS = 70; // EX_SOFTWARE of sysexits.h

	private static final Log logger = LogFactory.getLog(ZmqContextFailureExit.class);

	private final ConfigurableApplicationContext applicationContext;

	private final IntConsumer exit;

	private final AtomicBoolean exiting = new AtomicBoolean();

	/**
	 * Create an exit for an application context.
	 * @param applicationContext the context to close before exiting
	 */
	public ZmqContextFailureExit(ConfigurableApplicationContext applicationContext) {
		this(applicationContext, System::exit);
	}

	ZmqContextFailureExit(ConfigurableApplicationContext applicationContext, IntConsumer exit) {
		this.applicationContext = applicationContext;
		this.exit = exit;
	}

	@Override
	public void onApplicationEvent(ZmqContextFailedEvent event) {
		if (!this.exiting.compareAndSet(false, true)) {
			return;
		}
		logger.error("Exiting with status " + EXIT_STATUS + " because ZeroMQ thread '" + event.getThreadName()
				+ "' died (zmq.context.exit-on-failure=true)");
		// not on the dying JeroMQ thread: closing the context waits for JeroMQ's threads
		Thread exiter = new Thread(
				() -> this.exit.accept(SpringApplication.exit(this.applicationContext, () -> EXIT_STATUS)),
				"zmq-exit-on-failure");
		exiter.setDaemon(false);
		exiter.start();
	}

}
