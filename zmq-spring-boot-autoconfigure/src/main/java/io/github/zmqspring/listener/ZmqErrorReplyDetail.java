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

/**
 * What an error reply of a REP or ROUTER listener tells the requester about the failure
 * (docs/wire-format.md): the reply always carries the error flag, so that the requester
 * fails at once instead of waiting for its timeout.
 *
 * @author zmq-spring-boot
 */
public enum ZmqErrorReplyDetail {

	/**
	 * The exception's class name (metadata {@code error-type}) and its message (the
	 * payload).
	 */
	CLASS_AND_MESSAGE,

	/**
	 * The exception's class name only; the payload is empty.
	 */
	TYPE_ONLY,

	/**
	 * Nothing but the error flag: no type, an empty payload.
	 */
	NONE

}
