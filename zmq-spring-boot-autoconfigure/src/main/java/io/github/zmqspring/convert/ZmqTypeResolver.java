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

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Turns the {@code type-id} header of a message (docs/wire-format.md) into a class, but
 * only for classes in trusted packages, so that a peer cannot make the receiver
 * instantiate a class of its choosing (the gadget attacks behind Jackson's default
 * typing). The check runs on the name, before any class is loaded: a name outside the
 * trusted packages never reaches a class loader, so not even a static initializer runs. A
 * trusted class is loaded without being initialized.
 * <p>
 * An entry {@code com.example.events} trusts classes of that package only (not its
 * sub-packages); {@code com.example.events.*} trusts the package and every package under
 * it. With no entry (the default) every type id is rejected: the target type then comes
 * from the listener's parameter or the caller's requested type, which is always the safe
 * choice. A type id must be a plain binary class name such as
 * {@code com.example.events.Order} or {@code com.example.events.Outer}; arrays,
 * descriptors ({@code [Lcom.example.X;}), primitives and names in the default package are
 * rejected.
 * <p>
 * Typical use, where the declared target type is {@code Object} or an interface:
 * {@code Class<?> target = resolver.resolveTargetType(typeIdHeader, declaredType)}, then
 * convert the payload to {@code target}.
 *
 * @author zmq-spring-boot
 */
public class ZmqTypeResolver implements BeanClassLoaderAware {

	/** The longest type id considered; longer ones are rejected unread. */
	public static final int MAX_TYPE_ID_LENGTH = 512;

	private static final String SUB_PACKAGES = ".*";

	private final List<String> trustedPackages;

	private final Set<String> exactPackages = new LinkedHashSet<>();

	private final Set<String> packageTrees = new LinkedHashSet<>();

	private ClassLoader classLoader;

	/**
	 * Create a resolver that loads classes with the default class loader.
	 * @param trustedPackages the trusted packages, each {@code com.example} (that
	 * package) or {@code com.example.*} (it and its sub-packages)
	 * @throws IllegalArgumentException when an entry is not a package name
	 */
	public ZmqTypeResolver(Collection<String> trustedPackages) {
		this(trustedPackages, null);
	}

	/**
	 * Create a resolver.
	 * @param trustedPackages the trusted packages, each {@code com.example} (that
	 * package) or {@code com.example.*} (it and its sub-packages)
	 * @param classLoader the class loader of trusted classes, or {@code null} for the
	 * default one
	 * @throws IllegalArgumentException when an entry is not a package name
	 */
	public ZmqTypeResolver(Collection<String> trustedPackages, @Nullable ClassLoader classLoader) {
		Assert.notNull(trustedPackages, "trustedPackages must not be null");
		List<String> entries = new ArrayList<>();
		for (String entry : trustedPackages) {
			Assert.isTrue(entry != null, "A trusted package must not be null");
			if (entry.endsWith(SUB_PACKAGES) && isQualifiedName(entry, 0, entry.length() - SUB_PACKAGES.length(), 1)) {
				this.packageTrees.add(entry.substring(0, entry.length() - SUB_PACKAGES.length()));
			}
			else if (isQualifiedName(entry, 0, entry.length(), 1)) {
				this.exactPackages.add(entry);
			}
			else {
				throw new IllegalArgumentException("Invalid trusted package '" + describe(entry)
						+ "': name a package such as com.example.events, or com.example.events.* for it and its "
						+ "sub-packages (trusting every package would let any peer choose the class to create)");
			}
			entries.add(entry);
		}
		this.trustedPackages = Collections.unmodifiableList(entries);
		this.classLoader = (classLoader != null) ? classLoader : defaultClassLoader();
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Return the trusted packages, as configured.
	 * @return the trusted packages
	 */
	public List<String> getTrustedPackages() {
		return this.trustedPackages;
	}

	/**
	 * Whether a type id is a class name in a trusted package. Looks at the string only;
	 * loads nothing.
	 * @param typeId the type id
	 * @return whether {@link #resolve(String)} would try to load it
	 */
	public boolean isTrusted(@Nullable String typeId) {
		return typeId != null && isClassName(typeId) && isTrustedPackage(packageOf(typeId));
	}

	/**
	 * Return the class a type id names, when it is in a trusted package.
	 * @param typeId the type id, a binary class name
	 * @return the class, loaded but not initialized
	 * @throws ZmqUntrustedTypeException when the type id is not a class name, not in a
	 * trusted package, or names no class
	 */
	public Class<?> resolve(String typeId) {
		if (typeId == null || !isClassName(typeId)) {
			throw new ZmqUntrustedTypeException("type-id '" + describe(typeId)
					+ "' is not a class name (arrays, descriptors and the default package are never accepted)");
		}
		if (!isTrustedPackage(packageOf(typeId))) {
			throw new ZmqUntrustedTypeException("type-id '" + typeId + "' is not in a trusted package "
					+ this.trustedPackages + "; add its package to zmq.converter.trusted-packages to accept it");
		}
		try {
			// not initialized: a trusted class's static initializer runs only when it is
			// used
			return Class.forName(typeId, false, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new ZmqUntrustedTypeException("type-id '" + typeId + "' names no loadable class", ex);
		}
	}

	/**
	 * Return the class a type id names, when it is in a trusted package and is a
	 * {@code requiredType}.
	 * @param <T> the required type
	 * @param typeId the type id, a binary class name
	 * @param requiredType the type the class must be assignable to
	 * @return the class
	 * @throws ZmqUntrustedTypeException when the type id is not trusted, names no class,
	 * or names a class that is not a {@code requiredType}
	 */
	@SuppressWarnings("unchecked")
	public <T> Class<? extends T> resolve(String typeId, Class<T> requiredType) {
		Class<?> type = resolve(typeId);
		if (!ClassUtils.isAssignable(requiredType, type)) {
			throw new ZmqUntrustedTypeException(
					"type-id '" + typeId + "' is not a " + requiredType.getName() + " as the receiver requires");
		}
		return (Class<? extends T>) type;
	}

	/**
	 * Choose the class to convert a payload to. A concrete declared type always wins and
	 * the header is ignored (a peer cannot override what the receiver asked for); a type
	 * id is consulted only when the declared type is {@code Object}, an interface or an
	 * abstract class, and must then be trusted and assignable to it.
	 * @param typeId the {@code type-id} header, or {@code null} when the message has none
	 * @param declaredType the type the listener parameter or the caller declares
	 * @return the class to convert the payload to
	 * @throws ZmqUntrustedTypeException when the type id is consulted and rejected
	 */
	public Class<?> resolveTargetType(@Nullable String typeId, Class<?> declaredType) {
		if (typeId == null || !isOpen(declaredType)) {
			return declaredType;
		}
		return resolve(typeId, declaredType);
	}

	private static boolean isOpen(Class<?> type) {
		return type == Object.class || type.isInterface()
				|| (!type.isPrimitive() && !type.isArray() && Modifier.isAbstract(type.getModifiers()));
	}

	private boolean isTrustedPackage(String packageName) {
		if (this.exactPackages.contains(packageName)) {
			return true;
		}
		for (String tree : this.packageTrees) {
			// the dot keeps com.trustedevil out of com.trusted.*
			if (packageName.equals(tree) || packageName.startsWith(tree + ".")) {
				return true;
			}
		}
		return false;
	}

	// only called on a valid class name, which has at least one dot
	private static String packageOf(String className) {
		return className.substring(0, className.lastIndexOf('.'));
	}

	// a binary name in a named package: at least two identifiers joined by dots
	private static boolean isClassName(String name) {
		return name.length() <= MAX_TYPE_ID_LENGTH && isQualifiedName(name, 0, name.length(), 2);
	}

	private static boolean isQualifiedName(String name, int from, int to, int minSegments) {
		int segments = 0;
		int start = from;
		for (int i = from; i <= to; i++) {
			if (i == to || name.charAt(i) == '.') {
				if (!isIdentifier(name, start, i)) {
					return false;
				}
				segments++;
				start = i + 1;
			}
		}
		return segments >= minSegments;
	}

	// Java letters and digits only: no '[', ';', '/', spaces, or the control characters
	// that Character.isJavaIdentifierPart accepts as "ignorable"
	private static boolean isIdentifier(String name, int from, int to) {
		if (from >= to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = name.charAt(i);
			boolean valid = (i == from) ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
			if (!valid || Character.isIdentifierIgnorable(c)) {
				return false;
			}
		}
		return true;
	}

	// what an error message may echo of untrusted input: bounded and printable
	private static String describe(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder();
		int length = Math.min(value.length(), 100);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			out.append((c < 0x20 || c == 0x7F) ? '?' : c);
		}
		return (value.length() > length) ? out + "..." : out.toString();
	}

	private static ClassLoader defaultClassLoader() {
		ClassLoader loader = ClassUtils.getDefaultClassLoader();
		return (loader != null) ? loader : ZmqTypeResolver.class.getClassLoader();
	}

}
