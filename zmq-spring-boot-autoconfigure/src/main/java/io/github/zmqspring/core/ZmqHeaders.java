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
package io.github.zmqspring.core;

/**
 * The names of the message headers this library sets on received messages. Every name
 * starts with {@code zmq_}.
 *
 * @author zmq-spring-boot
 */
public final class ZmqHeaders {

	/** The common prefix of every header name. */
	public static final String PREFIX = "zmq_";

	/**
	 * The topic of a message received by a SUB or XSUB socket (its first frame), as a
	 * String.
	 */
	public static final String TOPIC = PREFIX + "topic";

	/** The name of the socket that received the message. */
	public static final String SOCKET = PREFIX + "socket";

	/** The id of the listener that received the message. */
	public static final String LISTENER_ID = PREFIX + "listenerId";

	/** The number of frames of the received message. */
	public static final String FRAMES = PREFIX + "frames";

	/** The received message as JeroMQ read it (an {@code org.zeromq.ZMsg}). */
	public static final String RAW_MESSAGE = PREFIX + "rawMessage";

	/**
	 * The type of the socket that received the message (an
	 * {@code org.zeromq.SocketType}).
	 */
	public static final String SOCKET_TYPE = PREFIX + "socketType";

	/**
	 * The routing id of the peer that sent a request to a REP or ROUTER listener, or of
	 * the TCP connection a STREAM listener received from (a {@code byte[]}: the first
	 * frame of its envelope).
	 */
	public static final String ROUTING_ID = PREFIX + "routingId";

	/**
	 * On a STREAM listener, the connection event a message stands for (a
	 * {@link ZmqStreamEvent}); absent on data. Events reach only a method that takes this
	 * header as a parameter, such as
	 * {@code @Header(name = ZmqHeaders.STREAM_EVENT, required = false) ZmqStreamEvent event};
	 * an event's payload is empty, so such a method takes its payload with
	 * {@code @Payload(required = false)}.
	 */
	public static final String STREAM_EVENT = PREFIX + "streamEvent";

	private ZmqHeaders() {
	}

}
