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
public class ZmqConsumerProperties {

	/**
	 * Pattern of the binding: pub-sub (SUB socket) or push-pull (PULL socket); ignored
	 * when the destination names a declared socket, whose type decides.
	 */
	private ZmqPattern pattern = ZmqPattern.PUB_SUB;

	/**
	 * Whether the consumer binds the destination endpoint (else it connects, the
	 * default); a discovery:// destination is bound at the bind address and announced.
	 */
	private boolean bind;

	/**
	 * Endpoint bound and announced when a consumer binds a discovery:// destination.
	 */
	private String bindAddress = "tcp://127.0.0.1:0";

	/**
	 * Topic prefixes a pub-sub consumer subscribes to; empty subscribes to everything.
	 */
	private List<String> topics = new ArrayList<>();

	public ZmqPattern getPattern() {
		return this.pattern;
	}

	public void setPattern(ZmqPattern pattern) {
		this.pattern = pattern;
	}

	public boolean isBind() {
		return this.bind;
	}

	public void setBind(boolean bind) {
		this.bind = bind;
	}

	public String getBindAddress() {
		return this.bindAddress;
	}

	public void setBindAddress(String bindAddress) {
		this.bindAddress = bindAddress;
	}

	public List<String> getTopics() {
		return this.topics;
	}

	public void setTopics(List<String> topics) {
		this.topics = topics;
	}

}
