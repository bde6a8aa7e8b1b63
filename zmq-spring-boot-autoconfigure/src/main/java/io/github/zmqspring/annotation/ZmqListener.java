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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.zeromq.SocketType;

/**
 * Marks a method as the handler of the messages a ZeroMQ socket receives. The socket is
 * either declared under {@code zmq.sockets} and named by {@link #socket()}, or declared
 * inline with {@link #type()}, {@link #bind()}, {@link #connect()} and {@link #topics()}
 * (registered under the listener's id). Supported socket types: SUB, XSUB, PULL, PAIR.
 * <p>
 * With discovery enabled ({@code zmq.discovery.enabled=true}), {@link #announce()}
 * advertises the socket's bound endpoints under a service name, and a
 * {@code discovery://service} endpoint in {@link #connect()} (or in the declared socket's
 * {@code connect}) keeps the socket connected to every live instance of that service.
 * <p>
 * The String attributes resolve {@code ${...}} placeholders and {@code #{...}} SpEL
 * expressions. The annotation is repeatable and can be used as a meta-annotation.
 * Parameters are resolved by spring-messaging: a POJO (JSON), {@code String},
 * {@code byte[]}, {@code org.zeromq.ZMsg}, {@code Message<T>},
 * {@code @Header(ZmqHeaders.TOPIC)}, {@code @Headers Map}, and {@code @Payload @Valid}.
 *
 * @author zmq-spring-boot
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ZmqListeners.class)
public @interface ZmqListener {

	/**
	 * The listener's id, unique in the application; generated when empty.
	 * @return the id
	 */
	String id() default "";

	/**
	 * The name of a socket declared under {@code zmq.sockets}; the listener owns it.
	 * Exclusive with the inline attributes.
	 * @return the socket's name
	 */
	String socket() default "";

	/**
	 * The type of an inline socket (at most one element; empty means unset).
	 * @return the type
	 */
	SocketType[] type() default {};

	/**
	 * Endpoints an inline socket binds, such as {@code tcp://127.0.0.1:0}.
	 * @return the endpoints
	 */
	String[] bind() default {};

	/**
	 * Endpoints an inline socket connects to; {@code discovery://service} connects to
	 * every live instance of a service as it appears, and disconnects when it leaves.
	 * @return the endpoints
	 */
	String[] connect() default {};

	/**
	 * The service name under which discovery announces an inline socket's bound endpoints
	 * (the real port when bound to port 0). A declared socket is announced through its
	 * {@code zmq.sockets.<name>.announce} property instead.
	 * @return the service name, empty for none
	 */
	String announce() default "";

	/**
	 * Topics an inline SUB or XSUB socket subscribes to; an inline SUB without topics
	 * subscribes to everything.
	 * @return the topics
	 */
	String[] topics() default {};

	/**
	 * The number of threads that invoke the method (default 1). Above 1, messages from
	 * the one socket are shared through a bounded queue and their order is lost.
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * The content type that picks the converter for received payloads that name none (no
	 * {@code content-type} in their metadata) and for replies, such as
	 * {@code application/cbor}; defaults to the declared socket's
	 * {@code zmq.sockets.<name>.content-type}, else the converters' default order.
	 * @return the content type, empty for the default
	 */
	String contentType() default "";

	/**
	 * The largest inbound message the listener's socket accepts, such as {@code 16MB}; a
	 * peer sending a larger one is disconnected (counted and logged). Defaults to the
	 * declared socket's {@code zmq.sockets.<name>.max-message-size}, else
	 * {@code zmq.context.max-message-size} (4MB). {@code -1} means unlimited, which is
	 * unsafe on anything reachable by untrusted clients.
	 * @return the maximum message size, empty for the default
	 */
	String maxMessageSize() default "";

	/**
	 * Whether the listener starts with the application (default {@code true}).
	 * @return whether to start automatically
	 */
	String autoStartup() default "";

	/**
	 * The name of a {@code ZmqListenerErrorHandler} bean handling this listener's
	 * failures.
	 * @return the bean name
	 */
	String errorHandler() default "";

}
