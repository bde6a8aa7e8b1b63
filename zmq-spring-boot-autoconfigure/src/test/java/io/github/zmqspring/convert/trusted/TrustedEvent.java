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
package io.github.zmqspring.convert.trusted;

/**
 * A class in a trusted package, whose static initializer records that it ran.
 */
public class TrustedEvent implements Event {

	/**
	 * System property set when this class is initialized: a system property, so that a
	 * copy of the class defined by another class loader reports to the test too.
	 */
	public static final String INITIALIZED_PROPERTY = "zmq.test.TrustedEvent.initialized";

	static {
		System.setProperty(INITIALIZED_PROPERTY, "true");
	}

	/**
	 * An event nested in another class.
	 */
	public static class Nested implements Event {

	}

}
