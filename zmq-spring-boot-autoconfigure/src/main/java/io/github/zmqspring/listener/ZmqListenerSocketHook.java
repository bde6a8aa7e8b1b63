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

/**
 * Told when a {@link ZmqListenerContainer}'s socket has opened, so that something else
 * can work with it for as long as it is open: discovery announces the bound endpoints and
 * connects {@code discovery://} endpoints this way. Anything that touches the socket must
 * go through {@link ZmqListenerContainer#execute}, which runs on the socket's own thread.
 *
 * @author zmq-spring-boot
 * @see ZmqListenerContainerFactory#setSocketHooks(List)
 */
@FunctionalInterface
public interface ZmqListenerSocketHook {

	/**
	 * Called on the thread that starts the container, once its socket has bound and
	 * connected and before {@link ZmqListenerContainer#start()} returns. A failure fails
	 * the start.
	 * @param container the container, running
	 * @param boundEndpoints the endpoints the socket bound, with ephemeral ports resolved
	 * @return what to close when the container stops, before its socket closes; or
	 * {@code null}
	 */
	AutoCloseable socketOpened(ZmqListenerContainer container, List<String> boundEndpoints);

}
