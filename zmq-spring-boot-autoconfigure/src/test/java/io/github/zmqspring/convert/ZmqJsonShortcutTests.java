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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ZmqJsonShortcut}: where it takes a payload it gives what the converter chain
 * gives (bytes, values, errors), and it leaves everything else to the chain.
 *
 * @author zmq-spring-boot
 */
@Timeout(30)
class ZmqJsonShortcutTests {

	private static final MimeType JSON = MimeTypeUtils.APPLICATION_JSON;

	private final CompositeMessageConverter chain = ZmqMessageConverters.defaultConverter(JsonMapper.builder().build());

	private final ZmqJsonShortcut shortcut = ZmqJsonShortcut.find(this.chain);

	@Test
	void theDefaultChainHasTheShortcut() {
		assertThat(this.shortcut).isNotNull();
	}

	@Test
	void writesTheBytesTheChainWrites() {
		Event event = new Event("a\u00e9\"b", 42, List.of("x", "y"));
		for (MimeType type : new MimeType[] { null, JSON,
				new MimeType("application", "json", StandardCharsets.UTF_8) }) {
			byte[] viaChain = (byte[]) this.chain.toMessage(event, headers(type)).getPayload();
			assertThat(this.shortcut.write(event, type)).isEqualTo(viaChain);
		}
	}

	@Test
	void readsTheValuesTheChainReads() throws Exception {
		byte[] frame = "{\"name\":\"n\",\"count\":7,\"tags\":[\"t\"]}".getBytes(StandardCharsets.UTF_8);
		Message<byte[]> message = MessageBuilder.withPayload(frame).build();
		MethodParameter parameter = parameter("plain", 0);
		assertThat(this.shortcut.read(message, Event.class, parameter))
			.isEqualTo(this.chain.fromMessage(message, Event.class, parameter))
			.isEqualTo(new Event("n", 7, List.of("t")));
		assertThat(this.shortcut.read(message, Event.class, null)).isEqualTo(new Event("n", 7, List.of("t")));
		// JSON null: the chain goes on to the converters after JSON, so the shortcut
		// leaves it to the chain
		Message<byte[]> nothing = MessageBuilder.withPayload("null".getBytes(StandardCharsets.UTF_8)).build();
		assertThat(this.shortcut.read(nothing, Event.class, null)).isSameAs(ZmqJsonShortcut.NOT_HANDLED);
	}

	@Test
	void failsAsTheChainFails() {
		Message<byte[]> broken = MessageBuilder.withPayload("{\"name\":".getBytes(StandardCharsets.UTF_8)).build();
		String viaChain = failure(() -> this.chain.fromMessage(broken, Event.class));
		assertThat(failure(() -> this.shortcut.read(broken, Event.class, null))).isEqualTo(viaChain)
			.startsWith("Could not read JSON: ");
		String writeViaChain = failure(() -> this.chain.toMessage(new SelfReferencing(), null));
		assertThat(failure(() -> this.shortcut.write(new SelfReferencing(), null))).isEqualTo(writeViaChain)
			.startsWith("Could not write JSON: ");
	}

	@Test
	void leavesOtherPayloadsToTheChain() throws Exception {
		byte[] frame = "{\"name\":\"n\",\"count\":1,\"tags\":[]}".getBytes(StandardCharsets.UTF_8);
		Message<byte[]> plain = MessageBuilder.withPayload(frame).build();
		// types the chain reads otherwise: bytes, strings and the supertypes of byte[]
		for (Class<?> type : new Class<?>[] { byte[].class, String.class, Object.class, java.io.Serializable.class,
				java.nio.ByteBuffer.class }) {
			assertThat(this.shortcut.read(plain, type, null)).as(type.getName()).isSameAs(ZmqJsonShortcut.NOT_HANDLED);
		}
		assertThat(this.shortcut.write("text", null)).isNull();
		// other content types, or one given as a string
		for (Object type : new Object[] { MimeTypeUtils.TEXT_PLAIN, new MimeType("application", "cbor"),
				new MimeType("application", "json", StandardCharsets.UTF_16), "application/json",
				new MimeType("application", "vnd.x+json") }) {
			Message<byte[]> typed = MessageBuilder.withPayload(frame)
				.setHeader(MessageHeaders.CONTENT_TYPE, type)
				.build();
			assertThat(this.shortcut.read(typed, Event.class, null)).as(type.toString())
				.isSameAs(ZmqJsonShortcut.NOT_HANDLED);
		}
		assertThat(this.shortcut.write(new Event("n", 1, List.of()), new MimeType("application", "cbor"))).isNull();
		// hints that change what the converter reads: a view, generics, Optional
		assertThat(this.shortcut.read(plain, Event.class, parameter("viewed", 0)))
			.isSameAs(ZmqJsonShortcut.NOT_HANDLED);
		assertThat(this.shortcut.read(plain, List.class, parameter("generic", 0)))
			.isSameAs(ZmqJsonShortcut.NOT_HANDLED);
		assertThat(this.shortcut.read(plain, Optional.class, parameter("optional", 0)))
			.isSameAs(ZmqJsonShortcut.NOT_HANDLED);
		assertThat(this.shortcut.read(plain, Event.class, Event.class)).isSameAs(ZmqJsonShortcut.NOT_HANDLED);
	}

	@Test
	void anotherChainHasNoShortcut() {
		// an application's converter first, a subclass of the JSON converter, no
		// composite, a composite subclass, a chain without JSON
		List<MessageConverter> custom = new ArrayList<>(this.chain.getConverters());
		custom.add(0, new SimpleMessageConverter());
		assertThat(ZmqJsonShortcut.find(new CompositeMessageConverter(custom))).isNull();
		List<MessageConverter> subclass = new ArrayList<>(this.chain.getConverters());
		subclass.set(2, new JacksonJsonMessageConverter() {
		});
		assertThat(ZmqJsonShortcut.find(new CompositeMessageConverter(subclass))).isNull();
		assertThat(ZmqJsonShortcut.find(new JacksonJsonMessageConverter())).isNull();
		assertThat(ZmqJsonShortcut.find(new CompositeMessageConverter(this.chain.getConverters()) {
		})).isNull();
		assertThat(ZmqJsonShortcut.find(ZmqMessageConverters.basicConverter())).isNull();
	}

	@Test
	void payloadConverterAndTypeIdConverterUseIt() throws Exception {
		ZmqPayloadConverter payloads = new ZmqPayloadConverter(this.chain);
		Event event = new Event("n", 3, List.of("a"));
		byte[] frame = payloads.toFrame(event, "s", JSON);
		assertThat(frame).isEqualTo(this.chain.toMessage(event, headers(JSON)).getPayload());
		assertThat(payloads.fromFrame(frame, Event.class, "s", JSON)).isEqualTo(event);
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> payloads.fromFrame("[".getBytes(StandardCharsets.UTF_8), Event.class, "s", null))
			.withMessageStartingWith(
					"Cannot convert a frame from socket 's' to " + Event.class.getName() + ": Could not read JSON: ");
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> payloads.toFrame(new SelfReferencing(), "s", null))
			.withMessageStartingWith("Cannot convert a payload of type " + SelfReferencing.class.getName()
					+ " for socket 's': Could not write JSON: ");
		ZmqTypeIdMessageConverter typeIds = new ZmqTypeIdMessageConverter(this.chain,
				new ZmqTypeResolver(List.of("io.github.zmqspring.convert")));
		assertThat(typeIds.fromMessage(MessageBuilder.withPayload(frame).build(), Event.class, parameter("plain", 0)))
			.isEqualTo(event);
	}

	private static String failure(Runnable action) {
		try {
			action.run();
		}
		catch (MessageConversionException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("no MessageConversionException");
	}

	private static MessageHeaders headers(MimeType type) {
		return (type != null) ? new MessageHeaders(java.util.Map.of(MessageHeaders.CONTENT_TYPE, type)) : null;
	}

	private static MethodParameter parameter(String method, int index) throws Exception {
		for (Method candidate : Handlers.class.getDeclaredMethods()) {
			if (candidate.getName().equals(method)) {
				return new MethodParameter(candidate, index);
			}
		}
		throw new IllegalArgumentException(method);
	}

	record Event(String name, int count, List<String> tags) {
	}

	/** Jackson cannot write it: it refers to itself. */
	static final class SelfReferencing {

		public SelfReferencing getSelf() {
			return this;
		}

	}

	interface Views {

	}

	static class Handlers {

		void plain(Event event) {
		}

		void viewed(@JsonView(Views.class) Event event) {
		}

		void generic(List<Event> events) {
		}

		void optional(Optional<Event> event) {
		}

	}

}
