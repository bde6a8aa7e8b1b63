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

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Callbacks that other threads hand to a socket's owning thread (DESIGN rule 1), to run
 * with the socket, such as discovery's connects and disconnects. Thread-safe; the owner
 * runs them in order with {@link #runAll}, and fails what is left when it stops.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketTasks {

	private final Queue<Task<?>> tasks = new ConcurrentLinkedQueue<>();

	/**
	 * Queue a callback; the caller then wakes the owner.
	 * @param <T> the result type
	 * @param callback the callback
	 * @return a future of the callback's result
	 */
	public <T> CompletableFuture<T> add(Function<ZmqSocketHandle, T> callback) {
		Task<T> task = new Task<>(callback);
		this.tasks.add(task);
		return task.result;
	}

	/**
	 * @return whether no callback is waiting
	 */
	public boolean isEmpty() {
		return this.tasks.isEmpty();
	}

	/**
	 * Run every waiting callback; only the owning thread calls this.
	 * @param handle the socket
	 */
	public void runAll(ZmqSocketHandle handle) {
		Task<?> task;
		while ((task = this.tasks.poll()) != null) {
			task.run(handle);
		}
	}

	/**
	 * Fail every waiting callback, once the socket is gone.
	 * @param failure the exception each one fails with
	 */
	public void failAll(Supplier<? extends RuntimeException> failure) {
		Task<?> task;
		while ((task = this.tasks.poll()) != null) {
			task.result.completeExceptionally(failure.get());
		}
	}

	private static final class Task<T> {

		private final Function<ZmqSocketHandle, T> callback;

		private final CompletableFuture<T> result = new CompletableFuture<>();

		Task(Function<ZmqSocketHandle, T> callback) {
			this.callback = callback;
		}

		void run(ZmqSocketHandle handle) {
			try {
				this.result.complete(this.callback.apply(handle));
			}
			catch (RuntimeException ex) {
				this.result.completeExceptionally(ex);
			}
		}

	}

}
