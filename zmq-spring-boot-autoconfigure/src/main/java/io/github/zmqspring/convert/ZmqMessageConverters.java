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

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Factory of the payload converter of ZeroMQ messages, shared by the template and the
 * listeners so that both sides agree on the wire format. The default converter tries, in
 * order:
 * <ol>
 * <li>the application's own converters ({@link Builder#addConverters}), so they win;</li>
 * <li>{@link BinaryMessageConverter}: {@code byte[]} and {@code ByteBuffer} pass
 * through;</li>
 * <li>{@link StringMessageConverter}: {@code text/plain} in the configured charset (UTF-8
 * unless told otherwise);</li>
 * <li>JSON through Jackson 3 ({@code application/json}), when Jackson is on the class
 * path: the default for every other object;</li>
 * <li>CBOR ({@code application/cbor}, {@link JacksonCborMessageConverter}) when its
 * Jackson data format is on the class path: chosen by a content-type header only, since
 * JSON comes first.</li>
 * </ol>
 * spring-messaging's {@link MessageConverter} is the extension point: a converter that
 * works with Spring's STOMP, JMS or Kafka messaging works here unchanged.
 *
 * @author zmq-spring-boot
 */
public final class ZmqMessageConverters {

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
			ZmqMessageConverters.class.getClassLoader());

	private static final boolean CBOR_PRESENT = JACKSON_PRESENT && ClassUtils
		.isPresent("tools.jackson.dataformat.cbor.CBORMapper", ZmqMessageConverters.class.getClassLoader());

	private ZmqMessageConverters() {
	}

	/**
	 * Create the default converter: bytes, UTF-8 strings and, when their Jackson 3
	 * modules are present, JSON and CBOR with default mappers.
	 * @return the converter
	 */
	public static CompositeMessageConverter defaultConverter() {
		return JACKSON_PRESENT ? defaultConverter(null) : basicConverter();
	}

	/**
	 * Create the default converter with the given JSON mapper, and CBOR with a default
	 * mapper when its data format is present.
	 * @param jsonMapper the mapper that writes and reads JSON, or {@code null} for a
	 * default one
	 * @return the converter
	 */
	public static CompositeMessageConverter defaultConverter(@Nullable JsonMapper jsonMapper) {
		Builder builder = builder().jsonConverter(JacksonSupport.jsonConverter(jsonMapper));
		if (CBOR_PRESENT) {
			builder.cborConverter(new JacksonCborMessageConverter());
		}
		return builder.build();
	}

	/**
	 * Create a converter of bytes and UTF-8 strings only, without JSON.
	 * @return the converter
	 */
	public static CompositeMessageConverter basicConverter() {
		return builder().build();
	}

	/**
	 * Create a JSON converter with the given mapper.
	 * @param jsonMapper the mapper, or {@code null} for a default one
	 * @return the converter
	 */
	public static MessageConverter jsonConverter(@Nullable JsonMapper jsonMapper) {
		return JacksonSupport.jsonConverter(jsonMapper);
	}

	/**
	 * Start a converter of bytes and strings in UTF-8, to which the application's
	 * converters, a charset, JSON and CBOR may be added.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Assembles the converters in their documented order, whatever order the builder's
	 * methods are called in. Free of Jackson types, so it works without Jackson.
	 */
	public static final class Builder {

		private final List<MessageConverter> custom = new ArrayList<>();

		private Charset charset = StandardCharsets.UTF_8;

		private @Nullable MessageConverter json;

		private @Nullable MessageConverter cbor;

		private Builder() {
		}

		/**
		 * Add converters tried before the built-in ones, in the given order.
		 * @param converters the application's converters
		 * @return this builder
		 */
		public Builder addConverters(Collection<? extends MessageConverter> converters) {
			Assert.noNullElements(converters, "converters must not contain null");
			this.custom.addAll(converters);
			return this;
		}

		/**
		 * Set the charset of {@code String} payloads without a charset in their content
		 * type (default UTF-8).
		 * @param charset the charset
		 * @return this builder
		 */
		public Builder charset(Charset charset) {
			Assert.notNull(charset, "charset must not be null");
			this.charset = charset;
			return this;
		}

		/**
		 * Set the converter of objects that are neither bytes nor strings, normally JSON.
		 * @param converter the converter, or {@code null} for none
		 * @return this builder
		 */
		public Builder jsonConverter(@Nullable MessageConverter converter) {
			this.json = converter;
			return this;
		}

		/**
		 * Set the converter tried after JSON, normally
		 * {@link JacksonCborMessageConverter}.
		 * @param converter the converter, or {@code null} for none
		 * @return this builder
		 */
		public Builder cborConverter(@Nullable MessageConverter converter) {
			this.cbor = converter;
			return this;
		}

		/**
		 * Return the converters in the order they are tried: a new, mutable list that a
		 * customizer may reorder.
		 * @return the converters
		 */
		public List<MessageConverter> converters() {
			List<MessageConverter> converters = new ArrayList<>(this.custom);
			converters.add(new BinaryMessageConverter());
			converters.add(new StringMessageConverter(this.charset));
			if (this.json != null) {
				converters.add(this.json);
			}
			if (this.cbor != null) {
				converters.add(this.cbor);
			}
			return converters;
		}

		/**
		 * Build the composite converter.
		 * @return the converter
		 */
		public CompositeMessageConverter build() {
			return new CompositeMessageConverter(converters());
		}

	}

	// keeps Jackson types out of the outer class's signatures, so the class loads
	// without Jackson
	private static final class JacksonSupport {

		static MessageConverter jsonConverter(@Nullable JsonMapper jsonMapper) {
			return (jsonMapper != null) ? new JacksonJsonMessageConverter(jsonMapper)
					: new JacksonJsonMessageConverter();
		}

	}

}
