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

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.MimeType;

/**
 * Reads and writes {@code application/cbor} (RFC 8949) with Jackson 3's CBOR data format,
 * a compact binary encoding of the same data model as JSON. Spring Framework 7.0's
 * spring-messaging has no CBOR converter (spring-web has one for HTTP only), so this one
 * follows {@code JacksonJsonMessageConverter}: the target type, generics included, comes
 * from the listener parameter or the caller's requested type, never from the payload.
 * <p>
 * Requires {@code tools.jackson.dataformat:jackson-dataformat-cbor}. The default
 * converter includes it after JSON when that is on the class path, so JSON stays the
 * default for writing and CBOR is chosen by a {@code content-type: application/cbor}
 * header.
 *
 * @author zmq-spring-boot
 */
public class JacksonCborMessageConverter extends AbstractMessageConverter {

	/** The CBOR media type, {@code application/cbor}. */
	public static final MimeType APPLICATION_CBOR = new MimeType("application", "cbor");

	private final CBORMapper mapper;

	/**
	 * Create a converter with a default {@link CBORMapper}.
	 */
	public JacksonCborMessageConverter() {
		this(CBORMapper.builder().build());
	}

	/**
	 * Create a converter with the given mapper, such as the one Spring Boot configures
	 * from {@code spring.jackson.*} properties.
	 * @param mapper the mapper that reads and writes CBOR
	 */
	public JacksonCborMessageConverter(CBORMapper mapper) {
		super(APPLICATION_CBOR);
		this.mapper = mapper;
	}

	/**
	 * Return the mapper that reads and writes CBOR.
	 * @return the mapper
	 */
	public CBORMapper getCborMapper() {
		return this.mapper;
	}

	// as JacksonJsonMessageConverter: Jackson decides what it can bind, and a failure is
	// a MessageConversionException naming the cause
	@Override
	protected boolean supports(Class<?> clazz) {
		return true;
	}

	@Override
	protected @Nullable Object convertFromInternal(Message<?> message, Class<?> targetClass,
			@Nullable Object conversionHint) {
		if (!(message.getPayload() instanceof byte[] bytes)) {
			return null;
		}
		JavaType type = this.mapper.constructType(resolveType(targetClass, conversionHint));
		try {
			return this.mapper.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new MessageConversionException(message, "Could not read CBOR: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	protected @Nullable Object convertToInternal(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		try {
			return this.mapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new MessageConversionException("Could not write CBOR: " + ex.getOriginalMessage(), ex);
		}
	}

	// a listener's MethodParameter carries generics (List<Order>) that the raw class
	// loses
	private static Type resolveType(Class<?> targetClass, @Nullable Object conversionHint) {
		if (conversionHint instanceof MethodParameter parameter) {
			MethodParameter nested = parameter.nestedIfOptional();
			if (Message.class.isAssignableFrom(nested.getParameterType())) {
				nested = nested.nested();
			}
			Type type = nested.getNestedGenericParameterType();
			return GenericTypeResolver.resolveType(type, parameter.getContainingClass());
		}
		return targetClass;
	}

}
