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

import java.util.Locale;

import io.github.zmqspring.security.ZmqZapHandler;
import io.github.zmqspring.security.ZmqZapPolicy;
import org.zeromq.ZContext;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Security of the managed context: the ZAP handler that authenticates every CURVE and
 * PLAIN peer ({@code zmq.security.*}) and, with Spring Boot's actuator, the masking of
 * keys and passwords in {@code /actuator/configprops} and {@code /actuator/env}.
 *
 * @author zmq-spring-boot
 */
@AutoConfiguration(after = ZmqAutoConfiguration.class)
@ConditionalOnClass(ZContext.class)
@EnableConfigurationProperties(ZmqSecurityProperties.class)
@Import({ ZmqSecurityAutoConfiguration.ZapConfiguration.class,
		ZmqSecurityAutoConfiguration.SanitizingConfiguration.class })
public final class ZmqSecurityAutoConfiguration {

	/**
	 * The ZAP handler, bound as soon as it is created: the socket factory depends on it,
	 * so it runs before the first socket opens.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ZContext.class)
	static class ZapConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ZmqZapHandler zmqZapHandler(ZContext zmqContext, ZmqSecurityProperties properties) {
			ZmqZapPolicy defaults = ZmqZapPolicy.builder()
				.allowedKeys(properties.getCurve().getAllowedKeys(), "zmq.security.curve.allowed-keys")
				.allowedKeysLocation(properties.getCurve().getAllowedKeysLocation(),
						"zmq.security.curve.allowed-keys-location")
				.allowAny(properties.getCurve().isAllowAny())
				.users(properties.getPlain().getUsers(), "zmq.security.plain.users")
				.allowedAddresses(properties.getAllowedAddresses(), "zmq.security.allowed-addresses")
				.deniedAddresses(properties.getDeniedAddresses(), "zmq.security.denied-addresses")
				.build();
			StartedZapHandler handler = new StartedZapHandler(zmqContext, defaults);
			handler.setLogInterval(properties.getRefusalLogInterval());
			handler.start();
			return handler;
		}

	}

	/**
	 * A ZAP handler that also stops when its bean is destroyed (a failed start-up never
	 * reaches the lifecycle's stop).
	 */
	static final class StartedZapHandler extends ZmqZapHandler implements DisposableBean {

		StartedZapHandler(ZContext context, ZmqZapPolicy defaults) {
			super(context, defaults);
		}

		@Override
		public void destroy() {
			stop();
		}

	}

	/**
	 * Masks CURVE secret keys, PLAIN passwords and users, and the discovery secret in the
	 * actuator's {@code configprops} and {@code env} endpoints, even with
	 * {@code show-values=always}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "zmqSanitizingFunction")
		SanitizingFunction zmqSanitizingFunction() {
			// actuator types stay inside this class: the outer one loads without them
			return (data) -> isSecret(data.getKey()) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
		}

	}

	/**
	 * @param key a property name in any of Boot's forms (kebab case, camel case, an
	 * environment variable)
	 * @return whether it names a key, password or secret of ours
	 */
	static boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		String name = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
		if (!name.startsWith("zmq.")) {
			return false;
		}
		return name.endsWith("secretkey") || name.endsWith(".password") || name.contains(".plain.users.")
				|| name.endsWith(".plain.users") || name.endsWith(".discovery.secret");
	}

}
