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

/**
 * What producer and consumer bindings share: the messaging pattern and whether the
 * binding binds or connects its destination.
 *
 * @author zmq-spring-boot
 */
public abstract class ZmqEndpointProperties {

	/**
	 * Pattern of the binding: pub-sub (PUB/SUB sockets) or push-pull (PUSH/PULL); ignored
	 * when the destination names a declared socket, whose type decides.
	 */
	private ZmqPattern pattern = ZmqPattern.PUB_SUB;

	/**
	 * Whether the binding binds the destination endpoint (else it connects); producers
	 * bind by default, consumers connect. A discovery:// destination is bound at the bind
	 * address and announced.
	 */
	private boolean bind;

	/**
	 * Endpoint bound and announced for a discovery:// destination that this binding
	 * binds.
	 */
	private String bindAddress = "tcp://127.0.0.1:0";

	/**
	 * @param bind whether the binding binds its destination unless told otherwise
	 */
	protected ZmqEndpointProperties(boolean bind) {
		this.bind = bind;
	}

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

}
