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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Round trips through every built-in converter of the default composite, the content
 * types they write, how a content-type header picks one, and clear errors on bad input.
 */
@Timeout(60)
class ZmqMessageConvertersTests {

	private static final MimeType CBOR = JacksonCborMessageConverter.APPLICATION_CBOR;

	private final CompositeMessageConverter converter = ZmqMessageConverters.defaultConverter();

	@Test
	void defaultOrderIsBytesStringJsonCbor() {
		assertThat(this.converter.getConverters()).extracting(Object::getClass)
			.extracting(Class::getSimpleName)
			.containsExactly("BinaryMessageConverter", "StringMessageConverter", "JacksonJsonMessageConverter",
					"JacksonCborMessageConverter");
	}

	@Test
	void bytesPassThroughUnchanged() {
		byte[] bytes = { 0, (byte) 0xFF, 'Z', 'M', 'Q', 1 };
		Message<?> message = this.converter.toMessage(bytes, null);
		assertThat(message.getPayload()).isSameAs(bytes);
		assertThat(contentType(message)).isEqualTo(MimeTypeUtils.APPLICATION_OCTET_STREAM);
		assertThat(this.converter.fromMessage(message, byte[].class)).isSameAs(bytes);
	}

	@Test
	void bytesPassThroughWhateverTheirContentType() {
		// already-encoded JSON sent as bytes must not be re-encoded as a base64 JSON
		// string
		byte[] json = "{\"id\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
		Message<?> message = this.converter.toMessage(json, headers(MimeTypeUtils.APPLICATION_JSON));
		assertThat(message.getPayload()).isSameAs(json);
		assertThat(contentType(message)).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
		assertThat(this.converter.fromMessage(message, byte[].class)).isSameAs(json);
		Message<byte[]> cbor = wire(new byte[] { (byte) 0xA0 }, CBOR);
		assertThat(this.converter.fromMessage(cbor, byte[].class)).isEqualTo(new byte[] { (byte) 0xA0 });
	}

	@Test
	void byteBufferRoundTripLeavesTheCallersBufferAlone() {
		ByteBuffer buffer = ByteBuffer.wrap("xxpayload".getBytes(StandardCharsets.US_ASCII));
		buffer.position(2);
		Message<?> message = this.converter.toMessage(buffer, null);
		assertThat(message.getPayload()).isEqualTo("payload".getBytes(StandardCharsets.US_ASCII));
		assertThat(buffer.position()).isEqualTo(2);
		ByteBuffer read = (ByteBuffer) this.converter.fromMessage(message, ByteBuffer.class);
		assertThat(read).isEqualTo(ByteBuffer.wrap("payload".getBytes(StandardCharsets.US_ASCII)));
		ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] { 1, 2, 3 }).flip();
		assertThat(this.converter.toMessage(direct, null).getPayload()).isEqualTo(new byte[] { 1, 2, 3 });
	}

	@Test
	void stringRoundTripInUtf8ByDefault() {
		Message<?> message = this.converter.toMessage("héllo ✓", null);
		assertThat(message.getPayload()).isEqualTo("héllo ✓".getBytes(StandardCharsets.UTF_8));
		assertThat(contentType(message).isCompatibleWith(MimeTypeUtils.TEXT_PLAIN)).isTrue();
		assertThat(this.converter.fromMessage(message, String.class)).isEqualTo("héllo ✓");
		// a plain frame from a peer that sends no metadata
		assertThat(this.converter.fromMessage(wire("héllo".getBytes(StandardCharsets.UTF_8), null), String.class))
			.isEqualTo("héllo");
	}

	@Test
	void stringRoundTripInTheConfiguredCharset() {
		CompositeMessageConverter latin1 = ZmqMessageConverters.builder()
			.charset(StandardCharsets.ISO_8859_1)
			.jsonConverter(ZmqMessageConverters.jsonConverter(null))
			.build();
		Message<?> message = latin1.toMessage("é", null);
		assertThat(message.getPayload()).isEqualTo(new byte[] { (byte) 0xE9 });
		assertThat(latin1.fromMessage(wire(new byte[] { (byte) 0xE9 }, null), String.class)).isEqualTo("é");
		assertThat(latin1.fromMessage(message, String.class)).isEqualTo("é");
		// a charset in the content type wins over the configured one
		Message<byte[]> utf8 = wire("é".getBytes(StandardCharsets.UTF_8), MimeType.valueOf("text/plain;charset=UTF-8"));
		assertThat(latin1.fromMessage(utf8, String.class)).isEqualTo("é");
	}

	@Test
	void jsonIsTheDefaultForObjectsAndUsesTheGivenMapper() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		CompositeMessageConverter json = ZmqMessageConverters.defaultConverter(snakeCase);
		Order order = new Order("a-1", 3, List.of("fast"));
		Message<?> message = json.toMessage(order, null);
		assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
			.isEqualTo("{\"order_id\":\"a-1\",\"quantity\":3,\"tags\":[\"fast\"]}");
		assertThat(contentType(message)).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
		assertThat(json.fromMessage(message, Order.class)).isEqualTo(order);
		// without metadata a frame is JSON
		assertThat(json.fromMessage(wire((byte[]) message.getPayload(), null), Order.class)).isEqualTo(order);
	}

	@Test
	void cborIsChosenByContentTypeOnBothSides() {
		Order order = new Order("a-1", 3, List.of("fast", "fragile"));
		Message<?> message = this.converter.toMessage(order, headers(CBOR));
		byte[] payload = (byte[]) message.getPayload();
		assertThat(contentType(message)).isEqualTo(CBOR);
		assertThat(payload[0] & 0xE0).as("a CBOR map, not JSON text").isEqualTo(0xA0);
		assertThat(new CBORMapper().readValue(payload, Order.class)).isEqualTo(order);
		assertThat(this.converter.fromMessage(message, Order.class)).isEqualTo(order);
		assertThat(this.converter.fromMessage(wire(payload, CBOR), Order.class)).isEqualTo(order);
		byte[] json = (byte[]) this.converter.toMessage(order, null).getPayload();
		assertThat(payload.length).isLessThan(json.length);
	}

	@Test
	void cborReadsGenericsFromTheListenerParameter() throws Exception {
		Method method = getClass().getDeclaredMethod("onOrders", List.class);
		MethodParameter parameter = new MethodParameter(method, 0);
		List<Order> orders = List.of(new Order("a", 1, List.of()), new Order("b", 2, List.of("x")));
		byte[] payload = new CBORMapper().writeValueAsBytes(orders);
		Object read = this.converter.fromMessage(wire(payload, CBOR), List.class, parameter);
		assertThat(read).isEqualTo(orders);
	}

	@Test
	void malformedJsonIsAConversionError() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(wire(utf8("{\"order_id\":"), null), Order.class))
			.withMessageContaining("JSON");
	}

	@Test
	void jsonOfTheWrongTypeIsAConversionError() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(wire(utf8("[1,2,3]"), null), Order.class));
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(wire(utf8("{\"quantity\":\"many\"}"), null), Order.class));
	}

	@Test
	void malformedCborIsAConversionError() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.fromMessage(wire(new byte[] { (byte) 0xBF, 0x61 }, CBOR), Order.class))
			.withMessageContaining("CBOR");
	}

	@Test
	void unknownContentTypeFindsNoConverter() {
		assertThat(this.converter.fromMessage(wire(utf8("x"), MimeType.valueOf("application/x-unknown")), Order.class))
			.isNull();
	}

	@Test
	void jsonIsOmittedWithoutAConverter() {
		assertThat(ZmqMessageConverters.basicConverter().getConverters()).hasSize(2);
		assertThat(ZmqMessageConverters.basicConverter().fromMessage(wire(utf8("{}"), null), Order.class)).isNull();
	}

	@Test
	void applicationConvertersComeFirst() {
		MessageConverter upperCase = new UpperCaseConverter();
		CompositeMessageConverter composite = ZmqMessageConverters.builder()
			.jsonConverter(ZmqMessageConverters.jsonConverter(null))
			.addConverters(List.of(upperCase))
			.build();
		assertThat(composite.getConverters().get(0)).isSameAs(upperCase);
		assertThat(composite.toMessage("abc", null).getPayload()).isEqualTo(utf8("ABC"));
	}

	@SuppressWarnings("unused")
	private void onOrders(List<Order> orders) {
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static MessageHeaders headers(MimeType contentType) {
		return new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, contentType));
	}

	private static Message<byte[]> wire(byte[] payload, MimeType contentType) {
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(payload);
		if (contentType != null) {
			builder.setHeader(MessageHeaders.CONTENT_TYPE, contentType);
		}
		return builder.build();
	}

	private static MimeType contentType(Message<?> message) {
		Object value = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
		return (value instanceof MimeType mimeType) ? mimeType : MimeType.valueOf(value.toString());
	}

	record Order(String orderId, int quantity, List<String> tags) {
	}

	static final class UpperCaseConverter extends org.springframework.messaging.converter.AbstractMessageConverter {

		UpperCaseConverter() {
			super(MimeTypeUtils.TEXT_PLAIN);
		}

		@Override
		protected boolean supports(Class<?> clazz) {
			return clazz == String.class;
		}

		@Override
		protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
			return ((String) payload).toUpperCase().getBytes(StandardCharsets.UTF_8);
		}

	}

}
