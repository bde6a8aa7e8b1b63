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
package io.github.zmqspring.autoconfigure;

import java.util.List;

import org.springframework.messaging.converter.MessageConverter;

/**
 * Callback to adjust the converters of the auto-configured {@code zmqMessageConverter}
 * before the composite is built: add, remove or reorder. The list arrives in the order
 * the converters are tried: {@code @ZmqConverter} beans, bytes, strings, JSON, then CBOR
 * when present. Customizers run in {@link org.springframework.core.annotation.Order
 * order}.
 *
 * @author zmq-spring-boot
 */
@FunctionalInterface
public interface ZmqMessageConvertersCustomizer {

	/**
	 * Customize the converters.
	 * @param converters the converters, in the order they are tried; mutable
	 */
	void customize(List<MessageConverter> converters);

}
