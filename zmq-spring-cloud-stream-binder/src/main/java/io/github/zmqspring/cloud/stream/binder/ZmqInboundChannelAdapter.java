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

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.listener.ZmqListenerContainer;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.ReflectionUtils;

/**
 * The consumer side of a binding: the handler of a listener container whose socket
 * receives the destination's messages, which it sends on to the binding's channel, with
 * retries when the binding asks for them, and to the binding's error channel when they
 * fail for good.
 *
 * @author zmq-spring-boot
 */
public class ZmqInboundChannelAdapter extends MessageProducerSupport {

	/** The handler method the listener container invokes. */
	static final Method HANDLER = ReflectionUtils.findMethod(ZmqInboundChannelAdapter.class, "onMessage",
			Message.class);

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private ZmqListenerContainer container;

	private RetryTemplate retryTemplate;

	/**
	 * Set the container that feeds this adapter; it runs while the adapter runs.
	 * @param container the container
	 */
	void setContainer(ZmqListenerContainer container) {
		this.container = container;
	}

	/**
	 * Set the retries of a failed delivery.
	 * @param retryTemplate the template, or {@code null} for none
	 */
	void setRetryTemplate(RetryTemplate retryTemplate) {
		this.retryTemplate = retryTemplate;
	}

	/**
	 * @return the listener container that feeds this adapter
	 */
	public ZmqListenerContainer getContainer() {
		return this.container;
	}

	/**
	 * @return how many messages were received
	 */
	public long getReceivedCount() {
		return this.received.get();
	}

	/**
	 * @return how many messages failed for good (after any retries)
	 */
	public long getFailedCount() {
		return this.failed.get();
	}

	@Override
	public String getComponentType() {
		return "zmq:inbound-channel-adapter";
	}

	@Override
	protected void doStart() {
		this.container.start();
	}

	@Override
	protected void doStop() {
		this.container.stop();
	}

	/**
	 * Receive a message from the listener container. Public for the container's handler
	 * method; not for applications.
	 * @param message the received message
	 */
	public void onMessage(Message<byte[]> message) {
		this.received.incrementAndGet();
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(message.getPayload());
		for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
			String name = header.getKey();
			if (!ZmqHeaders.RAW_MESSAGE.equals(name) && !MessageHeaders.ID.equals(name)
					&& !MessageHeaders.TIMESTAMP.equals(name)) {
				builder.setHeader(name, header.getValue());
			}
		}
		Message<byte[]> inbound = builder.build();
		try {
			if (this.retryTemplate != null) {
				this.retryTemplate.execute(() -> {
					deliver(inbound);
					return null;
				});
			}
			else {
				deliver(inbound);
			}
		}
		catch (RetryException ex) {
			fail(inbound, (ex.getCause() instanceof Exception cause) ? cause : ex);
		}
		catch (RuntimeException ex) {
			fail(inbound, ex);
		}
	}

	private void deliver(Message<byte[]> message) {
		getMessagingTemplate().send(getRequiredOutputChannel(), message);
	}

	private void fail(Message<byte[]> message, Exception ex) {
		this.failed.incrementAndGet();
		// to the binding's error channel; rethrown (and logged by the container) without
		// one
		sendErrorMessageIfNecessary(message, ex);
	}

}
