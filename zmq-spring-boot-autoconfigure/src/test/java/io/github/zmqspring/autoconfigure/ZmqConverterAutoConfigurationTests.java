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

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.zmqspring.convert.BinaryMessageConverter;
import io.github.zmqspring.convert.JacksonCborMessageConverter;
import io.github.zmqspring.convert.ZmqConverter;
import io.github.zmqspring.convert.ZmqTypeResolver;
import io.github.zmqspring.core.ZmqTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured {@code zmqMessageConverter}: its converters and their order, CBOR
 * only when on the class path, the application's {@link JsonMapper} and
 * {@link CBORMapper}, {@code @ZmqConverter} beans first, customizers, and the
 * {@code zmq.converter.*} properties.
 */
@Timeout(60)
class ZmqConverterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ZmqAutoConfiguration.class));

	@Test
	void defaultConvertersInOrder() {
		this.runner.run(
				(context) -> assertThat(converters(context.getBean("zmqMessageConverter"))).extracting(Object::getClass)
					.containsExactly(BinaryMessageConverter.class, StringMessageConverter.class,
							JacksonJsonMessageConverter.class, JacksonCborMessageConverter.class));
	}

	@Test
	void cborIsAbsentWithoutItsDataFormat() {
		this.runner.withClassLoader(new FilteredClassLoader(CBORMapper.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(converters(context.getBean("zmqMessageConverter"))).extracting(Object::getClass)
				.containsExactly(BinaryMessageConverter.class, StringMessageConverter.class,
						JacksonJsonMessageConverter.class);
		});
	}

	@Test
	void bytesAndStringsWithoutJackson() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ZmqAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(converters(context.getBean("zmqMessageConverter"))).extracting(Object::getClass)
					.containsExactly(BinaryMessageConverter.class, StringMessageConverter.class);
			});
	}

	@Test
	void jsonUsesTheApplicationsJsonMapper() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			MessageConverter converter = context.getBean("zmqMessageConverter", MessageConverter.class);
			Message<?> message = converter.toMessage(new Purchase("a-1", 3), null);
			assertThat(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
				.isEqualTo("{\"order_id\":\"a-1\",\"quantity\":3}");
			assertThat(converter.fromMessage(message, Purchase.class)).isEqualTo(new Purchase("a-1", 3));
		});
	}

	@Test
	void cborUsesTheApplicationsCborMapper() {
		this.runner.run((context) -> {
			JacksonCborMessageConverter cbor = converters(context.getBean("zmqMessageConverter")).stream()
				.filter(JacksonCborMessageConverter.class::isInstance)
				.map(JacksonCborMessageConverter.class::cast)
				.findFirst()
				.orElseThrow();
			assertThat(cbor.getCborMapper()).isSameAs(context.getBean(CBORMapper.class));
			MessageConverter converter = context.getBean("zmqMessageConverter", MessageConverter.class);
			Message<?> message = converter.toMessage(new Purchase("a-1", 3), new MessageHeaders(
					java.util.Map.of(MessageHeaders.CONTENT_TYPE, JacksonCborMessageConverter.APPLICATION_CBOR)));
			assertThat(converter.fromMessage(message, Purchase.class)).isEqualTo(new Purchase("a-1", 3));
		});
	}

	@Test
	void onlyOneMessageConverterBeanSoInjectionByTypeStillWorks() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MessageConverter.class));
	}

	@Test
	void qualifiedConverterBeansComeFirstInOrder() {
		this.runner.withUserConfiguration(UserConverters.class).run((context) -> {
			List<MessageConverter> converters = converters(context.getBean("zmqMessageConverter"));
			assertThat(converters).hasSize(6);
			assertThat(converters.get(0)).isSameAs(context.getBean("first"));
			assertThat(converters.get(1)).isSameAs(context.getBean("second"));
			assertThat(converters.subList(2, 6)).extracting(Object::getClass)
				.containsExactly(BinaryMessageConverter.class, StringMessageConverter.class,
						JacksonJsonMessageConverter.class, JacksonCborMessageConverter.class);
			assertThat(converters).doesNotContain(context.getBean("unrelated", MessageConverter.class));
			// the template writes with the same composite
			assertThat(context.getBean(ZmqTemplate.class)).isNotNull();
		});
	}

	@Test
	void customizersRunInOrderOnTheFullList() {
		this.runner.withUserConfiguration(UserCustomizers.class).run((context) -> {
			List<MessageConverter> converters = converters(context.getBean("zmqMessageConverter"));
			// the first removed CBOR, the second saw that and appended its own
			assertThat(converters).extracting(Object::getClass)
				.containsExactly(BinaryMessageConverter.class, StringMessageConverter.class,
						JacksonJsonMessageConverter.class, SimpleMessageConverter.class);
		});
	}

	@Test
	void charsetPropertyBinds() {
		this.runner.withPropertyValues("zmq.converter.charset=ISO-8859-1").run((context) -> {
			assertThat(context.getBean(ZmqProperties.class).getConverter().getCharset())
				.isEqualTo(StandardCharsets.ISO_8859_1);
			MessageConverter converter = context.getBean("zmqMessageConverter", MessageConverter.class);
			assertThat(converter.toMessage("é", null).getPayload()).isEqualTo(new byte[] { (byte) 0xE9 });
			assertThat(
					converter.fromMessage(MessageBuilder.withPayload(new byte[] { (byte) 0xE9 }).build(), String.class))
				.isEqualTo("é");
		});
	}

	@Test
	void charsetDefaultsToUtf8() {
		this.runner.run((context) -> {
			assertThat(context.getBean(ZmqProperties.class).getConverter().getCharset())
				.isEqualTo(StandardCharsets.UTF_8);
			MessageConverter converter = context.getBean("zmqMessageConverter", MessageConverter.class);
			assertThat(converter.toMessage("é", null).getPayload()).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
		});
	}

	@Test
	void typeResolverTrustsNothingByDefault() {
		this.runner.run((context) -> {
			ZmqTypeResolver resolver = context.getBean(ZmqTypeResolver.class);
			assertThat(resolver.getTrustedPackages()).isEmpty();
			assertThat(resolver.isTrusted(Purchase.class.getName())).isFalse();
		});
	}

	@Test
	void trustedPackagesBind() {
		this.runner.withPropertyValues("zmq.converter.trusted-packages=io.github.zmqspring.autoconfigure,com.example.*")
			.run((context) -> {
				ZmqTypeResolver resolver = context.getBean(ZmqTypeResolver.class);
				assertThat(resolver.getTrustedPackages()).containsExactly("io.github.zmqspring.autoconfigure",
						"com.example.*");
				assertThat(resolver.resolve(Purchase.class.getName())).isEqualTo(Purchase.class);
				assertThat(resolver.isTrusted("com.example.deep.X")).isTrue();
				assertThat(resolver.isTrusted("java.lang.ProcessBuilder")).isFalse();
			});
	}

	@Test
	void invalidTrustedPackageFailsNamingTheProperty() {
		this.runner.withPropertyValues("zmq.converter.trusted-packages=com.example,*").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Invalid zmq.converter.trusted-packages[1]")
				.hasMessageContaining("'*'");
		});
	}

	private static List<MessageConverter> converters(Object composite) {
		assertThat(composite).isInstanceOf(CompositeMessageConverter.class);
		return ((CompositeMessageConverter) composite).getConverters();
	}

	record Purchase(String orderId, int quantity) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConverters {

		@Bean
		@ZmqConverter
		@Order(2)
		MessageConverter second() {
			return new SimpleMessageConverter();
		}

		@Bean
		@ZmqConverter
		@Order(1)
		MessageConverter first() {
			return new SimpleMessageConverter();
		}

		// not qualified: meant for something else, never used for ZeroMQ payloads
		@Bean
		MessageConverter unrelated() {
			return new SimpleMessageConverter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizers {

		@Bean
		@Order(2)
		ZmqMessageConvertersCustomizer appendSimple() {
			return (converters) -> {
				assertThat(converters).noneMatch(JacksonCborMessageConverter.class::isInstance);
				converters.add(new SimpleMessageConverter());
			};
		}

		@Bean
		@Order(1)
		ZmqMessageConvertersCustomizer removeCbor() {
			return (converters) -> converters.removeIf(JacksonCborMessageConverter.class::isInstance);
		}

	}

}
