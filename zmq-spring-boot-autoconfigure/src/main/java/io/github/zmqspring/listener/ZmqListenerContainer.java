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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketAccess;
import io.github.zmqspring.observation.ZmqListenerObservations;
import org.jspecify.annotations.Nullable;
import io.github.zmqspring.core.socket.ZmqSocketHandle;
import org.zeromq.SocketType;

import org.springframework.context.SmartLifecycle;

/**
 * Receives on one socket and hands each message to a listener, as spring-kafka's
 * {@code MessageListenerContainer} does for a topic. Containers are created by a
 * {@link ZmqListenerContainerFactory} and started and stopped by the
 * {@link ZmqListenerEndpointRegistry}; they are not beans. The default implementation is
 * {@link DefaultZmqListenerContainer}.
 * <p>
 * The counters are read by metrics and the actuator view.
 *
 * @author zmq-spring-boot
 */
public interface ZmqListenerContainer extends SmartLifecycle, ZmqSocketAccess {

	/**
	 * @return the listener's id
	 */
	String getListenerId();

	/**
	 * @return the endpoint this container runs
	 */
	ZmqListenerEndpoint getEndpoint();

	/**
	 * @return the name of the socket this container receives on
	 */
	String getSocketName();

	/**
	 * @return the declared type of the socket this container receives on
	 */
	SocketType getSocketType();

	/**
	 * @return the messages received so far
	 */
	long getReceivedCount();

	/**
	 * @return the messages whose processing failed so far (unreadable ones included)
	 */
	long getErrorCount();

	/**
	 * @return the replies of a REP, ROUTER or STREAM listener that could not be delivered
	 * (the requester was gone or over its high-water mark, or the listener had stopped)
	 */
	long getRepliesDropped();

	/**
	 * @return the messages whose frames could not be read (bad metadata, wrong frame
	 * count, no envelope) so far
	 */
	long getUnreadableCount();

	/**
	 * @return the received messages queued for the workers and not yet taken (always 0
	 * with a concurrency of 1)
	 */
	int getBacklog();

	/**
	 * @return the endpoints the socket bound, with ephemeral ports resolved; empty when
	 * not running
	 */
	List<String> getBoundEndpoints();

	/**
	 * @return the tracker of the peers of the running socket, or {@code null} when the
	 * container is not running
	 */
	default @Nullable ZmqPeerTracker getTracker() {
		return null;
	}

	/**
	 * @return why the container's socket thread died while the container was meant to
	 * run, or {@code null} while it is healthy
	 */
	default @Nullable Throwable getFailure() {
		return null;
	}

	/**
	 * Set the observations wrapped around each message's processing.
	 * @param observations the observations, or {@code null} for none
	 */
	default void setObservations(@Nullable ZmqListenerObservations observations) {
	}

	/**
	 * Run a short callback with the socket, under the socket's lock (DESIGN rule 1), for
	 * example to connect it to an endpoint found at run time. It must not block.
	 * @param <T> the result type
	 * @param callback the callback
	 * @return a future of the callback's result, failed when the container is not running
	 */
	@Override
	<T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback);

}
