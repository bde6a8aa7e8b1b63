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
package io.github.zmqspring.annotation;

/**
 * Implemented by beans that configure how {@link ZmqListener @ZmqListener} endpoints are
 * registered, as spring-kafka's {@code KafkaListenerConfigurer}: set the default
 * container factory, or register endpoints by hand (for listeners that are not annotated
 * methods).
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqListenerConfigurer {

	/**
	 * Configure the registrar before the annotated endpoints are registered.
	 * @param registrar the registrar
	 */
	void configureZmqListeners(ZmqListenerEndpointRegistrar registrar);

}
