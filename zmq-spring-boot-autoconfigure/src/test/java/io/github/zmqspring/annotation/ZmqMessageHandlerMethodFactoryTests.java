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

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The listeners' handler methods resolve arguments as Spring's own do: the same values,
 * message after message, and the same exceptions.
 */
@Timeout(30)
class ZmqMessageHandlerMethodFactoryTests {

	private final Handlers handlers = new Handlers();

	@Test
	void resolvesTheSameArgumentsAsSpringsFactoryMessageAfterMessage() throws Exception {
		InvocableHandlerMethod ours = ours("describe");
		InvocableHandlerMethod spring = spring("describe");
		assertThat(ours).isInstanceOf(ZmqMessageHandlerMethodFactory.ResolvedOnceHandlerMethod.class);
		for (int i = 0; i < 3; i++) {
			Message<byte[]> message = MessageBuilder.withPayload(("body " + i).getBytes(StandardCharsets.UTF_8))
				.setHeader("n", Integer.toString(i))
				.build();
			Object expected = spring.invoke(message);
			assertThat(ours.invoke(message)).isEqualTo(expected).isEqualTo("body " + i + "|" + i + "|" + i);
		}
	}

	@Test
	void aMissingHeaderAndAPayloadThatCannotBeConvertedFailAsWithSpring() throws Exception {
		Message<byte[]> noHeader = MessageBuilder.withPayload("x".getBytes(StandardCharsets.UTF_8)).build();
		Class<? extends Exception> springFailure = failure(spring("describe"), noHeader);
		assertThat(springFailure).isNotNull();
		assertThat(failure(ours("describe"), noHeader)).isEqualTo(springFailure);
		Message<byte[]> text = MessageBuilder.withPayload("x".getBytes(StandardCharsets.UTF_8)).build();
		assertThatExceptionOfType(MessageConversionException.class).isThrownBy(() -> ours("count").invoke(text));
		assertThatExceptionOfType(MessageConversionException.class).isThrownBy(() -> spring("count").invoke(text));
		// and the method still works afterwards
		Message<byte[]> good = MessageBuilder.withPayload("y".getBytes(StandardCharsets.UTF_8))
			.setHeader("n", "7")
			.build();
		assertThat(ours("describe").invoke(good)).isEqualTo("y|7|7");
	}

	@Test
	void argumentsProvidedByTheCallerAreUsed() throws Exception {
		Message<byte[]> message = MessageBuilder.withPayload("z".getBytes(StandardCharsets.UTF_8)).build();
		assertThat(ours("withProvided").invoke(message, new StringBuilder("given"))).isEqualTo("z given");
	}

	private static Class<? extends Exception> failure(InvocableHandlerMethod method, Message<?> message) {
		try {
			method.invoke(message);
			return null;
		}
		catch (Exception ex) {
			return ex.getClass();
		}
	}

	private InvocableHandlerMethod ours(String name) {
		return create(new ZmqMessageHandlerMethodFactory(), name);
	}

	private InvocableHandlerMethod spring(String name) {
		return create(new DefaultMessageHandlerMethodFactory(), name);
	}

	private InvocableHandlerMethod create(DefaultMessageHandlerMethodFactory factory, String name) {
		factory.setMessageConverter(new CompositeMessageConverter(
				java.util.List.of(new ByteArrayMessageConverter(), new StringMessageConverter())));
		factory.afterPropertiesSet();
		Method method = ReflectionUtils.findMethod(Handlers.class, name, (Class<?>[]) null);
		return factory.createInvocableHandlerMethod(this.handlers, method);
	}

	static class Handlers {

		public String describe(@Payload String body, @Header("n") String n, Message<?> message) {
			return body + "|" + n + "|" + message.getHeaders().get("n");
		}

		public int count(@Payload Integer count) {
			return count;
		}

		public String withProvided(@Payload String body, StringBuilder provided) {
			return body + " " + provided;
		}

	}

}
