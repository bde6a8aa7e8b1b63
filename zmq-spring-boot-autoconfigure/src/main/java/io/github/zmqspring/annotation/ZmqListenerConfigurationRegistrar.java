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

import io.github.zmqspring.listener.ZmqListenerEndpointRegistry;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans behind {@link EnableZmq}, each only when no bean of its name
 * exists.
 *
 * @author zmq-spring-boot
 */
public class ZmqListenerConfigurationRegistrar implements ImportBeanDefinitionRegistrar {

	/** The name of the annotation post-processor bean. */
	public static final String POST_PROCESSOR_BEAN_NAME = "io.github.zmqspring.annotation.internalZmqListenerAnnotationProcessor";

	/** The name of the listener endpoint registry bean. */
	public static final String REGISTRY_BEAN_NAME = "zmqListenerEndpointRegistry";

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(POST_PROCESSOR_BEAN_NAME)) {
			RootBeanDefinition definition = new RootBeanDefinition(ZmqListenerAnnotationBeanPostProcessor.class);
			definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(POST_PROCESSOR_BEAN_NAME, definition);
		}
		if (!registry.containsBeanDefinition(REGISTRY_BEAN_NAME)) {
			RootBeanDefinition definition = new RootBeanDefinition(ZmqListenerEndpointRegistry.class);
			definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			registry.registerBeanDefinition(REGISTRY_BEAN_NAME, definition);
		}
	}

}
