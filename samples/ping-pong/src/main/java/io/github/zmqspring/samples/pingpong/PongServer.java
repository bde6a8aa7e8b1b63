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
package io.github.zmqspring.samples.pingpong;

import java.util.concurrent.atomic.AtomicLong;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.samples.pingpong.PingPongApplication.Ping;
import io.github.zmqspring.samples.pingpong.PingPongApplication.Pong;
import org.zeromq.SocketType;

import org.springframework.stereotype.Component;

/**
 * The server: a REP listener whose return value is the reply. A ping saying "boom" makes
 * the handler throw, and the caller gets the error at once as a remote exception.
 */
@Component
public class PongServer {

	private final AtomicLong served = new AtomicLong();

	@ZmqListener(id = "pong", type = SocketType.REP, bind = "tcp://127.0.0.1:${ping-pong.port}")
	Pong pong(Ping ping) {
		if ("boom".equals(ping.text())) {
			throw new IllegalArgumentException("ping " + ping.seq() + " asked for an explosion");
		}
		return new Pong(ping.seq(), "pong", this.served.incrementAndGet());
	}

	/**
	 * @return the pings answered so far
	 */
	public long getServed() {
		return this.served.get();
	}

}
