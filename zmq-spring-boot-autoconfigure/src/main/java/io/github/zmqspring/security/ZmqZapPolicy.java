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
package io.github.zmqspring.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;

/**
 * The rules of one ZAP domain (one socket, or the context's defaults): which CURVE keys
 * and PLAIN users may connect, from which address ranges. Evaluated on the ZAP handler's
 * thread only.
 *
 * @author zmq-spring-boot
 */
public final class ZmqZapPolicy {

	private final Set<String> allowedKeys;

	private final ZmqKeyDirectory keyDirectory;

	private final boolean allowAny;

	private final Map<String, String> users;

	private final List<ZmqCidr> allowedAddresses;

	private final List<ZmqCidr> deniedAddresses;

	ZmqZapPolicy(Set<String> allowedKeys, ZmqKeyDirectory keyDirectory, boolean allowAny, Map<String, String> users,
			List<ZmqCidr> allowedAddresses, List<ZmqCidr> deniedAddresses) {
		this.allowedKeys = Set.copyOf(allowedKeys);
		this.keyDirectory = keyDirectory;
		this.allowAny = allowAny;
		this.users = Map.copyOf(users);
		this.allowedAddresses = List.copyOf(allowedAddresses);
		this.deniedAddresses = List.copyOf(deniedAddresses);
	}

	/**
	 * @return whether a CURVE client may be decided on: keys are listed, a directory is
	 * watched, or any key is allowed
	 */
	boolean hasCurveAllowList() {
		return this.allowAny || !this.allowedKeys.isEmpty() || this.keyDirectory != null;
	}

	boolean hasUsers() {
		return !this.users.isEmpty();
	}

	boolean hasAddressRules() {
		return !this.allowedAddresses.isEmpty() || !this.deniedAddresses.isEmpty();
	}

	ZmqKeyDirectory getKeyDirectory() {
		return this.keyDirectory;
	}

	/**
	 * Decide on an address.
	 * @param address the peer's address
	 * @return why it is refused, or {@code null} when it may connect
	 */
	String checkAddress(String address) {
		for (ZmqCidr denied : this.deniedAddresses) {
			if (denied.matches(address)) {
				return "address in denied range " + denied;
			}
		}
		if (!this.allowedAddresses.isEmpty()) {
			for (ZmqCidr allowed : this.allowedAddresses) {
				if (allowed.matches(address)) {
					return null;
				}
			}
			return "address outside the allowed ranges";
		}
		return null;
	}

	/**
	 * Decide on a CURVE client key.
	 * @param key the client's public key (Z85)
	 * @return why it is refused, or {@code null} when it may connect
	 */
	String checkCurveKey(String key) {
		if (this.allowAny) {
			return null;
		}
		if (this.allowedKeys.contains(key)) {
			return null;
		}
		if (this.keyDirectory != null && this.keyDirectory.keys().contains(key)) {
			return null;
		}
		return "CURVE key not allowed";
	}

	/**
	 * Decide on PLAIN credentials.
	 * @param username the user name
	 * @param password the password
	 * @return why they are refused, or {@code null} when they may connect
	 */
	String checkPlain(String username, byte[] password) {
		String expected = this.users.get(username);
		// compared in constant time; an unknown user costs the same as a wrong password
		byte[] known = ((expected != null) ? expected : "\u0000unknown").getBytes(StandardCharsets.UTF_8);
		boolean equal = MessageDigest.isEqual(known, password);
		return (expected != null && equal) ? null : "PLAIN user or password not accepted";
	}

	/**
	 * Merge the rules of a socket over the context's: a socket's allow-list replaces the
	 * context's; users and address ranges are the context's.
	 * @param defaults the context's rules
	 * @param allowedKeys the socket's keys, or {@code null}
	 * @param keyDirectory the socket's directory, or {@code null}
	 * @param allowAny the socket's choice, or {@code null}
	 * @return the socket's rules
	 */
	static ZmqZapPolicy merge(ZmqZapPolicy defaults, Set<String> allowedKeys, ZmqKeyDirectory keyDirectory,
			Boolean allowAny) {
		boolean own = allowedKeys != null || keyDirectory != null;
		return new ZmqZapPolicy(own ? ((allowedKeys != null) ? allowedKeys : Set.of()) : defaults.allowedKeys,
				own ? keyDirectory : defaults.keyDirectory, (allowAny != null) ? allowAny : defaults.allowAny,
				defaults.users, defaults.allowedAddresses, defaults.deniedAddresses);
	}

	/**
	 * Start the rules of a context or a socket.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds and validates a {@link ZmqZapPolicy}; every error names the property at
	 * fault and never repeats a key or password.
	 */
	public static final class Builder {

		private final Set<String> allowedKeys = new LinkedHashSet<>();

		private ZmqKeyDirectory keyDirectory;

		private boolean allowAny;

		private final Map<String, String> users = new LinkedHashMap<>();

		private final List<ZmqCidr> allowedAddresses = new ArrayList<>();

		private final List<ZmqCidr> deniedAddresses = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Allow CURVE keys.
		 * @param keys Z85 public keys
		 * @param property the property they come from, for errors
		 * @return this builder
		 */
		public Builder allowedKeys(List<String> keys, String property) {
			this.allowedKeys.addAll(parseKeys(keys, property));
			return this;
		}

		/**
		 * Allow the keys of the public certificates in a directory, watched for changes.
		 * @param location a directory, as {@code file:/path/} or a plain path, or
		 * {@code null}
		 * @param property the property it comes from, for errors
		 * @return this builder
		 */
		public Builder allowedKeysLocation(String location, String property) {
			this.keyDirectory = directory(location, property);
			return this;
		}

		/**
		 * @param allowAny whether any CURVE key is accepted (encryption without
		 * authentication)
		 * @return this builder
		 */
		public Builder allowAny(boolean allowAny) {
			this.allowAny = allowAny;
			return this;
		}

		/**
		 * Accept PLAIN users.
		 * @param users passwords by user name
		 * @param property the property they come from, for errors
		 * @return this builder
		 */
		public Builder users(Map<String, String> users, String property) {
			if (users != null) {
				users.forEach((user, password) -> {
					if (user == null || user.isEmpty() || user.getBytes(StandardCharsets.UTF_8).length > 255) {
						throw new InvalidZmqSocketSpecException(property, null,
								"a PLAIN user name must be 1 to 255 bytes in UTF-8");
					}
					if (password == null || password.getBytes(StandardCharsets.UTF_8).length > 255) {
						throw new InvalidZmqSocketSpecException(property + "." + user, null,
								"a PLAIN password must be 0 to 255 bytes in UTF-8");
					}
					this.users.put(user, password);
				});
			}
			return this;
		}

		/**
		 * Accept peers only from these ranges.
		 * @param ranges addresses or CIDR ranges
		 * @param property the property they come from, for errors
		 * @return this builder
		 */
		public Builder allowedAddresses(List<String> ranges, String property) {
			this.allowedAddresses.addAll(parseRanges(ranges, property));
			return this;
		}

		/**
		 * Refuse peers from these ranges.
		 * @param ranges addresses or CIDR ranges
		 * @param property the property they come from, for errors
		 * @return this builder
		 */
		public Builder deniedAddresses(List<String> ranges, String property) {
			this.deniedAddresses.addAll(parseRanges(ranges, property));
			return this;
		}

		/**
		 * @return the rules
		 */
		public ZmqZapPolicy build() {
			return new ZmqZapPolicy(this.allowedKeys, this.keyDirectory, this.allowAny, this.users,
					this.allowedAddresses, this.deniedAddresses);
		}

	}

	static Set<String> parseKeys(List<String> keys, String property) {
		Set<String> parsed = new LinkedHashSet<>();
		if (keys != null) {
			for (int i = 0; i < keys.size(); i++) {
				String problem = ZmqCurveKeys.problem(keys.get(i));
				if (problem != null) {
					throw new InvalidZmqSocketSpecException(property + "[" + i + "]", null, problem);
				}
				parsed.add(keys.get(i).trim());
			}
		}
		return parsed;
	}

	static ZmqKeyDirectory directory(String location, String property) {
		if (location == null || location.isBlank()) {
			return null;
		}
		String path = location.trim();
		if (path.startsWith("file:")) {
			path = path.substring("file:".length());
			if (path.startsWith("//")) {
				path = path.substring(2);
			}
		}
		else if (path.contains(":") && !path.matches("[A-Za-z]:[\\\\/].*")) {
			throw new InvalidZmqSocketSpecException(property, location,
					"must be a directory on the file system (file:/path/), so that changes can be watched");
		}
		ZmqKeyDirectory directory = new ZmqKeyDirectory(Path.of(path).toAbsolutePath().normalize(), property);
		directory.scan();
		return directory;
	}

	private static List<ZmqCidr> parseRanges(List<String> ranges, String property) {
		List<ZmqCidr> parsed = new ArrayList<>();
		if (ranges != null) {
			for (int i = 0; i < ranges.size(); i++) {
				try {
					parsed.add(ZmqCidr.parse(ranges.get(i)));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidZmqSocketSpecException(property + "[" + i + "]", ranges.get(i), ex.getMessage());
				}
			}
		}
		return parsed;
	}

}
