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
package io.github.zmqspring.observation;

import io.micrometer.observation.Observation;

/**
 * The one start / scope / error / stop sequence around a synchronous piece of work that
 * the template's and the listeners' observations share.
 *
 * @author zmq-spring-boot
 */
final class ZmqObservationScope {

	private ZmqObservationScope() {
	}

	/**
	 * Run work inside a started observation, in its scope; a failure is recorded as the
	 * observation's error and rethrown; the observation stops in every case.
	 * @param <T> the result type
	 * @param <E> what the work may throw
	 * @param observation the observation, not yet started
	 * @param work the work
	 * @return the work's result
	 * @throws E what the work threw
	 */
	static <T, E extends Exception> T observe(Observation observation, Work<T, E> work) throws E {
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			return work.run();
		}
		catch (Exception | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * A piece of work that may throw {@code E}.
	 *
	 * @param <T> the result type
	 * @param <E> what it may throw
	 */
	@FunctionalInterface
	interface Work<T, E extends Exception> {

		T run() throws E;

	}

}
