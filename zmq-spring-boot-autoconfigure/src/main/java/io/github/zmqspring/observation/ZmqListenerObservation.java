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

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The {@code zmq.listener} observation: one per message processed by a
 * {@code @ZmqListener}.
 *
 * @author zmq-spring-boot
 */
public enum ZmqListenerObservation implements ObservationDocumentation {

	/**
	 * A message processed by a listener.
	 */
	LISTENER_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultZmqListenerObservationConvention.class;
		}

		@Override
		public String getPrefix() {
			return "zmq.";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ListenerLowCardinalityTags.values();
		}

	};

	/**
	 * Low-cardinality keys of the listener observation.
	 */
	public enum ListenerLowCardinalityTags implements KeyName {

		/**
		 * The messaging system: always {@code zeromq}.
		 */
		MESSAGING_SYSTEM {

			@Override
			public String asString() {
				return "messaging.system";
			}

		},

		/**
		 * The operation: always {@code process}.
		 */
		MESSAGING_OPERATION {

			@Override
			public String asString() {
				return "messaging.operation";
			}

		},

		/**
		 * The name of the socket the listener receives on.
		 */
		SOCKET {

			@Override
			public String asString() {
				return "zmq.socket";
			}

		},

		/**
		 * The socket's type, such as {@code PULL}.
		 */
		SOCKET_TYPE {

			@Override
			public String asString() {
				return "zmq.socket.type";
			}

		},

		/**
		 * The listener's id.
		 */
		LISTENER_ID {

			@Override
			public String asString() {
				return "zmq.listener.id";
			}

		}

	}

}
