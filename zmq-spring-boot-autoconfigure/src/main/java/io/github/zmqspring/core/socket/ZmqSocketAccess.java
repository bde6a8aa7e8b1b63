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

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A way to run short callbacks with an open socket under its lock (DESIGN rule 1):
 * implemented by the socket loop ({@link ZmqSocketOwner}) and by listener containers, so
 * that discovery connects either the same way.
 *
 * @author zmq-spring-boot
 */
public interface ZmqSocketAccess {

	/**
	 * Run a short callback with the socket, under the socket's lock. It must not block.
	 * @param <T> the result type
	 * @param callback the callback
	 * @return a future of the callback's result, failed when the socket is not open
	 */
	<T> CompletableFuture<T> execute(Function<ZmqSocketHandle, T> callback);

	/**
	 * @return whether the socket is open
	 */
	boolean isRunning();

}
