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

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.annotation.JsonView;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;
import org.springframework.util.ReflectionUtils;

/**
 * JSON straight through the application's {@code JsonMapper}, around the converter chain,
 * when the chain is the default one and would hand the payload to Jackson anyway.
 * <p>
 * Spring's {@link JacksonJsonMessageConverter}, reached through a
 * {@link CompositeMessageConverter}, builds a {@link MessageHeaders} (a map and a random
 * id) per payload written and asks every converter before it whether it applies; that
 * cost about a third of scenario 2's sending thread. This class does what that chain
 * would do, with the same mapper, the same bytes and the same errors, but only where the
 * outcome is certain:
 * <ul>
 * <li>the converter is a plain {@code CompositeMessageConverter} whose converters before
 * the JSON one are only {@link BinaryMessageConverter} and {@link StringMessageConverter}
 * (none of which takes the types below), and the JSON one is exactly Spring's
 * {@code JacksonJsonMessageConverter}: an application's own converter placed first (a
 * {@link ZmqConverter} bean) or a subclass turns the shortcut off;</li>
 * <li>the content type is absent or {@code application/json} (UTF-8);</li>
 * <li>the type is neither bytes, a {@code ByteBuffer}, a {@code String} nor a supertype
 * of {@code byte[]} (which the JSON converter returns as the raw bytes);</li>
 * <li>reading: the conversion hint is absent, or a parameter of exactly that class (no
 * generics) without {@code @JsonView}.</li>
 * </ul>
 * Everything else goes through the converter.
 *
 * @author zmq-spring-boot
 */
abstract class ZmqJsonShortcut {

	/** What {@link #read} returns for a payload it leaves to the converter. */
	static final Object NOT_HANDLED = new Object();

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent(
			"org.springframework.messaging.converter.JacksonJsonMessageConverter",
			ZmqJsonShortcut.class.getClassLoader())
			&& ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", ZmqJsonShortcut.class.getClassLoader());

	/**
	 * Find the shortcut for a converter.
	 * @param converter the converter
	 * @return the shortcut, or {@code null} when the converter is not the default chain
	 */
	static @Nullable ZmqJsonShortcut find(@Nullable MessageConverter converter) {
		if (!JACKSON_PRESENT || converter == null || converter.getClass() != CompositeMessageConverter.class) {
			return null;
		}
		for (MessageConverter each : ((CompositeMessageConverter) converter).getConverters()) {
			if (each.getClass() != BinaryMessageConverter.class && each.getClass() != StringMessageConverter.class) {
				return Jackson.of(each);
			}
		}
		return null;
	}

	/**
	 * Write a payload as JSON, if this shortcut takes it.
	 * @param payload the payload (not a {@code Message})
	 * @param contentType the content type the converter would see
	 * @return the frame, or {@code null} when the payload is left to the converter
	 * @throws MessageConversionException as the JSON converter throws it
	 */
	abstract byte @Nullable [] write(Object payload, @Nullable MimeType contentType);

	/**
	 * Read a payload, if this shortcut takes it.
	 * @param message the message, its payload a frame
	 * @param targetClass the class to read
	 * @param conversionHint the converter's hint (a method parameter), or {@code null}
	 * @return the value, or {@link #NOT_HANDLED} (also for JSON {@code null}, after which
	 * the chain tries the converters that follow JSON)
	 * @throws MessageConversionException as the JSON converter throws it
	 */
	abstract @Nullable Object read(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint);

	static boolean takesType(Class<?> type) {
		return type != byte[].class && type != String.class && !ByteBuffer.class.isAssignableFrom(type)
				&& !type.isAssignableFrom(byte[].class);
	}

	static boolean takesContentType(@Nullable Object contentType) {
		if (contentType == null) {
			return true;
		}
		return contentType instanceof MimeType mime && "application".equals(mime.getType())
				&& "json".equals(mime.getSubtype()) && mime.getParameters().size() <= 1
				&& (mime.getParameters().isEmpty() || StandardCharsets.UTF_8.equals(mime.getCharset()));
	}

	/** The shortcut through the JSON converter's own mapper. */
	private static final class Jackson extends ZmqJsonShortcut {

		private static final @Nullable Method GET_JSON_MAPPER = ReflectionUtils
			.findMethod(JacksonJsonMessageConverter.class, "getJsonMapper");

		private final JsonMapper mapper;

		private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

		private Jackson(JsonMapper mapper) {
			this.mapper = mapper;
		}

		static @Nullable ZmqJsonShortcut of(MessageConverter converter) {
			if (converter.getClass() != JacksonJsonMessageConverter.class || GET_JSON_MAPPER == null) {
				return null;
			}
			try {
				ReflectionUtils.makeAccessible(GET_JSON_MAPPER);
				Object mapper = ReflectionUtils.invokeMethod(GET_JSON_MAPPER, converter);
				return (mapper instanceof JsonMapper json) ? new Jackson(json) : null;
			}
			catch (RuntimeException ex) {
				// a module system that refuses the access: the converter does the work
				return null;
			}
		}

		/**
		 * Whether the converter would read exactly {@code targetClass} with no view: no
		 * hint, or a parameter of that very class (not {@code Optional} or
		 * {@code Message} of it, no generics) without {@code @JsonView}.
		 */
		private static boolean takesHint(@Nullable Object hint, Class<?> targetClass) {
			if (hint == null) {
				return true;
			}
			if (!(hint instanceof MethodParameter parameter) || parameter.getParameterType() != targetClass
					|| parameter.getNestedGenericParameterType() != targetClass) {
				return false;
			}
			return ((parameter.getParameterIndex() >= 0) ? parameter.getParameterAnnotation(JsonView.class)
					: parameter.getMethodAnnotation(JsonView.class)) == null;
		}

		@Override
		byte @Nullable [] write(Object payload, @Nullable MimeType contentType) {
			if (!takesType(payload.getClass()) || !takesContentType(contentType)) {
				return null;
			}
			try {
				return this.mapper.writeValueAsBytes(payload);
			}
			catch (JacksonException ex) {
				throw new MessageConversionException("Could not write JSON: " + ex.getMessage(), ex);
			}
		}

		@Override
		@Nullable Object read(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
			if (!(message.getPayload() instanceof byte[] frame) || !takesType(targetClass)
					|| !takesContentType(message.getHeaders().get(MessageHeaders.CONTENT_TYPE))
					|| !takesHint(conversionHint, targetClass)) {
				return NOT_HANDLED;
			}
			try {
				Object value = this.readers.computeIfAbsent(targetClass, this.mapper::readerFor).readValue(frame);
				// JSON null: the chain goes on to the converters after JSON; let it
				return (value != null) ? value : NOT_HANDLED;
			}
			catch (JacksonException ex) {
				throw new MessageConversionException(message, "Could not read JSON: " + ex.getMessage(), ex);
			}
		}

	}

}
