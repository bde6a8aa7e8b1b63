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

import java.util.ArrayList;
import java.util.List;

/**
 * ZeroMQ settings of a consumer binding,
 * {@code spring.cloud.stream.zmq.bindings.<name>.consumer.*}.
 *
 * @author zmq-spring-boot
 */
public class ZmqConsumerProperties extends ZmqEndpointProperties {

	/**
	 * Topic prefixes a pub-sub consumer subscribes to; empty subscribes to everything.
	 */
	private List<String> topics = new ArrayList<>();

	/**
	 * Create the settings with their defaults: the consumer connects to its destination.
	 */
	public ZmqConsumerProperties() {
		super(false);
	}

	public List<String> getTopics() {
		return this.topics;
	}

	public void setTopics(List<String> topics) {
		this.topics = topics;
	}

}
