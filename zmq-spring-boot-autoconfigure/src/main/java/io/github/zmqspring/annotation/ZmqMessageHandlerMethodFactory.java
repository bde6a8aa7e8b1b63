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
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * The listeners' {@link DefaultMessageHandlerMethodFactory}, whose handler methods
 * resolve their arguments as Spring's do, with the work that gives the same answer for
 * every message done once per method instead of once per message.
 * <p>
 * Spring's {@link InvocableHandlerMethod} writes the parameter name discoverer into each
 * parameter and looks its resolver up in a map on every invocation. The write alone, a
 * reference stored into a long-lived object, costs the garbage collector's write barrier
 * each time: 9 % of scenario 1's listener thread, and argument resolution 15 % in all
 * (benchmarks/README.md). Here each parameter gets its discoverer once and its resolver
 * (the first of the same resolvers, in the same order, that supports it) on the first
 * message; a parameter no resolver supports, and arguments provided by the caller, take
 * Spring's own path, with its exceptions.
 *
 * @author zmq-spring-boot
 */
class ZmqMessageHandlerMethodFactory extends DefaultMessageHandlerMethodFactory {

	/** The resolvers {@link #initArgumentResolvers()} made, in order. */
	private final HandlerMethodArgumentResolverComposite resolvers = new HandlerMethodArgumentResolverComposite();

	@Override
	protected List<HandlerMethodArgumentResolver> initArgumentResolvers() {
		List<HandlerMethodArgumentResolver> initialized = super.initArgumentResolvers();
		this.resolvers.clear();
		this.resolvers.addResolvers(initialized);
		return initialized;
	}

	@Override
	public InvocableHandlerMethod createInvocableHandlerMethod(Object bean, Method method) {
		if (this.resolvers.getResolvers().isEmpty()) {
			// resolvers set from outside (setArgumentResolvers): Spring's own method
			return super.createInvocableHandlerMethod(bean, method);
		}
		InvocableHandlerMethod handlerMethod = new ResolvedOnceHandlerMethod(bean, method);
		handlerMethod.setMessageMethodArgumentResolvers(this.resolvers);
		return handlerMethod;
	}

	/** An {@link InvocableHandlerMethod} that finds each parameter's resolver once. */
	static final class ResolvedOnceHandlerMethod extends InvocableHandlerMethod {

		private static final Log logger = LogFactory.getLog(ResolvedOnceHandlerMethod.class);

		private @Nullable HandlerMethodArgumentResolverComposite composite;

		/** Each parameter's resolver, found on the first message; then only read. */
		private volatile HandlerMethodArgumentResolver @Nullable [] parameterResolvers;

		ResolvedOnceHandlerMethod(Object bean, Method method) {
			super(bean, method);
			// the default discoverer of Spring's InvocableHandlerMethod
			setParameterNameDiscoverer(new DefaultParameterNameDiscoverer());
		}

		@Override
		public void setMessageMethodArgumentResolvers(HandlerMethodArgumentResolverComposite argumentResolvers) {
			super.setMessageMethodArgumentResolvers(argumentResolvers);
			this.composite = argumentResolvers;
			this.parameterResolvers = null;
		}

		@Override
		public void setParameterNameDiscoverer(ParameterNameDiscoverer parameterNameDiscoverer) {
			super.setParameterNameDiscoverer(parameterNameDiscoverer);
			for (MethodParameter parameter : getMethodParameters()) {
				parameter.initParameterNameDiscovery(parameterNameDiscoverer);
			}
		}

		@Override
		protected Object[] getMethodArgumentValues(Message<?> message, Object... providedArgs) throws Exception {
			MethodParameter[] parameters = getMethodParameters();
			HandlerMethodArgumentResolver[] found = (providedArgs.length == 0) ? resolvers(parameters) : null;
			if (found == null || parameters.length == 0) {
				return super.getMethodArgumentValues(message, providedArgs);
			}
			Object[] args = new Object[parameters.length];
			for (int i = 0; i < parameters.length; i++) {
				MethodParameter parameter = parameters[i];
				try {
					args[i] = found[i].resolveArgument(parameter, message);
				}
				catch (Exception ex) {
					// as Spring's: the stack trace is left for whoever handles it
					if (logger.isDebugEnabled()) {
						logger.debug("Could not resolve parameter [" + parameter.getParameterIndex() + "] in "
								+ parameter.getExecutable().toGenericString() + ": " + ex.getMessage());
					}
					throw ex;
				}
			}
			return args;
		}

		/**
		 * @return each parameter's resolver, or {@code null} when one has none (Spring's
		 * path then throws its exception)
		 */
		private HandlerMethodArgumentResolver @Nullable [] resolvers(MethodParameter[] parameters) {
			HandlerMethodArgumentResolver[] found = this.parameterResolvers;
			if (found != null) {
				return found;
			}
			HandlerMethodArgumentResolverComposite composite = this.composite;
			if (composite == null) {
				return null;
			}
			found = new HandlerMethodArgumentResolver[parameters.length];
			for (int i = 0; i < parameters.length; i++) {
				for (HandlerMethodArgumentResolver resolver : composite.getResolvers()) {
					if (resolver.supportsParameter(parameters[i])) {
						found[i] = resolver;
						break;
					}
				}
				if (found[i] == null) {
					return null;
				}
			}
			this.parameterResolvers = found;
			return found;
		}

	}

}
