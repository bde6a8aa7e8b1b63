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

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.zmqspring.convert.trusted.Event;
import io.github.zmqspring.convert.trusted.TrustedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The type-id allow-list: decided on the name, before any class loader is asked.
 */
@Timeout(60)
class ZmqTypeResolverTests {

	private static final String TRUSTED = "io.github.zmqspring.convert.trusted";

	private final RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());

	@Test
	void nothingIsTrustedByDefault() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(), this.loader);
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve(TrustedEvent.class.getName()))
			.withMessageContaining("not in a trusted package")
			.withMessageContaining("zmq.converter.trusted-packages");
		assertThat(this.loader.requested).isEmpty();
	}

	@Test
	void processBuilderIsRejectedWithoutBeingLoaded() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(TRUSTED, "com.trusted.*"), this.loader);
		assertThat(resolver.isTrusted("java.lang.ProcessBuilder")).isFalse();
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve("java.lang.ProcessBuilder"))
			.withMessageContaining("'java.lang.ProcessBuilder' is not in a trusted package");
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolveTargetType("java.lang.ProcessBuilder", Object.class));
		assertThat(this.loader.requested).isEmpty();
	}

	@Test
	void trustedClassIsLoaded() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(TRUSTED), this.loader);
		assertThat(resolver.resolve(TRUSTED + ".TrustedEvent").getName()).isEqualTo(TRUSTED + ".TrustedEvent");
		assertThat(resolver.resolve(TRUSTED + ".TrustedEvent$Nested")).isEqualTo(TrustedEvent.Nested.class);
		assertThat(this.loader.requested).containsExactly(TRUSTED + ".TrustedEvent", TRUSTED + ".TrustedEvent$Nested");
	}

	@Test
	void staticInitializerOfATrustedClassDoesNotRun() throws Exception {
		// a loader of its own, so that the class is defined afresh whatever other tests
		// did
		IsolatingClassLoader isolating = new IsolatingClassLoader(getClass().getClassLoader(),
				TRUSTED + ".TrustedEvent");
		System.clearProperty(TrustedEvent.INITIALIZED_PROPERTY);
		try {
			ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(TRUSTED), isolating);
			Class<?> type = resolver.resolve(TRUSTED + ".TrustedEvent");
			assertThat(type.getClassLoader()).isSameAs(isolating);
			assertThat(isolating.defined).containsExactly(TRUSTED + ".TrustedEvent");
			assertThat(System.getProperty(TrustedEvent.INITIALIZED_PROPERTY)).isNull();
			// the probe works: initializing the same class does set the property
			Class.forName(type.getName(), true, isolating);
			assertThat(System.getProperty(TrustedEvent.INITIALIZED_PROPERTY)).isEqualTo("true");
		}
		finally {
			System.clearProperty(TrustedEvent.INITIALIZED_PROPERTY);
		}
	}

	@Test
	void exactEntryTrustsThatPackageOnly() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of("com.trusted"), this.loader);
		assertThat(resolver.isTrusted("com.trusted.X")).isTrue();
		assertThat(resolver.isTrusted("com.trusted.Outer$Inner")).isTrue();
		assertThat(resolver.isTrusted("com.trusted.evil.X")).isFalse();
		assertThat(resolver.isTrusted("com.trustedevil.X")).isFalse();
		assertThat(resolver.isTrusted("com.trusted$evil.X")).isFalse();
		assertThat(resolver.isTrusted("com.X")).isFalse();
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve("com.trusted.evil.X"));
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve("com.trustedevil.X"));
		assertThat(this.loader.requested).isEmpty();
	}

	@Test
	void wildcardEntryTrustsSubPackagesButNotLookAlikes() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of("com.trusted.*"), this.loader);
		assertThat(resolver.isTrusted("com.trusted.X")).isTrue();
		assertThat(resolver.isTrusted("com.trusted.evil.X")).isTrue();
		assertThat(resolver.isTrusted("com.trustedevil.X")).isFalse();
		assertThat(resolver.isTrusted("com.trusted")).isFalse();
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve("com.trustedevil.X"));
		assertThat(this.loader.requested).isEmpty();
		// trusted but absent: the loader is asked, and the answer is a conversion error
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve("com.trusted.evil.X"))
			.withMessageContaining("names no loadable class");
		assertThat(this.loader.requested).containsExactly("com.trusted.evil.X");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[Lio.github.zmqspring.convert.trusted.TrustedEvent;",
			"io.github.zmqspring.convert.trusted.TrustedEvent[]", "[B", "int", "TrustedEvent", "",
			" io.github.zmqspring.convert.trusted.TrustedEvent", "io.github.zmqspring.convert.trusted.TrustedEvent ",
			"io.github.zmqspring.convert.trusted..TrustedEvent", ".io.github.zmqspring.convert.trusted.TrustedEvent",
			"io.github.zmqspring.convert.trusted.", "io/github/zmqspring/convert/trusted/TrustedEvent",
			"io.github.zmqspring.convert.trusted.TrustedEvent\u0000", "io.github.zmqspring.convert.trusted.1Event",
			"io.github.zmqspring.convert.trusted.Trusted-Event", "io.github.zmqspring.convert.trusted.*",
			"Lio.github.zmqspring.convert.trusted.TrustedEvent;" })
	void namesThatAreNotPlainClassNamesAreRejectedUnloaded(String typeId) {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(TRUSTED, TRUSTED + ".*", "io.github.zmqspring.*"),
				this.loader);
		assertThat(resolver.isTrusted(typeId)).isFalse();
		assertThatExceptionOfType(ZmqUntrustedTypeException.class).isThrownBy(() -> resolver.resolve(typeId));
		assertThat(this.loader.requested).isEmpty();
	}

	@Test
	void overlongAndNullNamesAreRejected() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of("com.trusted"), this.loader);
		String overlong = "com.trusted." + "X".repeat(ZmqTypeResolver.MAX_TYPE_ID_LENGTH);
		assertThatExceptionOfType(ZmqUntrustedTypeException.class).isThrownBy(() -> resolver.resolve(overlong))
			.withMessageContaining("...");
		assertThatExceptionOfType(ZmqUntrustedTypeException.class).isThrownBy(() -> resolver.resolve(null));
		assertThat(resolver.isTrusted(null)).isFalse();
		assertThat(this.loader.requested).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "", ".*", "com.*.x", "com.", "com..x", "com.x.**", " com.x", "[Lcom" })
	void invalidTrustedPackagesFailFast(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new ZmqTypeResolver(List.of(entry)))
			.withMessageContaining("Invalid trusted package");
	}

	@Test
	void requiredTypeIsEnforced() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(TRUSTED), this.loader);
		assertThat(resolver.resolve(TRUSTED + ".TrustedEvent", Event.class)).isEqualTo(TrustedEvent.class);
		assertThatExceptionOfType(ZmqUntrustedTypeException.class)
			.isThrownBy(() -> resolver.resolve(TRUSTED + ".TrustedEvent", Serializable.class))
			.withMessageContaining("is not a java.io.Serializable");
	}

	@Test
	void typeIdIsConsultedOnlyForAnOpenDeclaredType() {
		ZmqTypeResolver resolver = new ZmqTypeResolver(List.of(TRUSTED), this.loader);
		assertThat(resolver.resolveTargetType(TRUSTED + ".TrustedEvent", Object.class)).isEqualTo(TrustedEvent.class);
		assertThat(resolver.resolveTargetType(TRUSTED + ".TrustedEvent", Event.class)).isEqualTo(TrustedEvent.class);
		assertThat(resolver.resolveTargetType(null, Event.class)).isEqualTo(Event.class);
		// a concrete parameter type wins; the header is not even looked at
		assertThat(resolver.resolveTargetType("java.lang.ProcessBuilder", String.class)).isEqualTo(String.class);
		assertThat(resolver.resolveTargetType("java.lang.ProcessBuilder", int.class)).isEqualTo(int.class);
		// the JVM may answer a repeated request from its cache, so only the names matter
		assertThat(this.loader.requested).containsOnly(TRUSTED + ".TrustedEvent");
	}

	/**
	 * Records every class name it is asked for, and delegates.
	 */
	static final class RecordingClassLoader extends ClassLoader {

		final List<String> requested = new CopyOnWriteArrayList<>();

		RecordingClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.requested.add(name);
			return super.loadClass(name, resolve);
		}

	}

	/**
	 * Defines one class itself (child first), so that its initialization can be observed.
	 */
	static final class IsolatingClassLoader extends ClassLoader {

		final List<String> defined = new CopyOnWriteArrayList<>();

		private final String isolated;

		IsolatingClassLoader(ClassLoader parent, String isolated) {
			super(parent);
			this.isolated = isolated;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.equals(this.isolated)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded != null) {
					return loaded;
				}
				try (var in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
					byte[] bytes = in.readAllBytes();
					this.defined.add(name);
					return defineClass(name, bytes, 0, bytes.length);
				}
				catch (java.io.IOException ex) {
					throw new ClassNotFoundException(name, ex);
				}
			}
		}

	}

}
