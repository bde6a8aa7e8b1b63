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
package io.github.zmqspring.integration.dsl;

import io.github.zmqspring.integration.ZmqMessageChannel;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.dsl.MessageChannelSpec;

/**
 * Configures a {@link ZmqMessageChannel}.
 *
 * @author zmq-spring-boot
 */
public class ZmqMessageChannelSpec extends MessageChannelSpec<ZmqMessageChannelSpec, ZmqMessageChannel> {

	/**
	 * Create a spec.
	 * @param id the channel's bean name, or {@code null}
	 * @param sendSocket a declared PUB, XPUB or PUSH socket, or {@code null}
	 * @param receiveSocket a declared SUB, XSUB or PULL socket, or {@code null}
	 */
	protected ZmqMessageChannelSpec(@Nullable String id, @Nullable String sendSocket, @Nullable String receiveSocket) {
		this.channel = new ZmqMessageChannel(sendSocket, receiveSocket);
		if (id != null) {
			id(id);
		}
	}

	/**
	 * Publish under this topic (PUB and XPUB send sockets).
	 * @param topic the topic (empty by default)
	 * @return the spec
	 */
	public ZmqMessageChannelSpec topic(String topic) {
		this.channel.setTopic(topic);
		return this;
	}

	/**
	 * Convert received payloads to this type with the application's converters.
	 * @param payloadType the type ({@code byte[]} by default)
	 * @return the spec
	 */
	public ZmqMessageChannelSpec payloadType(Class<?> payloadType) {
		this.channel.setPayloadType(payloadType);
		return this;
	}

	/**
	 * Whether the channel starts receiving with the application.
	 * @param autoStartup whether to start automatically
	 * @return the spec
	 */
	public ZmqMessageChannelSpec autoStartup(boolean autoStartup) {
		this.channel.setAutoStartup(autoStartup);
		return this;
	}

}
