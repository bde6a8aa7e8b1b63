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
 * The {@code zmq.template} observation: one per send, publish or request of a
 * {@link io.github.zmqspring.core.ZmqTemplate}.
 *
 * @author zmq-spring-boot
 */
public enum ZmqTemplateObservation implements ObservationDocumentation {

	/**
	 * A message sent, published or requested through a template.
	 */
	TEMPLATE_OBSERVATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultZmqTemplateObservationConvention.class;
		}

		@Override
		public String getPrefix() {
			return "zmq.";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return TemplateLowCardinalityTags.values();
		}

	};

	/**
	 * Low-cardinality keys of the template observation.
	 */
	public enum TemplateLowCardinalityTags implements KeyName {

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
		 * The operation: {@code send}, {@code publish} or {@code request}.
		 */
		MESSAGING_OPERATION {

			@Override
			public String asString() {
				return "messaging.operation";
			}

		},

		/**
		 * The declared name of the socket.
		 */
		SOCKET {

			@Override
			public String asString() {
				return "zmq.socket";
			}

		},

		/**
		 * The socket's type, such as {@code PUSH}.
		 */
		SOCKET_TYPE {

			@Override
			public String asString() {
				return "zmq.socket.type";
			}

		}

	}

}
