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
package io.github.zmqspring.convert;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.ClassUtils;

/**
 * Factory of the default payload converter of ZeroMQ messages: a {@code byte[]} passes
 * through unchanged, a {@link String} is encoded as UTF-8, and anything else is written
 * as JSON with Jackson 3 (when Jackson is on the class path). Shared by the template and
 * the listeners so that both sides agree on the wire format.
 *
 * @author zmq-spring-boot
 */
public final class ZmqMessageConverters {

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			ZmqMessageConverters.class.getClassLoader());

	private ZmqMessageConverters() {
	}

	/**
	 * Create the default converter: bytes, UTF-8 strings and, when Jackson 3 is present,
	 * JSON with a default {@link JsonMapper}.
	 * @return the converter
	 */
	public static CompositeMessageConverter defaultConverter() {
		return JACKSON_PRESENT ? JacksonSupport.converter(null) : basicConverter();
	}

	/**
	 * Create the default converter with the given JSON mapper.
	 * @param jsonMapper the mapper that writes and reads JSON, or {@code null} for a
	 * default one
	 * @return the converter
	 */
	public static CompositeMessageConverter defaultConverter(@Nullable JsonMapper jsonMapper) {
		return JacksonSupport.converter(jsonMapper);
	}

	/**
	 * Create a converter of bytes and UTF-8 strings only, without JSON.
	 * @return the converter
	 */
	public static CompositeMessageConverter basicConverter() {
		return new CompositeMessageConverter(basicConverters());
	}

	private static List<MessageConverter> basicConverters() {
		List<MessageConverter> converters = new ArrayList<>();
		converters.add(new ByteArrayMessageConverter());
		converters.add(new StringMessageConverter());
		return converters;
	}

	private static final class JacksonSupport {

		static CompositeMessageConverter converter(@Nullable JsonMapper jsonMapper) {
			List<MessageConverter> converters = basicConverters();
			converters.add((jsonMapper != null) ? new JacksonJsonMessageConverter(jsonMapper)
					: new JacksonJsonMessageConverter());
			return new CompositeMessageConverter(converters);
		}

	}

}
