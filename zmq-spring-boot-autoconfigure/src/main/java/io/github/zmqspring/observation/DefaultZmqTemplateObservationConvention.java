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

import io.github.zmqspring.observation.ZmqTemplateObservation.TemplateLowCardinalityTags;
import io.micrometer.common.KeyValues;

/**
 * The default {@link ZmqTemplateObservationConvention}: {@code messaging.system},
 * {@code messaging.operation}, {@code zmq.socket} and {@code zmq.socket.type}.
 *
 * @author zmq-spring-boot
 */
public class DefaultZmqTemplateObservationConvention implements ZmqTemplateObservationConvention {

	/**
	 * A shared instance.
	 */
	public static final DefaultZmqTemplateObservationConvention INSTANCE = new DefaultZmqTemplateObservationConvention();

	@Override
	public KeyValues getLowCardinalityKeyValues(ZmqMessageSenderContext context) {
		return KeyValues.of(TemplateLowCardinalityTags.MESSAGING_SYSTEM.withValue("zeromq"),
				TemplateLowCardinalityTags.MESSAGING_OPERATION.withValue(context.getOperation()),
				TemplateLowCardinalityTags.SOCKET.withValue(context.getSocketName()),
				TemplateLowCardinalityTags.SOCKET_TYPE.withValue(context.getSocketType()));
	}

	@Override
	public String getContextualName(ZmqMessageSenderContext context) {
		return context.getSocketName() + " " + context.getOperation();
	}

}
