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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.convert.ZmqMessageConverters;
import io.github.zmqspring.convert.ZmqTypeIdMessageConverter;
import io.github.zmqspring.convert.ZmqTypeResolver;
import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerEndpoint;
import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;
import io.github.zmqspring.listener.ZmqListenerErrorHandler;
import io.github.zmqspring.listener.ZmqMsgArgumentResolver;
import org.zeromq.SocketType;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.Assert;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Validator;

/**
 * Finds {@link ZmqListener} methods (direct, repeated or through meta-annotations),
 * resolves their attributes ({@code ${...}} placeholders and {@code #{...}} SpEL), claims
 * declared sockets or builds inline ones, and registers one {@link ZmqListenerEndpoint}
 * per annotation with the {@link ZmqListenerEndpointRegistry}. Registration happens once
 * all singletons exist, so every socket is claimed before the socket manager starts.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	/**
	 * The name of the optional bean that converts payloads for listeners and template.
	 */
	public static final String MESSAGE_CONVERTER_BEAN_NAME = "zmqMessageConverter";

	private static final Set<SocketType> SUPPORTED = Set.of(SocketType.SUB, SocketType.XSUB, SocketType.PULL,
			SocketType.PAIR, SocketType.REP, SocketType.ROUTER, SocketType.STREAM);

	private final AtomicInteger counter = new AtomicInteger();

	private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

	private final List<Pending> pending = new ArrayList<>();

	private final ZmqListenerEndpointRegistrar registrar = new ZmqListenerEndpointRegistrar();

	private ConfigurableListableBeanFactory beanFactory;

	private BeanExpressionContext expressionContext;

	private DefaultMessageHandlerMethodFactory handlerMethodFactory;

	private MessageConverter messageConverter;

	private volatile boolean initialized;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
		this.expressionContext = new BeanExpressionContext(this.beanFactory, null);
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, ZmqListener.class)) {
			return bean;
		}
		Map<Method, List<MergedAnnotation<ZmqListener>>> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<List<MergedAnnotation<ZmqListener>>>) (method) -> {
					List<MergedAnnotation<ZmqListener>> found = MergedAnnotations
						.from(method, SearchStrategy.TYPE_HIERARCHY)
						.stream(ZmqListener.class)
						.toList();
					return found.isEmpty() ? null : found;
				});
		if (methods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		List<Pending> found = new ArrayList<>();
		methods.forEach((method, annotations) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			annotations.forEach((annotation) -> found.add(new Pending(bean, targetClass, invocable, annotation)));
		});
		if (this.initialized) {
			found.forEach(this::register);
		}
		else {
			synchronized (this.pending) {
				this.pending.addAll(found);
			}
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Pending> toRegister;
		synchronized (this.pending) {
			toRegister = new ArrayList<>(this.pending);
			this.pending.clear();
		}
		this.registrar.setBeanFactory(this.beanFactory);
		this.beanFactory.getBeanProvider(ZmqListenerConfigurer.class)
			.orderedStream()
			.forEach((configurer) -> configurer.configureZmqListeners(this.registrar));
		if (this.registrar.getEndpointRegistry() == null) {
			this.registrar.setEndpointRegistry(this.beanFactory.getBean(ZmqListenerEndpointRegistry.class));
		}
		toRegister.forEach(this::register);
		this.registrar.registerAllEndpoints();
		this.initialized = true;
	}

	private void register(Pending listener) {
		MergedAnnotation<ZmqListener> annotation = listener.annotation();
		String id = resolveString(annotation.getString("id"));
		if (!StringUtils.hasText(id)) {
			id = "zmqListener#" + this.counter.getAndIncrement();
		}
		String origin = "@ZmqListener(id=" + id + ") on " + listener.targetClass().getName() + "."
				+ listener.method().getName();
		ZmqSocketSpec spec = resolveSpec(annotation, id, origin);
		String maxMessageSize = resolveString(annotation.getString("maxMessageSize"));
		if (StringUtils.hasText(maxMessageSize)) {
			spec.getOptions().setMaxMessageSize(parseMaxMessageSize(origin + ".maxMessageSize", maxMessageSize.trim()));
		}
		ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(id, spec, listener.bean(), listener.method(),
				getHandlerMethodFactory());
		endpoint.setMessageConverter(getMessageConverter());
		String contentType = resolveString(annotation.getString("contentType"));
		if (StringUtils.hasText(contentType)) {
			try {
				endpoint.setContentType(MimeTypeUtils.parseMimeType(contentType.trim()));
			}
			catch (InvalidMimeTypeException ex) {
				throw new InvalidZmqSocketSpecException(origin + ".contentType", contentType,
						"is not a MIME type (" + ex.getMessage() + "; for example application/cbor)");
			}
		}
		String concurrency = resolveString(annotation.getString("concurrency"));
		if (StringUtils.hasText(concurrency)) {
			int threads;
			try {
				threads = Integer.parseInt(concurrency.trim());
			}
			catch (NumberFormatException ex) {
				threads = 0;
			}
			if (threads < 1) {
				throw new InvalidZmqSocketSpecException(origin + ".concurrency", concurrency,
						"must be a whole number of at least 1");
			}
			endpoint.setConcurrency(threads);
		}
		String autoStartup = resolveString(annotation.getString("autoStartup"));
		if (StringUtils.hasText(autoStartup)) {
			if (!"true".equalsIgnoreCase(autoStartup.trim()) && !"false".equalsIgnoreCase(autoStartup.trim())) {
				throw new InvalidZmqSocketSpecException(origin + ".autoStartup", autoStartup, "must be true or false");
			}
			endpoint.setAutoStartup(Boolean.parseBoolean(autoStartup.trim()));
		}
		String errorHandler = resolveString(annotation.getString("errorHandler"));
		if (StringUtils.hasText(errorHandler)) {
			endpoint.setErrorHandler(this.beanFactory.getBean(errorHandler, ZmqListenerErrorHandler.class));
		}
		this.registrar.registerEndpoint(endpoint, null, resolveString(annotation.getString("containerFactory")),
				origin);
	}

	private static DataSize parseMaxMessageSize(String attribute, String value) {
		DataSize size;
		try {
			size = DataSize.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidZmqSocketSpecException(attribute, value,
					"is not a data size (for example 16MB, or -1 for unlimited)");
		}
		ZmqSocketOptions.checkMaxMessageSize(attribute, size);
		return size;
	}

	private ZmqSocketSpec resolveSpec(MergedAnnotation<ZmqListener> annotation, String id, String origin) {
		String socket = resolveString(annotation.getString("socket"));
		SocketType[] types = annotation.getEnumArray("type", SocketType.class);
		List<String> bind = resolveArray(annotation.getStringArray("bind"));
		List<String> connect = resolveArray(annotation.getStringArray("connect"));
		List<String> topics = resolveArray(annotation.getStringArray("topics"));
		String announce = resolveString(annotation.getString("announce"));
		boolean inline = types.length > 0 || !bind.isEmpty() || !connect.isEmpty() || !topics.isEmpty()
				|| StringUtils.hasText(announce);
		ZmqSocketManager manager = this.beanFactory.getBean(ZmqSocketManager.class);
		ZmqSocketSpec spec;
		if (StringUtils.hasText(socket)) {
			if (inline) {
				throw new InvalidZmqSocketSpecException(origin + ".socket", socket,
						"names a declared socket; 'type', 'bind', 'connect', 'topics' and 'announce' apply to inline sockets only"
								+ " (announce a declared socket with zmq.sockets." + socket + ".announce)");
			}
			spec = manager.claim(socket, origin);
		}
		else {
			if (types.length != 1) {
				throw new InvalidZmqSocketSpecException(origin + ".type", List.of(types),
						"set 'socket' to a socket declared under zmq.sockets, or exactly one inline 'type'");
			}
			if (types[0] == SocketType.SUB && topics.isEmpty()) {
				topics = List.of("");
			}
			if (manager.getSocketNames().contains(id)) {
				// an inline socket is named by its listener id: the same name as a
				// declared
				// socket would make getBoundEndpoints and discovery ambiguous
				throw new InvalidZmqSocketSpecException(origin + ".id", id,
						"is also the name of a socket declared under zmq.sockets; use socket = \"" + id
								+ "\" to listen on it, or give the listener another id");
			}
			spec = ZmqSocketSpec.builder(id, origin)
				.type(types[0])
				.bind(bind)
				.connect(connect)
				.topics(topics)
				.announce(announce)
				.build();
		}
		if (!SUPPORTED.contains(spec.getType())) {
			throw new InvalidZmqSocketSpecException(origin + (StringUtils.hasText(socket) ? ".socket" : ".type"),
					spec.getType(), "listeners support " + SUPPORTED + " sockets");
		}
		return spec;
	}

	private synchronized DefaultMessageHandlerMethodFactory getHandlerMethodFactory() {
		if (this.handlerMethodFactory == null) {
			DefaultMessageHandlerMethodFactory factory = new ZmqMessageHandlerMethodFactory();
			factory.setBeanFactory(this.beanFactory);
			ZmqTypeResolver typeResolver = this.beanFactory.getBeanProvider(ZmqTypeResolver.class).getIfUnique();
			// arguments only: a type-id header may pick the class of an open parameter
			// type
			factory.setMessageConverter((typeResolver != null)
					? new ZmqTypeIdMessageConverter(getMessageConverter(), typeResolver) : getMessageConverter());
			Validator validator = this.beanFactory.getBeanProvider(Validator.class).getIfUnique();
			if (validator != null) {
				factory.setValidator(validator);
			}
			factory.setCustomArgumentResolvers(List.of(new ZmqMsgArgumentResolver()));
			factory.afterPropertiesSet();
			this.handlerMethodFactory = factory;
		}
		return this.handlerMethodFactory;
	}

	/**
	 * How payloads are converted, chosen elsewhere: the application's
	 * {@value #MESSAGE_CONVERTER_BEAN_NAME} bean (which the auto-configuration also sets
	 * on its container factory), else the converter of the default container factory.
	 */
	private synchronized MessageConverter getMessageConverter() {
		if (this.messageConverter == null) {
			this.messageConverter = resolveMessageConverter();
		}
		return this.messageConverter;
	}

	private MessageConverter resolveMessageConverter() {
		if (this.beanFactory.containsBean(MESSAGE_CONVERTER_BEAN_NAME)) {
			return this.beanFactory.getBean(MESSAGE_CONVERTER_BEAN_NAME, MessageConverter.class);
		}
		ZmqListenerContainerFactory factory = this.beanFactory
			.containsBean(ZmqListenerEndpointRegistrar.DEFAULT_CONTAINER_FACTORY_BEAN_NAME)
					? this.beanFactory.getBean(ZmqListenerEndpointRegistrar.DEFAULT_CONTAINER_FACTORY_BEAN_NAME,
							ZmqListenerContainerFactory.class)
					: this.beanFactory.getBeanProvider(ZmqListenerContainerFactory.class).getIfUnique();
		return (factory != null) ? factory.getMessageConverter() : ZmqMessageConverters.defaultConverter();
	}

	private String resolveString(String value) {
		Object resolved = resolveExpression(value);
		return (resolved != null) ? resolved.toString() : null;
	}

	private List<String> resolveArray(String[] values) {
		List<String> result = new ArrayList<>();
		for (String value : values) {
			Object resolved = resolveExpression(value);
			if (resolved instanceof String[] array) {
				result.addAll(List.of(array));
			}
			else if (resolved instanceof Collection<?> collection) {
				collection.forEach((element) -> result.add(String.valueOf(element)));
			}
			else if (resolved != null) {
				result.add(resolved.toString());
			}
		}
		return result;
	}

	private Object resolveExpression(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		BeanExpressionResolver resolver = this.beanFactory.getBeanExpressionResolver();
		return (resolver != null) ? resolver.evaluate(resolved, this.expressionContext) : resolved;
	}

	private record Pending(Object bean, Class<?> targetClass, Method method, MergedAnnotation<ZmqListener> annotation) {
	}

}
