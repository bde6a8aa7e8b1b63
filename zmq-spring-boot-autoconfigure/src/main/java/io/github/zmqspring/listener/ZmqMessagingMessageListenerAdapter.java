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
package io.github.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.github.zmqspring.convert.ZmqHeaderMapper;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.convert.ZmqMetadataException;
import io.github.zmqspring.core.ZmqHeaders;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZFrame;
import org.zeromq.ZMsg;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.MimeType;

/**
 * Turns the frames of a received ZeroMQ message into a spring-messaging {@link Message
 * Message&lt;byte[]&gt;} and invokes the listener's handler method with it. The payload
 * is the last frame; for SUB and XSUB sockets the first frame is the topic (header
 * {@link ZmqHeaders#TOPIC}); an optional metadata frame just before the payload
 * (docs/wire-format.md) becomes headers, its {@code content-type} also the
 * {@link MessageHeaders#CONTENT_TYPE} that converters read.
 * <p>
 * {@link #invoke(Message)} returns the handler's result so that the container can decide
 * what to do with it (send it back as the reply on REP and ROUTER sockets).
 *
 * @author zmq-spring-boot
 */
public class ZmqMessagingMessageListenerAdapter {

	private final InvocableHandlerMethod handlerMethod;

	private final String listenerId;

	private final String socketName;

	private final SocketType socketType;

	private @Nullable MimeType defaultContentType;

	/** Whether the handler reads the frames itself (a ZMsg parameter): any count goes. */
	private final boolean readsFrames;

	/**
	 * Create an adapter.
	 * @param handlerMethod the handler method
	 * @param listenerId the listener's id
	 * @param socketName the name of the listener's socket
	 * @param socketType the type of the listener's socket
	 */
	public ZmqMessagingMessageListenerAdapter(InvocableHandlerMethod handlerMethod, String listenerId,
			String socketName, SocketType socketType) {
		this.handlerMethod = handlerMethod;
		this.listenerId = listenerId;
		this.socketName = socketName;
		this.socketType = socketType;
		this.readsFrames = Arrays.stream(handlerMethod.getMethodParameters())
			.anyMatch((parameter) -> ZMsg.class.isAssignableFrom(parameter.getParameterType()));
	}

	/**
	 * Set the content type of received payloads that name none in their metadata.
	 * @param defaultContentType the content type, or {@code null} for none
	 */
	public void setDefaultContentType(@Nullable MimeType defaultContentType) {
		this.defaultContentType = defaultContentType;
	}

	/**
	 * Build the message from received frames.
	 * @param msg the received frames (for REP and ROUTER sockets, those after the
	 * envelope)
	 * @param envelope the envelope of a request to a REP or ROUTER socket (routing id,
	 * any further routing frames, the empty delimiter), else {@code null}
	 * @return the message
	 * @throws ZmqMetadataException when the message carries a metadata frame that is
	 * malformed
	 * @throws MessageConversionException when the message has more frames than the plain
	 * form plus metadata and the handler takes no {@code ZMsg} to read them
	 */
	public Message<byte[]> toMessage(ZMsg msg, @Nullable ZMsg envelope) {
		Map<String, Object> headers = new HashMap<>(16);
		headers.put(ZmqHeaders.SOCKET, this.socketName);
		headers.put(ZmqHeaders.SOCKET_TYPE, this.socketType);
		headers.put(ZmqHeaders.LISTENER_ID, this.listenerId);
		headers.put(ZmqHeaders.FRAMES, msg.size());
		headers.put(ZmqHeaders.RAW_MESSAGE, msg);
		if (envelope != null && !envelope.isEmpty()) {
			headers.put(ZmqHeaders.ROUTING_ID, envelope.getFirst().getData());
		}
		boolean subscriber = this.socketType == SocketType.SUB || this.socketType == SocketType.XSUB;
		if (subscriber && msg.size() > 1) {
			headers.put(ZmqHeaders.TOPIC, new String(msg.getFirst().getData(), StandardCharsets.UTF_8));
		}
		// docs/wire-format.md: metadata only when there is exactly one frame more than
		// the plain form and it carries the signature, so plain peers are never misread
		int plainFrames = subscriber ? 2 : 1;
		boolean metadata = false;
		if (msg.size() == plainFrames + 1) {
			byte[] candidate = msg.toArray(new ZFrame[0])[plainFrames - 1].getData();
			if (ZmqMetadataCodec.isMetadataFrame(candidate)) {
				headers.putAll(ZmqHeaderMapper.toHeaders(ZmqMetadataCodec.decode(candidate)));
				metadata = true;
			}
		}
		if (!this.readsFrames && msg.size() > plainFrames + (metadata ? 1 : 0)) {
			// a single-frame SUB message (topic and payload in one, as many publishers
			// send) is fewer frames, not more, and stays accepted
			throw new MessageConversionException("Listener '" + this.listenerId + "' on " + this.socketType
					+ " socket '" + this.socketName + "' received " + msg.size() + " frames where "
					+ (subscriber ? "[topic] " : "") + "[metadata]? [payload] was expected (docs/wire-format.md); "
					+ "take a ZMsg parameter to read multi-frame messages");
		}
		if (this.defaultContentType != null) {
			headers.putIfAbsent(MessageHeaders.CONTENT_TYPE, this.defaultContentType);
		}
		ZFrame last = msg.peekLast();
		byte[] payload = (last != null) ? last.getData() : new byte[0];
		return new GenericMessage<>(payload, new ReceivedHeaders(headers));
	}

	/**
	 * Invoke the handler method.
	 * @param message the message
	 * @return the handler's result, {@code null} for a {@code void} method
	 * @throws Exception whatever the argument resolution or the handler throws
	 */
	public Object invoke(Message<?> message) throws Exception {
		return this.handlerMethod.invoke(message);
	}

	/**
	 * The headers of a received message, built once without the random {@code id} and the
	 * {@code timestamp} that {@link MessageHeaders} would add: on the receive path they
	 * cost a UUID and two map copies per message, and nothing here reads them (as in
	 * spring-kafka's listener adapters).
	 */
	private static final class ReceivedHeaders extends MessageHeaders {

		ReceivedHeaders(Map<String, Object> headers) {
			super(headers, ID_VALUE_NONE, -1L);
		}

	}

}
