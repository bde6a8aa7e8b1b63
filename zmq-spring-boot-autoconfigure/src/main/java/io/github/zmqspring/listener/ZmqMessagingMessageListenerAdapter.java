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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.github.zmqspring.convert.ZmqHeaderMapper;
import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.convert.ZmqMetadataException;
import io.github.zmqspring.convert.ZmqPayloadConverter;
import io.github.zmqspring.observation.ZmqListenerObservations;
import io.github.zmqspring.core.ZmqHeaders;
import io.github.zmqspring.core.ZmqStreamEvent;
import io.github.zmqspring.core.socket.ZmqSocketOwner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZFrame;
import org.zeromq.ZMsg;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeType;

/**
 * Turns the frames of a received ZeroMQ message into a spring-messaging {@link Message
 * Message&lt;byte[]&gt;} and invokes the listener's handler method with it. The payload
 * is the last frame; for SUB and XSUB sockets the first frame is the topic (header
 * {@link ZmqHeaders#TOPIC}); an optional metadata frame just before the payload
 * (docs/wire-format.md) becomes headers, its {@code content-type} also the
 * {@link MessageHeaders#CONTENT_TYPE} that converters read.
 * <p>
 * {@link #onMessage(ZMsg, ReplySender)} is the whole path of one message, as in
 * spring-kafka's listener adapters: build the message, invoke the handler, and on REP and
 * ROUTER sockets {@link #handleResult handle the result} and {@link #sendResponse send
 * the response} (a returned {@link CompletionStage} replies when it completes). A failure
 * goes to the {@link ZmqListenerErrorHandler}, which may return the reply; otherwise an
 * error reply goes back (docs/wire-format.md) disclosing what the
 * {@link ZmqErrorReplyDetail} allows, so the requester does not wait for its timeout.
 *
 * @author zmq-spring-boot
 */
public class ZmqMessagingMessageListenerAdapter {

	private static final Log logger = LogFactory.getLog(ZmqMessagingMessageListenerAdapter.class);

	private final InvocableHandlerMethod handlerMethod;

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final boolean replying;

	private final boolean stream;

	/** Whether the method takes the stream event header: only then do events reach it. */
	private final boolean wantsStreamEvents;

	/** The open connections of a STREAM socket, to tell a connect from a disconnect. */
	private final Set<ByteBuffer> connections = ConcurrentHashMap.newKeySet();

	private final String description;

	private ZmqListenerErrorHandler errorHandler = new LoggingZmqListenerErrorHandler();

	private ZmqPayloadConverter replyConverter = new ZmqPayloadConverter(ZmqMessageConverters.defaultConverter());

	private ZmqErrorReplyDetail errorReplyDetail = ZmqErrorReplyDetail.CLASS_AND_MESSAGE;

	private final String listenerId;

	private final String socketName;

	private final SocketType socketType;

	private @Nullable MimeType defaultContentType;

	private volatile @Nullable ZmqListenerObservations observations;

	private boolean messageIdAndTimestamp;

	private @Nullable Predicate<String> metadataHeaderFilter;

	private boolean rawMessageHeader = true;

	/** Whether the handler reads the frames itself (a ZMsg parameter): any count goes. */
	private final boolean readsFrames;

	/**
	 * Whether every parameter of the handler is a payload: then a message gets only the
	 * headers its conversion reads (its metadata and the default content type), not the
	 * {@code zmq_*} map that nothing would read.
	 */
	private final boolean payloadOnly;

	/** The headers of a payload-only message without metadata: shared, immutable. */
	private volatile MessageHeaders payloadOnlyHeaders = new ReceivedHeaders(Map.of());

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
		this.replying = socketType == SocketType.REP || socketType == SocketType.ROUTER;
		this.stream = socketType == SocketType.STREAM;
		this.wantsStreamEvents = Arrays.stream(handlerMethod.getMethodParameters()).anyMatch((parameter) -> {
			Header header = parameter.getParameterAnnotation(Header.class);
			return header != null && (ZmqHeaders.STREAM_EVENT.equals(header.name())
					|| ZmqHeaders.STREAM_EVENT.equals(header.value()));
		});
		this.description = "Listener '" + listenerId + "' on " + socketType + " socket '" + socketName + "'";
		this.payloadOnly = Arrays.stream(handlerMethod.getMethodParameters())
			.noneMatch(ZmqMessagingMessageListenerAdapter::readsHeaders);
	}

	// a parameter that the default resolvers fill from headers rather than the payload
	private static boolean readsHeaders(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return parameter.hasParameterAnnotation(Header.class) || parameter.hasParameterAnnotation(Headers.class)
				|| Message.class.isAssignableFrom(type) || MessageHeaders.class.isAssignableFrom(type)
				|| MessageHeaderAccessor.class.isAssignableFrom(type) || ZMsg.class.isAssignableFrom(type)
				|| ZFrame.class.isAssignableFrom(type);
	}

	/**
	 * @return whether the handler takes only payload parameters, so that messages are
	 * built without the {@code zmq_*} headers when no observation needs them
	 */
	public boolean isPayloadOnly() {
		return this.payloadOnly;
	}

	/**
	 * Set whether messages with the {@code zmq_*} headers carry the raw frames (see
	 * {@link ZmqListenerEndpoint#setRawMessageHeader}).
	 * @param rawMessageHeader whether to add them (default {@code true})
	 */
	public void setRawMessageHeader(boolean rawMessageHeader) {
		this.rawMessageHeader = rawMessageHeader;
	}

	/**
	 * Set whether each received message's headers carry a fresh {@code id} and
	 * {@code timestamp} (see {@link ZmqListenerEndpoint#setMessageIdAndTimestamp}).
	 * @param messageIdAndTimestamp whether to add them
	 */
	public void setMessageIdAndTimestamp(boolean messageIdAndTimestamp) {
		this.messageIdAndTimestamp = messageIdAndTimestamp;
	}

	/**
	 * Set which headers other than {@code zmq_*} a received message keeps (see
	 * {@link ZmqListenerEndpoint#setMetadataHeaderFilter}).
	 * @param metadataHeaderFilter the filter, or {@code null} to keep all
	 */
	public void setMetadataHeaderFilter(@Nullable Predicate<String> metadataHeaderFilter) {
		this.metadataHeaderFilter = metadataHeaderFilter;
	}

	/**
	 * Set the error handler told of every failure.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(ZmqListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/**
	 * Set the converter of replies (return values) to a frame.
	 * @param messageConverter the converter
	 */
	public void setReplyConverter(MessageConverter messageConverter) {
		this.replyConverter = new ZmqPayloadConverter(messageConverter);
	}

	/**
	 * Set what an error reply discloses about the failure.
	 * @param errorReplyDetail the detail ({@link ZmqErrorReplyDetail#CLASS_AND_MESSAGE}
	 * by default)
	 */
	public void setErrorReplyDetail(ZmqErrorReplyDetail errorReplyDetail) {
		this.errorReplyDetail = errorReplyDetail;
	}

	/**
	 * @return the messages whose processing failed so far (unreadable ones included)
	 */
	public long getErrorCount() {
		return this.errors.get();
	}

	/**
	 * @return the messages whose frames could not be read (bad metadata, wrong frame
	 * count, no envelope) so far
	 */
	public long getUnreadableCount() {
		return this.unreadable.get();
	}

	/**
	 * Process one received message: build it, invoke the handler and, on REP and ROUTER
	 * sockets, send the reply through {@code replies}.
	 * @param msg the received frames (on REP and ROUTER sockets, the routing id first)
	 * @param replies where replies go
	 */
	public void onMessage(ZMsg msg, ReplySender replies) {
		if (this.stream) {
			onStreamMessage(msg, replies);
			return;
		}
		ZMsg envelope = null;
		if (this.replying) {
			try {
				envelope = ZmqReplyEnvelopes.split(msg, this.socketType == SocketType.REP, this.description);
			}
			catch (RuntimeException ex) {
				// unreadable frames go to the error handler like any conversion error,
				// as raw frames
				this.unreadable.incrementAndGet();
				handleFailure(unreadableMessage(msg), ex, null, replies);
				return;
			}
		}
		receive(ZmqSocketOwner.toFrames(msg), msg, envelope, replies);
	}

	/**
	 * Process one received message given as its frames, as
	 * {@link #onMessage(ZMsg, ReplySender)} does; a {@link ZMsg} is made only when the
	 * handler or its headers need one (the listener containers' path).
	 * @param frames the received frames (on REP and ROUTER sockets, the routing id first)
	 * @param replies where replies go
	 */
	public void onMessage(byte[][] frames, ReplySender replies) {
		if (this.stream || this.replying) {
			onMessage(ZmqSocketOwner.toMsg(frames), replies);
			return;
		}
		receive(frames, null, null, replies);
	}

	/**
	 * Build the message, invoke the handler and handle its result or failure.
	 * @param frames the frames after the envelope
	 * @param raw the same frames as a {@link ZMsg}, or {@code null} to make one only if
	 * needed
	 */
	private void receive(byte[][] frames, @Nullable ZMsg raw, @Nullable ZMsg envelope, ReplySender replies) {
		Message<byte[]> message;
		boolean lean = this.payloadOnly && this.observations == null;
		try {
			message = buildMessage(frames, raw, envelope, lean);
		}
		catch (RuntimeException ex) {
			// unreadable frames go to the error handler like any conversion error, as raw
			// frames
			this.unreadable.incrementAndGet();
			handleFailure(unreadableMessage(raw(frames, raw)), ex, envelope, replies);
			return;
		}
		Object result;
		try {
			result = invoke(message);
		}
		catch (Exception ex) {
			// the error handler sees every header, as before
			handleFailure(lean ? buildMessage(frames, raw, envelope, false) : message, ex, envelope, replies);
			return;
		}
		if (envelope != null) {
			handleResult(result,
					(lean && result instanceof CompletionStage) ? buildMessage(frames, raw, envelope, false) : message,
					envelope, replies);
		}
		else if (result != null && logger.isDebugEnabled()) {
			logger.debug(
					this.description + " returned a result that a " + this.socketType + " socket cannot send; ignored");
		}
	}

	private static ZMsg raw(byte[][] frames, @Nullable ZMsg raw) {
		return (raw != null) ? raw : ZmqSocketOwner.toMsg(frames);
	}

	private void onStreamMessage(ZMsg msg, ReplySender replies) {
		if (msg.size() != 2) {
			this.unreadable.incrementAndGet();
			handleFailure(unreadableMessage(msg), new MessageConversionException(
					this.description + " received " + msg.size() + " frames where [routing id][data] was expected"),
					null, replies);
			return;
		}
		ZFrame id = msg.pop();
		ZFrame data = msg.peekFirst();
		ZmqStreamEvent event = null;
		if (data.size() == 0) {
			ByteBuffer key = ByteBuffer.wrap(id.getData());
			event = this.connections.add(key) ? ZmqStreamEvent.CONNECTED : ZmqStreamEvent.DISCONNECTED;
			if (event == ZmqStreamEvent.DISCONNECTED) {
				this.connections.remove(key);
			}
			if (!this.wantsStreamEvents) {
				return;
			}
		}
		ZMsg envelope = new ZMsg();
		envelope.add(id);
		Message<byte[]> message;
		try {
			message = toMessage(msg, envelope);
		}
		catch (RuntimeException ex) {
			this.unreadable.incrementAndGet();
			handleFailure(unreadableMessage(msg), ex, null, replies);
			return;
		}
		if (event != null) {
			// the same headers (and id, if any) and the event
			ReceivedHeaders headers = new ReceivedHeaders(false);
			headers.fill().putAll(message.getHeaders());
			headers.fill().put(ZmqHeaders.STREAM_EVENT, event);
			message = new GenericMessage<>(message.getPayload(), headers);
		}
		Object result;
		try {
			result = invoke(message);
		}
		catch (Exception ex) {
			// a STREAM peer speaks raw TCP: no error reply, only the error handler
			handleFailure(message, ex, null, replies);
			return;
		}
		if (result != null) {
			handleResult(result, message, envelope, replies);
		}
	}

	/**
	 * Handle the handler's result on a replying socket: wait for a
	 * {@link CompletionStage}, convert the value and {@link #sendResponse send} it.
	 * @param result the handler's result
	 * @param request the request
	 * @param envelope the request's envelope (consumed)
	 * @param replies where the reply goes
	 */
	protected void handleResult(@Nullable Object result, Message<?> request, ZMsg envelope, ReplySender replies) {
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, failure) -> {
				if (failure != null) {
					handleFailure(request, ZmqReplyEnvelopes.unwrap(failure), envelope, replies);
				}
				else {
					handleResult(value, request, envelope, replies);
				}
			});
			return;
		}
		byte[] frame;
		byte[] metadata = null;
		if (result == null) {
			if (this.socketType != SocketType.REP) {
				return; // a ROUTER or STREAM handler may answer nothing; REP must answer
			}
			frame = new byte[0];
		}
		else {
			try {
				frame = this.replyConverter.toFrame(result, this.socketName, this.defaultContentType);
				// a Message's headers travel in the metadata frame (docs/wire-format.md)
				if (result instanceof Message<?> message && this.socketType != SocketType.STREAM) {
					metadata = ZmqHeaderMapper.metadataFrame(message.getHeaders(), this.socketName);
				}
			}
			catch (RuntimeException ex) {
				handleFailure(request, ex, envelope, replies);
				return;
			}
		}
		if (metadata != null) {
			envelope.add(metadata);
		}
		sendResponse(envelope, frame, replies);
	}

	/**
	 * Send a reply frame behind the request's envelope.
	 * @param envelope the request's envelope (consumed)
	 * @param frame the reply's payload frame
	 * @param replies where the reply goes
	 */
	protected void sendResponse(ZMsg envelope, byte[] frame, ReplySender replies) {
		envelope.add(frame);
		replies.send(envelope);
	}

	private void handleFailure(Message<?> message, Throwable failure, @Nullable ZMsg envelope, ReplySender replies) {
		this.errors.incrementAndGet();
		ZmqListenerExecutionFailedException wrapped = new ZmqListenerExecutionFailedException(this.listenerId,
				this.socketName, failure);
		Object reply = null;
		try {
			reply = this.errorHandler.handleErrorAndReply(message, wrapped);
		}
		catch (RuntimeException handlerEx) {
			logger.error("Error handler of listener '" + this.listenerId + "' failed", handlerEx);
		}
		if (envelope == null) {
			return;
		}
		if (reply != null) {
			try {
				sendResponse(envelope.duplicate(),
						this.replyConverter.toFrame(reply, this.socketName, this.defaultContentType), replies);
				return;
			}
			catch (RuntimeException ex) {
				logger.error("The reply of the error handler of listener '" + this.listenerId
						+ "' cannot be converted; an error reply goes back", ex);
			}
		}
		replies.send(ZmqReplyEnvelopes.errorReply(envelope, failure, this.errorReplyDetail));
	}

	private Message<byte[]> unreadableMessage(ZMsg msg) {
		ZFrame last = msg.peekLast();
		return MessageBuilder.withPayload((last != null) ? last.getData() : new byte[0])
			.setHeader(ZmqHeaders.SOCKET, this.socketName)
			.setHeader(ZmqHeaders.LISTENER_ID, this.listenerId)
			.setHeader(ZmqHeaders.FRAMES, msg.size())
			.setHeader(ZmqHeaders.RAW_MESSAGE, msg)
			.build();
	}

	/**
	 * Where the replies of a REP or ROUTER listener go: its socket, written without
	 * waiting (a reply to a peer that is gone or over its high-water mark is dropped and
	 * counted).
	 */
	@FunctionalInterface
	public interface ReplySender {

		/**
		 * Send a reply.
		 * @param reply the frames, envelope first
		 * @return whether the socket took it
		 */
		boolean send(ZMsg reply);

	}

	/**
	 * Set the content type of received payloads that name none in their metadata.
	 * @param defaultContentType the content type, or {@code null} for none
	 */
	public void setDefaultContentType(@Nullable MimeType defaultContentType) {
		this.defaultContentType = defaultContentType;
		this.payloadOnlyHeaders = new ReceivedHeaders(
				(defaultContentType != null) ? Map.of(MessageHeaders.CONTENT_TYPE, defaultContentType) : Map.of());
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
		return buildMessage(ZmqSocketOwner.toFrames(msg), msg, envelope, false);
	}

	/**
	 * Build the message; a lean one carries only the headers conversion reads.
	 */
	private Message<byte[]> buildMessage(byte[][] frames, @Nullable ZMsg raw, @Nullable ZMsg envelope, boolean lean) {
		boolean subscriber = this.socketType == SocketType.SUB || this.socketType == SocketType.XSUB;
		// docs/wire-format.md: metadata only when there is exactly one frame more than
		// the plain form and it carries the signature, so plain peers are never misread
		int plainFrames = subscriber ? 2 : 1;
		byte[] metadataFrame = null;
		if (frames.length == plainFrames + 1) {
			byte[] candidate = frames[subscriber ? 1 : 0];
			if (ZmqMetadataCodec.isMetadataFrame(candidate)) {
				metadataFrame = candidate;
			}
		}
		boolean metadata = metadataFrame != null;
		if (!this.readsFrames && frames.length > plainFrames + (metadata ? 1 : 0)) {
			throw tooManyFrames(frames.length, subscriber);
		}
		byte[] payload = (frames.length > 0) ? frames[frames.length - 1] : new byte[0];
		if (lean && metadataFrame == null && !this.messageIdAndTimestamp) {
			return new GenericMessage<>(payload, payloadOnlyHeaders());
		}
		// one map, the message's own: filled in place, never copied
		ReceivedHeaders received = new ReceivedHeaders(this.messageIdAndTimestamp);
		Map<String, Object> headers = received.fill();
		if (lean) {
			putMetadata(headers, metadataFrame);
			return new GenericMessage<>(payload, received);
		}
		headers.put(ZmqHeaders.SOCKET, this.socketName);
		headers.put(ZmqHeaders.SOCKET_TYPE, this.socketType);
		headers.put(ZmqHeaders.LISTENER_ID, this.listenerId);
		headers.put(ZmqHeaders.FRAMES, frames.length);
		if (this.rawMessageHeader || this.readsFrames) {
			// a ZMsg parameter is resolved from this header (ZmqMsgArgumentResolver)
			headers.put(ZmqHeaders.RAW_MESSAGE, raw(frames, raw));
		}
		if (envelope != null && !envelope.isEmpty()) {
			headers.put(ZmqHeaders.ROUTING_ID, envelope.getFirst().getData());
		}
		if (subscriber && frames.length > 1) {
			headers.put(ZmqHeaders.TOPIC, new String(frames[0], StandardCharsets.UTF_8));
		}
		putMetadata(headers, metadataFrame);
		return new GenericMessage<>(payload, received);
	}

	/**
	 * Put the metadata frame's headers (never its {@code id} and {@code timestamp}: the
	 * received message's own are fresh or absent) and the default content type, those
	 * that the filter keeps.
	 */
	private void putMetadata(Map<String, Object> headers, byte @Nullable [] metadataFrame) {
		Predicate<String> filter = this.metadataHeaderFilter;
		if (metadataFrame != null) {
			for (Map.Entry<String, Object> header : ZmqHeaderMapper.toHeaders(ZmqMetadataCodec.decode(metadataFrame))
				.entrySet()) {
				String name = header.getKey();
				if (!MessageHeaders.ID.equals(name) && !MessageHeaders.TIMESTAMP.equals(name)
						&& (filter == null || name.startsWith(ZmqHeaders.PREFIX) || filter.test(name))) {
					headers.put(name, header.getValue());
				}
			}
		}
		if (this.defaultContentType != null && (filter == null || filter.test(MessageHeaders.CONTENT_TYPE))) {
			headers.putIfAbsent(MessageHeaders.CONTENT_TYPE, this.defaultContentType);
		}
	}

	// a single-frame SUB message (topic and payload in one, as many publishers send) is
	// fewer frames, not more, and stays accepted
	private MessageConversionException tooManyFrames(int frames, boolean subscriber) {
		return new MessageConversionException("Listener '" + this.listenerId + "' on " + this.socketType + " socket '"
				+ this.socketName + "' received " + frames + " frames where " + (subscriber ? "[topic] " : "")
				+ "[metadata]? [payload] was expected (docs/wire-format.md); "
				+ "take a ZMsg parameter to read multi-frame messages");
	}

	private MessageHeaders payloadOnlyHeaders() {
		return this.payloadOnlyHeaders;
	}

	/**
	 * Invoke the handler method.
	 * @param message the message
	 * @return the handler's result, {@code null} for a {@code void} method
	 * @throws Exception whatever the argument resolution or the handler throws
	 */
	public Object invoke(Message<?> message) throws Exception {
		ZmqListenerObservations observations = this.observations;
		if (observations == null) {
			return this.handlerMethod.invoke(message);
		}
		return observations.observe(message, this.listenerId, this.socketName, this.socketType.name(),
				() -> this.handlerMethod.invoke(message));
	}

	/**
	 * Set the observations wrapped around each message's processing
	 * ({@code zmq.listener}).
	 * @param observations the observations, or {@code null} for none
	 */
	public void setObservations(@Nullable ZmqListenerObservations observations) {
		this.observations = observations;
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

		/**
		 * Empty headers, to be filled through {@link #fill()} before the message is
		 * handed on.
		 * @param idAndTimestamp whether to carry a fresh id and timestamp
		 */
		ReceivedHeaders(boolean idAndTimestamp) {
			super(null, idAndTimestamp ? null : ID_VALUE_NONE, idAndTimestamp ? null : -1L);
		}

		/** The headers' own map: filled only by the thread that made them, before use. */
		Map<String, Object> fill() {
			return getRawHeaders();
		}

	}

}
