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

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.util.Assert;

/**
 * Lets a {@code type-id} header choose the class a payload is read as, safely: only when
 * the listener's parameter is {@code Object}, an interface or an abstract class, and only
 * for a class in a trusted package ({@link ZmqTypeResolver}, property
 * {@code zmq.converter.trusted-packages}), checked on the name before anything is loaded.
 * A concrete parameter type always wins over the header. Writing is left to the delegate.
 *
 * @author zmq-spring-boot
 */
public final class ZmqTypeIdMessageConverter implements SmartMessageConverter {

	private final MessageConverter delegate;

	private final ZmqTypeResolver typeResolver;

	private final @Nullable ZmqJsonShortcut json;

	/**
	 * Create a converter.
	 * @param delegate the converter that reads and writes payloads
	 * @param typeResolver the allow-list of type ids
	 */
	public ZmqTypeIdMessageConverter(MessageConverter delegate, ZmqTypeResolver typeResolver) {
		Assert.notNull(delegate, "delegate must not be null");
		Assert.notNull(typeResolver, "typeResolver must not be null");
		this.delegate = delegate;
		this.typeResolver = typeResolver;
		this.json = ZmqJsonShortcut.find(delegate);
	}

	/**
	 * @return the converter that reads and writes payloads
	 */
	public MessageConverter getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	/**
	 * Read the payload as the declared type, or as the trusted class a {@code type-id}
	 * header names when the declared type is open.
	 * @throws ZmqUntrustedTypeException when the header is consulted and rejected
	 */
	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
		Object typeId = message.getHeaders().get(ZmqMetadata.TYPE_ID);
		Class<?> target = this.typeResolver.resolveTargetType((typeId != null) ? typeId.toString() : null, targetClass);
		// the parameter's generic hint describes the declared type, not the named class
		Object hint = (target == targetClass) ? conversionHint : null;
		if (this.json != null) {
			Object value = this.json.read(message, target, hint);
			if (value != ZmqJsonShortcut.NOT_HANDLED) {
				return value;
			}
		}
		if (this.delegate instanceof SmartMessageConverter smart) {
			return smart.fromMessage(message, target, hint);
		}
		return this.delegate.fromMessage(message, target);
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
		return this.delegate.toMessage(payload, headers);
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		if (this.delegate instanceof SmartMessageConverter smart) {
			return smart.toMessage(payload, headers, conversionHint);
		}
		return this.delegate.toMessage(payload, headers);
	}

}
