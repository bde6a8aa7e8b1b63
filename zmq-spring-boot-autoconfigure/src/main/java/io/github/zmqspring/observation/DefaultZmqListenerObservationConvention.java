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

import io.github.zmqspring.observation.ZmqListenerObservation.ListenerLowCardinalityTags;
import io.micrometer.common.KeyValues;

/**
 * The default {@link ZmqListenerObservationConvention}: {@code messaging.system},
 * {@code messaging.operation} ({@code process}), {@code zmq.socket},
 * {@code zmq.socket.type} and {@code zmq.listener.id}.
 *
 * @author zmq-spring-boot
 */
public class DefaultZmqListenerObservationConvention implements ZmqListenerObservationConvention {

	/**
	 * A shared instance.
	 */
	public static final DefaultZmqListenerObservationConvention INSTANCE = new DefaultZmqListenerObservationConvention();

	@Override
	public KeyValues getLowCardinalityKeyValues(ZmqMessageReceiverContext context) {
		return KeyValues.of(ListenerLowCardinalityTags.MESSAGING_SYSTEM.withValue("zeromq"),
				ListenerLowCardinalityTags.MESSAGING_OPERATION.withValue("process"),
				ListenerLowCardinalityTags.SOCKET.withValue(context.getSocketName()),
				ListenerLowCardinalityTags.SOCKET_TYPE.withValue(context.getSocketType()),
				ListenerLowCardinalityTags.LISTENER_ID.withValue(context.getListenerId()));
	}

	@Override
	public String getContextualName(ZmqMessageReceiverContext context) {
		return context.getListenerId() + " process";
	}

}
