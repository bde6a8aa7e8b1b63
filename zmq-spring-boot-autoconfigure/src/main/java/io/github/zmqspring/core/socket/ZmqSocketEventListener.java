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

import org.zeromq.ZEvent;

/**
 * Told of the events of every socket a {@link ZmqSocketFactory} opens (connections,
 * disconnections, failed handshakes...), from JeroMQ's socket event hook. It runs on the
 * thread that owns the socket, when that thread touches the socket, so it must be short
 * and must not touch the socket.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqSocketEventListener {

	/**
	 * Called for each event of a socket.
	 * @param spec the socket's spec
	 * @param event the event
	 */
	void onEvent(ZmqSocketSpec spec, ZEvent event);

}
