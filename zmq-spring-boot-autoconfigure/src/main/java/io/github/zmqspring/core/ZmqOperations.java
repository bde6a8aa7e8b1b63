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

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.Message;

/**
 * The operations of sending through declared sockets, implemented by {@link ZmqTemplate}.
 * Sockets are named as declared under {@code zmq.sockets}; payloads are converted to one
 * frame ({@code byte[]} as is, {@code String} as UTF-8, anything else as JSON by
 * default). A publish puts the topic in a first frame and the payload in a second.
 * <p>
 * Blocking variants wait for room while the socket is at its high-water mark, for at most
 * the socket's {@code send-timeout} (or {@code zmq.template.send-timeout}), then throw
 * {@link ZmqSendTimeoutException}. The {@code try} variants never wait.
 *
 * @author zmq-spring-boot
 */
public interface ZmqOperations {

	/**
	 * Send a payload as one frame, waiting for room if the socket is full.
	 * @param socket the declared socket's name
	 * @param payload the payload
	 * @throws ZmqSendTimeoutException when there was no room within the send timeout
	 * @throws ZmqException when the socket is not declared, not open or cannot send
	 * @throws org.springframework.messaging.converter.MessageConversionException when the
	 * payload cannot be converted
	 */
	void send(String socket, Object payload);

	/**
	 * Send the payload of a message as one frame, waiting for room if the socket is full.
	 * Its headers may guide the conversion (such as {@code contentType}) but are not
	 * sent.
	 * @param socket the declared socket's name
	 * @param message the message
	 * @throws ZmqSendTimeoutException when there was no room within the send timeout
	 * @throws ZmqException when the socket is not declared, not open or cannot send
	 */
	void send(String socket, Message<?> message);

	/**
	 * Publish a payload under a topic (topic frame, then payload frame) on a PUB or XPUB
	 * socket, waiting for room if the socket is full.
	 * @param socket the declared socket's name
	 * @param topic the topic, sent as UTF-8 in the first frame
	 * @param payload the payload
	 * @throws ZmqSendTimeoutException when there was no room within the send timeout
	 * @throws ZmqException when the socket is not declared, not open or not a publisher
	 */
	void publish(String socket, String topic, Object payload);

	/**
	 * Publish the payload of a message under a topic on a PUB or XPUB socket, waiting for
	 * room if the socket is full. Headers are not sent.
	 * @param socket the declared socket's name
	 * @param topic the topic, sent as UTF-8 in the first frame
	 * @param message the message
	 * @throws ZmqSendTimeoutException when there was no room within the send timeout
	 * @throws ZmqException when the socket is not declared, not open or not a publisher
	 */
	void publish(String socket, String topic, Message<?> message);

	/**
	 * Send a payload as one frame if the socket has room now.
	 * @param socket the declared socket's name
	 * @param payload the payload (or a {@link Message} whose payload is sent)
	 * @return {@code false} when the socket is at its high-water mark
	 * @throws ZmqException when the socket is not declared, not open or cannot send
	 */
	boolean trySend(String socket, Object payload);

	/**
	 * Publish a payload under a topic if the PUB or XPUB socket has room now.
	 * @param socket the declared socket's name
	 * @param topic the topic, sent as UTF-8 in the first frame
	 * @param payload the payload (or a {@link Message} whose payload is sent)
	 * @return {@code false} when the socket is at its high-water mark
	 * @throws ZmqException when the socket is not declared, not open or not a publisher
	 */
	boolean tryPublish(String socket, String topic, Object payload);

	/**
	 * Send a payload, waiting at most {@code timeout} for room (instead of the socket's
	 * send timeout).
	 * @param socket the declared socket's name
	 * @param payload the payload (a {@code ZMsg} or {@code byte[][]} goes frame for
	 * frame)
	 * @param timeout the longest to wait for room
	 * @throws ZmqSendTimeoutException when there was no room in time
	 * @throws ZmqException when the socket is not declared, not open or cannot send
	 */
	void send(String socket, Object payload, Duration timeout);

	/**
	 * Send a payload without waiting: the future completes when the socket took the
	 * message (at once when it has room; else, in order, once it has, for at most the
	 * socket's send timeout).
	 * @param socket the declared socket's name
	 * @param payload the payload
	 * @return a future completed when the socket took the message, failed with
	 * {@link ZmqSendTimeoutException} when it had no room in time
	 * @throws ZmqException when the socket is not declared, not open or cannot send
	 */
	CompletableFuture<Void> sendAsync(String socket, Object payload);

	/**
	 * Send a payload without waiting, with a timeout of its own.
	 * @param socket the declared socket's name
	 * @param payload the payload
	 * @param timeout the longest the message may wait for room
	 * @return a future completed when the socket took the message
	 */
	CompletableFuture<Void> sendAsync(String socket, Object payload, Duration timeout);

	/**
	 * Send a payload to one peer of a ROUTER socket, or one connection of a STREAM
	 * socket, by its routing id: frames {@code [routing id][payload]} (no empty
	 * delimiter: a DEALER peer receives the bare payload). A ROUTER drops a message to an
	 * unknown peer unless {@code router-mandatory} is set.
	 * @param socket the name of a declared ROUTER or STREAM socket
	 * @param routingId the peer's routing id (header {@code zmq_routingId} of what it
	 * sent)
	 * @param payload the payload
	 * @throws ZmqSendTimeoutException when there was no room within the send timeout
	 */
	void sendTo(String socket, byte[] routingId, Object payload);

	/**
	 * Close one TCP connection of a STREAM socket (frames {@code [routing id][empty]}).
	 * @param socket the name of a declared STREAM socket
	 * @param routingId the connection's routing id
	 */
	void closeConnection(String socket, byte[] routingId);

	/**
	 * Receive one message from a declared PULL, SUB, PAIR or DEALER socket that no
	 * listener reads, as {@code RabbitTemplate.receive} does.
	 * @param socket the declared socket's name
	 * @param timeout the longest to wait
	 * @return the message, whose payload is the last frame (headers: socket, frames, the
	 * raw {@code ZMsg}, the topic on SUB, and what a metadata frame carries), or
	 * {@code null} when none arrived in time
	 */
	@Nullable Message<byte[]> receive(String socket, Duration timeout);

	/**
	 * Receive one message and convert its payload, as {@code receive} does.
	 * @param <T> the payload type
	 * @param socket the declared socket's name
	 * @param type the payload type
	 * @param timeout the longest to wait
	 * @return the payload, or {@code null} when none arrived in time
	 */
	<T> @Nullable T receiveAndConvert(String socket, Class<T> type, Duration timeout);

	/**
	 * Wait until a PUB or XPUB socket has at least {@code count} subscriptions (a
	 * subscriber counts once per topic it subscribes to), so that what is published next
	 * reaches them.
	 * @param socket the declared socket's name
	 * @param count the subscriptions to wait for
	 * @param timeout the longest to wait
	 * @return whether the count was reached in time
	 * @throws ZmqException when the socket is not declared, not open or not a publisher
	 */
	boolean awaitSubscribers(String socket, int count, Duration timeout);

	/**
	 * Wait until a socket has at least {@code count} connected peers (handshake
	 * completed). inproc connections are not counted.
	 * @param socket the declared socket's name
	 * @param count the peers to wait for
	 * @param timeout the longest to wait
	 * @return whether the count was reached in time
	 * @throws ZmqException when the socket is not declared or not open
	 */
	boolean awaitPeers(String socket, int count, Duration timeout);

	/**
	 * Send a request through a DEALER socket and wait for its reply, with the template's
	 * default timeout and retries.
	 * @param <T> the reply type
	 * @param socket the name of a declared DEALER socket
	 * @param payload the request payload, or a {@code Message<?>} whose headers travel in
	 * the metadata frame
	 * @param replyType the type the reply is converted to; {@code Message.class} (here
	 * and in every other request method) gives the reply frame as a
	 * {@code Message<byte[]>} whose headers are those of the reply's metadata frame
	 * @return the converted reply
	 * @throws ZmqRequestTimeoutException when every attempt timed out
	 * @throws ZmqRemoteException when the server's handler failed
	 */
	<T> T request(String socket, Object payload, Class<T> replyType);

	/**
	 * Send a request and wait for its reply.
	 * @param <T> the reply type
	 * @param socket the name of a declared DEALER socket
	 * @param payload the request payload, or a {@code Message<?>} whose headers travel in
	 * the metadata frame
	 * @param replyType the type the reply is converted to
	 * @param timeout how long each attempt waits for the reply
	 * @return the converted reply
	 */
	<T> T request(String socket, Object payload, Class<T> replyType, Duration timeout);

	/**
	 * Send a request and wait for a reply of a generic type, such as {@code List<Order>}.
	 * @param <T> the reply type
	 * @param socket the name of a declared DEALER socket
	 * @param payload the request payload, or a {@code Message<?>} whose headers travel in
	 * the metadata frame
	 * @param replyType the type the reply is converted to
	 * @param timeout how long each attempt waits for the reply
	 * @return the converted reply
	 */
	<T> T request(String socket, Object payload, ParameterizedTypeReference<T> replyType, Duration timeout);

	/**
	 * Send a request without blocking; many may be in flight at once over one socket.
	 * @param <T> the reply type
	 * @param socket the name of a declared DEALER socket
	 * @param payload the request payload, or a {@code Message<?>} whose headers travel in
	 * the metadata frame
	 * @param replyType the type the reply is converted to
	 * @return a future of the converted reply
	 */
	<T> CompletableFuture<T> requestAsync(String socket, Object payload, Class<T> replyType);

	/**
	 * Send a request without blocking.
	 * @param <T> the reply type
	 * @param socket the name of a declared DEALER socket
	 * @param payload the request payload, or a {@code Message<?>} whose headers travel in
	 * the metadata frame
	 * @param replyType the type the reply is converted to
	 * @param timeout how long each attempt waits for the reply
	 * @return a future of the converted reply
	 */
	<T> CompletableFuture<T> requestAsync(String socket, Object payload, Class<T> replyType, Duration timeout);

	/**
	 * Send a request without blocking, for a reply of a generic type.
	 * @param <T> the reply type
	 * @param socket the name of a declared DEALER socket
	 * @param payload the request payload, or a {@code Message<?>} whose headers travel in
	 * the metadata frame
	 * @param replyType the type the reply is converted to
	 * @param timeout how long each attempt waits for the reply
	 * @return a future of the converted reply
	 */
	<T> CompletableFuture<T> requestAsync(String socket, Object payload, ParameterizedTypeReference<T> replyType,
			Duration timeout);

}
