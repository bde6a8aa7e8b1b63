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
package io.github.zmqspring.listener;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.zmqspring.convert.ZmqHeaderMapper;
import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.core.ZmqHeaders;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMsg;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that takes only its payload gets a message without the {@code zmq_*} headers
 * (item 3 of issue 12: build only what the method uses); a handler that reads headers,
 * and the error handler, still get every header.
 */
class ZmqPayloadOnlyListenerTests {

	private final Handlers handlers = new Handlers();

	private final List<Message<?>> failed = new ArrayList<>();

	private ZmqMessagingMessageListenerAdapter adapter(String method, Class<?>... types) {
		DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
		factory.setMessageConverter(ZmqMessageConverters.defaultConverter());
		factory.setCustomArgumentResolvers(List.of(new ZmqMsgArgumentResolver()));
		factory.afterPropertiesSet();
		Method handler = ReflectionUtils.findMethod(Handlers.class, method, types);
		ZmqMessagingMessageListenerAdapter adapter = new ZmqMessagingMessageListenerAdapter(
				factory.createInvocableHandlerMethod(this.handlers, handler), "l1", "inbox", SocketType.PULL);
		adapter.setErrorHandler((message, exception) -> this.failed.add(message));
		return adapter;
	}

	private static ZMsg frames(byte[]... frames) {
		ZMsg msg = new ZMsg();
		for (byte[] frame : frames) {
			msg.add(frame);
		}
		return msg;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void onlyHandlersThatReadHeadersAreNotPayloadOnly() {
		assertThat(adapter("text", String.class).isPayloadOnly()).isTrue();
		assertThat(adapter("annotatedPayload", String.class).isPayloadOnly()).isTrue();
		assertThat(adapter("quote", Quote.class).isPayloadOnly()).isTrue();
		assertThat(adapter("header", String.class, String.class).isPayloadOnly()).isFalse();
		assertThat(adapter("headers", String.class, Map.class).isPayloadOnly()).isFalse();
		assertThat(adapter("message", Message.class).isPayloadOnly()).isFalse();
		assertThat(adapter("messageHeaders", String.class, MessageHeaders.class).isPayloadOnly()).isFalse();
		assertThat(adapter("raw", ZMsg.class).isPayloadOnly()).isFalse();
	}

	@Test
	void aPayloadOnlyHandlerGetsItsPayload() {
		adapter("text", String.class).onMessage(frames(utf8("hello")), (reply) -> true);
		assertThat(this.handlers.received).containsExactly("hello");
	}

	@Test
	void aPayloadOnlyHandlerStillHonoursTheMetadataContentType() {
		ZmqMessagingMessageListenerAdapter adapter = adapter("quote", Quote.class);
		adapter.setDefaultContentType(MimeTypeUtils.TEXT_PLAIN);
		byte[] metadata = ZmqHeaderMapper.metadataFrame(
				new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON)), "inbox");
		adapter.onMessage(frames(metadata, utf8("{\"symbol\":\"ZMQ\",\"price\":4.3}")), (reply) -> true);
		assertThat(this.handlers.received).containsExactly(new Quote("ZMQ", 4.3));
		assertThat(this.failed).isEmpty();
	}

	@Test
	void aHandlerThatReadsAHeaderGetsIt() {
		adapter("header", String.class, String.class).onMessage(frames(utf8("hello")), (reply) -> true);
		assertThat(this.handlers.received).containsExactly("hello from inbox");
	}

	@Test
	void theErrorHandlerOfAPayloadOnlyHandlerSeesEveryHeader() {
		ZmqMessagingMessageListenerAdapter adapter = adapter("text", String.class);
		adapter.onMessage(frames(utf8("boom")), (reply) -> true);
		assertThat(this.failed).singleElement().satisfies((message) -> {
			assertThat(message.getHeaders()).containsEntry(ZmqHeaders.SOCKET, "inbox")
				.containsEntry(ZmqHeaders.LISTENER_ID, "l1")
				.containsEntry(ZmqHeaders.FRAMES, 1)
				.containsKey(ZmqHeaders.RAW_MESSAGE);
		});
		assertThat(adapter.getErrorCount()).isEqualTo(1);
	}

	@Test
	void tooManyFramesAreStillUnreadableForAPayloadOnlyHandler() {
		ZmqMessagingMessageListenerAdapter adapter = adapter("text", String.class);
		adapter.onMessage(frames(utf8("a"), utf8("b"), utf8("c")), (reply) -> true);
		assertThat(adapter.getUnreadableCount()).isEqualTo(1);
		assertThat(this.handlers.received).isEmpty();
	}

	record Quote(String symbol, double price) {
	}

	static class Handlers {

		final List<Object> received = new ArrayList<>();

		void text(String text) {
			if (text.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			this.received.add(text);
		}

		void annotatedPayload(@Payload String text) {
			this.received.add(text);
		}

		void quote(Quote quote) {
			this.received.add(quote);
		}

		void header(String text, @Header(ZmqHeaders.SOCKET) String socket) {
			this.received.add(text + " from " + socket);
		}

		void headers(String text, @Headers Map<String, Object> headers) {
			this.received.add(headers);
		}

		void message(Message<String> message) {
			this.received.add(message);
		}

		void messageHeaders(String text, MessageHeaders headers) {
			this.received.add(headers);
		}

		void raw(ZMsg msg) {
			this.received.add(msg);
		}

	}

}
