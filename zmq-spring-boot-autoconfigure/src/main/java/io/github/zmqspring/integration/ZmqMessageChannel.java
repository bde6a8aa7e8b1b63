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
package io.github.zmqspring.integration;

import java.util.Set;

import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.listener.ZmqListenerContainer;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;

import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.AbstractMessageChannel;
import org.springframework.integration.dispatcher.AbstractDispatcher;
import org.springframework.integration.dispatcher.BroadcastingDispatcher;
import org.springframework.integration.dispatcher.UnicastingDispatcher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.util.Assert;

/**
 * A {@link SubscribableChannel} between processes, over declared sockets, as Spring
 * Integration's {@code ZeroMqChannel} is. A message sent to the channel goes out through
 * the send socket (PUB, XPUB or PUSH) with the template; what the receive socket (SUB,
 * XSUB or PULL) gets is dispatched to the channel's subscribers in this process: to every
 * subscriber for publish/subscribe, to one of them (round robin) for PUSH/PULL. Either
 * socket may be left out for a process that only sends or only receives.
 * <p>
 * Because the sockets are ordinary declared sockets, the channel gets their security,
 * discovery ({@code discovery://}), options and metrics. Headers that can travel go in
 * the metadata frame; received payloads are {@code byte[]} unless a
 * {@link #setPayloadType payload type} is set.
 *
 * @author zmq-spring-boot
 */
public class ZmqMessageChannel extends AbstractMessageChannel implements SubscribableChannel, SmartLifecycle {

	private static final Set<SocketType> SEND_TYPES = Set.of(SocketType.PUB, SocketType.XPUB, SocketType.PUSH);

	private static final Set<SocketType> RECEIVE_TYPES = Set.of(SocketType.SUB, SocketType.XSUB, SocketType.PULL);

	private final @Nullable String sendSocket;

	private final @Nullable String receiveSocket;

	private String topic = "";

	private Class<?> payloadType = byte[].class;

	private boolean autoStartup = true;

	private int phase = ZmqIntegrationPhases.CHANNELS;

	private @Nullable ZmqIntegrationComponents components;

	private @Nullable AbstractDispatcher dispatcher;

	private @Nullable ZmqListenerContainer container;

	private boolean publisher;

	private volatile boolean running;

	/**
	 * Create a channel.
	 * @param sendSocket the name of a declared PUB, XPUB or PUSH socket that messages
	 * sent to this channel go out on, or {@code null} when this process only receives
	 * @param receiveSocket the name of a declared SUB, XSUB or PULL socket whose messages
	 * go to this channel's subscribers, or {@code null} when this process only sends
	 */
	public ZmqMessageChannel(@Nullable String sendSocket, @Nullable String receiveSocket) {
		Assert.isTrue(sendSocket != null || receiveSocket != null, "A send socket, a receive socket or both is needed");
		this.sendSocket = sendSocket;
		this.receiveSocket = receiveSocket;
	}

	/**
	 * Set the topic of the messages sent on a PUB or XPUB socket; the receiving SUB
	 * sockets subscribe to it.
	 * @param topic the topic (default empty)
	 */
	public void setTopic(String topic) {
		Assert.notNull(topic, "'topic' must not be null");
		this.topic = topic;
	}

	/**
	 * Set the type that received payloads are converted to.
	 * @param payloadType the type; {@code byte[]} (the default) leaves the frame as is
	 */
	public void setPayloadType(Class<?> payloadType) {
		Assert.notNull(payloadType, "'payloadType' must not be null");
		this.payloadType = payloadType;
	}

	/**
	 * Set whether the channel starts receiving with the application.
	 * @param autoStartup whether to start automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set the lifecycle phase.
	 * @param phase the phase
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

	/**
	 * Set the components this channel uses, instead of looking them up in the bean
	 * factory.
	 * @param components the components
	 */
	public void setComponents(ZmqIntegrationComponents components) {
		this.components = components;
	}

	@Override
	public String getComponentType() {
		return "zmq:channel";
	}

	@Override
	protected void onInit() {
		super.onInit();
		if (this.components == null) {
			this.components = ZmqIntegrationComponents.of(getBeanFactory());
		}
		String name = "channel '" + getComponentName() + "'";
		if (this.sendSocket != null) {
			ZmqSocketSpec spec = ZmqIntegrationSupport.checkType(this.components.getSocketManager(), this.sendSocket,
					SEND_TYPES, name);
			this.publisher = spec.isPublisher();
		}
		if (this.receiveSocket != null) {
			ZmqSocketSpec spec = ZmqIntegrationSupport.checkType(this.components.getSocketManager(), this.receiveSocket,
					RECEIVE_TYPES, name);
			if (spec.getType() == SocketType.PULL) {
				this.dispatcher = new UnicastingDispatcher();
			}
			else {
				BroadcastingDispatcher broadcasting = new BroadcastingDispatcher(true);
				broadcasting.setBeanFactory(getBeanFactory());
				this.dispatcher = broadcasting;
			}
			this.container = ZmqIntegrationSupport.registerContainer(this.components,
					"integration:" + this.receiveSocket, this.receiveSocket, RECEIVE_TYPES, name, new Receiver(), 1);
		}
		else {
			this.dispatcher = new UnicastingDispatcher();
		}
	}

	@Override
	protected boolean doSend(Message<?> message, long timeout) {
		Assert.state(this.components != null, "The channel is not initialized");
		Assert.state(this.sendSocket != null, () -> "Channel '" + getComponentName() + "' only receives");
		Object wire = ZmqIntegrationSupport.toWire(message);
		if (this.publisher) {
			this.components.getOperations().publish(this.sendSocket, this.topic, wire);
		}
		else {
			this.components.getOperations().send(this.sendSocket, wire);
		}
		return true;
	}

	@Override
	public boolean subscribe(MessageHandler handler) {
		Assert.state(this.dispatcher != null, "The channel is not initialized");
		return this.dispatcher.addHandler(handler);
	}

	@Override
	public boolean unsubscribe(MessageHandler handler) {
		return this.dispatcher != null && this.dispatcher.removeHandler(handler);
	}

	@Override
	public void start() {
		if (this.container != null) {
			this.container.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.container != null) {
			this.container.stop();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * What the container invokes for each received message.
	 */
	private final class Receiver {

		public void receive(Message<byte[]> received) {
			ZmqMessageChannel channel = ZmqMessageChannel.this;
			Message<?> message = ZmqIntegrationSupport.toFlowMessage(received, channel.payloadType,
					channel.components.getMessageConverter(),
					"Channel '" + getComponentName() + "' on socket '" + channel.receiveSocket + "'");
			channel.dispatcher.dispatch(message);
		}

	}

}
