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
package io.github.zmqspring.cloud.stream.binder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqOperations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The producer side of a binding: sends each message's payload through a
 * {@link ZmqOperations} on the binding's socket, published under a topic on pub-sub.
 *
 * @author zmq-spring-boot
 */
public class ZmqProducerMessageHandler implements MessageHandler {

	private static final Log logger = LogFactory.getLog(ZmqProducerMessageHandler.class);

	private final ZmqOperations template;

	private final String socket;

	private final boolean publisher;

	private final ZmqProducerProperties properties;

	private final AtomicLong sent = new AtomicLong();

	private volatile boolean awaited;

	/**
	 * Create a handler.
	 * @param template the template that sends
	 * @param socket the socket's name in the template's socket manager
	 * @param publisher whether the socket publishes (PUB, XPUB)
	 * @param properties the binding's settings
	 */
	public ZmqProducerMessageHandler(ZmqOperations template, String socket, boolean publisher,
			ZmqProducerProperties properties) {
		this.template = template;
		this.socket = socket;
		this.publisher = publisher;
		this.properties = properties;
		this.awaited = properties.getAwaitPeers() <= 0;
	}

	/**
	 * @return the name of the socket this handler sends on
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * @return how many messages were sent
	 */
	public long getSentCount() {
		return this.sent.get();
	}

	@Override
	public void handleMessage(Message<?> message) {
		awaitPeers();
		Object payload = this.properties.isHeaders() ? message : message.getPayload();
		if (this.publisher) {
			Object header = message.getHeaders().get(ZmqHeaders.TOPIC);
			String topic = (header != null) ? header.toString() : this.properties.getTopic();
			this.template.publish(this.socket, (topic != null) ? topic : "", payload);
		}
		else {
			this.template.send(this.socket, payload);
		}
		this.sent.incrementAndGet();
	}

	private void awaitPeers() {
		if (this.awaited) {
			return;
		}
		synchronized (this) {
			if (this.awaited) {
				return;
			}
			int count = this.properties.getAwaitPeers();
			Duration timeout = this.properties.getAwaitTimeout();
			boolean ok = this.publisher ? this.template.awaitSubscribers(this.socket, count, timeout)
					: this.template.awaitPeers(this.socket, count, timeout);
			if (!ok) {
				logger.warn("Socket '" + this.socket + "' has fewer than " + count + " peers after " + timeout
						+ "; sending anyway");
			}
			this.awaited = true;
		}
	}

}
