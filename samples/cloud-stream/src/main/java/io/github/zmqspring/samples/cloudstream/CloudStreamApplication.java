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
package io.github.zmqspring.samples.cloudstream;

import java.util.List;

/**
 * Runs the demo: three applications chained through the {@code zmq} binder.
 */
public final class CloudStreamApplication {

	private CloudStreamApplication() {
	}

	public static void main(String[] args) throws Exception {
		List<Order> received = Demo.run(10);
		System.out.println("cloud-stream: the consumer received " + received.size() + " orders:");
		received.forEach((order) -> System.out.println("  " + order));
	}

}
