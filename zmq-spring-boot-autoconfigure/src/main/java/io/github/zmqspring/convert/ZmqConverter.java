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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks a {@link org.springframework.messaging.converter.MessageConverter} bean as one
 * for ZeroMQ payloads: the auto-configuration puts every such bean in front of the
 * built-in converters of the {@code zmqMessageConverter} composite, in
 * {@link org.springframework.core.annotation.Order @Order}. A qualifier, because an
 * application often has {@code MessageConverter} beans meant for something else (STOMP,
 * JMS, Spring Integration) that must not change what goes over ZeroMQ.
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;ZmqConverter
 * &#64;Order(1)
 * MessageConverter protobufConverter() {
 *     return new ProtobufMessageConverter();
 * }
 * </pre>
 *
 * @author zmq-spring-boot
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ZmqConverter {

}
