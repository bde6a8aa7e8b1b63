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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security of the managed context: the ZAP handler's CURVE allow-list, PLAIN users and
 * address ranges ({@code zmq.security.*}), and the per-socket CURVE and PLAIN settings
 * ({@code zmq.sockets.<name>.curve.*}, {@code zmq.sockets.<name>.plain.*}). See
 * {@code docs/security.md}.
 *
 * @author zmq-spring-boot
 */
@ConfigurationProperties("zmq.security")
public class ZmqSecurityProperties {

	/**
	 * CURVE allow-list of every CURVE server that has none of its own.
	 */
	private final Curve curve = new Curve();

	/**
	 * PLAIN users that PLAIN servers accept.
	 */
	private final Plain plain = new Plain();

	/**
	 * Addresses or CIDR ranges peers of bound sockets must connect from (empty: any).
	 */
	private List<String> allowedAddresses = new ArrayList<>();

	/**
	 * Addresses or CIDR ranges peers of bound sockets are refused from.
	 */
	private List<String> deniedAddresses = new ArrayList<>();

	/**
	 * Shortest time between two log lines about refused peers (the others are counted).
	 */
	private Duration refusalLogInterval = Duration.ofSeconds(10);

	public Curve getCurve() {
		return this.curve;
	}

	public Plain getPlain() {
		return this.plain;
	}

	public List<String> getAllowedAddresses() {
		return this.allowedAddresses;
	}

	public void setAllowedAddresses(List<String> allowedAddresses) {
		this.allowedAddresses = allowedAddresses;
	}

	public List<String> getDeniedAddresses() {
		return this.deniedAddresses;
	}

	public void setDeniedAddresses(List<String> deniedAddresses) {
		this.deniedAddresses = deniedAddresses;
	}

	public Duration getRefusalLogInterval() {
		return this.refusalLogInterval;
	}

	public void setRefusalLogInterval(Duration refusalLogInterval) {
		this.refusalLogInterval = refusalLogInterval;
	}

	/**
	 * The context's CURVE allow-list.
	 */
	public static class Curve {

		/**
		 * Z85 public keys of the clients every CURVE server accepts.
		 */
		private List<String> allowedKeys = new ArrayList<>();

		/**
		 * Directory of allowed clients' public certificates (file:/path/), re-read on
		 * change.
		 */
		private String allowedKeysLocation;

		/**
		 * Whether CURVE servers accept any client key: encryption without authentication.
		 */
		private boolean allowAny;

		public List<String> getAllowedKeys() {
			return this.allowedKeys;
		}

		public void setAllowedKeys(List<String> allowedKeys) {
			this.allowedKeys = allowedKeys;
		}

		public String getAllowedKeysLocation() {
			return this.allowedKeysLocation;
		}

		public void setAllowedKeysLocation(String allowedKeysLocation) {
			this.allowedKeysLocation = allowedKeysLocation;
		}

		public boolean isAllowAny() {
			return this.allowAny;
		}

		public void setAllowAny(boolean allowAny) {
			this.allowAny = allowAny;
		}

	}

	/**
	 * The context's PLAIN users.
	 */
	public static class Plain {

		/**
		 * Passwords by user name that PLAIN servers accept.
		 */
		private Map<String, String> users = new LinkedHashMap<>();

		public Map<String, String> getUsers() {
			return this.users;
		}

		public void setUsers(Map<String, String> users) {
			this.users = users;
		}

	}

	/**
	 * CURVE settings of one socket.
	 */
	public static class SocketCurve {

		/**
		 * Whether this socket is a CURVE server (it authenticates its clients).
		 */
		private boolean server;

		/**
		 * This socket's Z85 public key.
		 */
		private String publicKey;

		/**
		 * This socket's Z85 secret key; never logged.
		 */
		private String secretKey;

		/**
		 * Secret certificate (ZPL, as pyzmq or JeroMQ write it) in place of the two keys.
		 */
		private String certificate;

		/**
		 * Z85 public key of the CURVE server a client connects to.
		 */
		private String serverKey;

		/**
		 * Z85 public keys of the clients this server accepts, in place of the context's.
		 */
		private List<String> allowedKeys = new ArrayList<>();

		/**
		 * Directory of public certificates this server accepts, in place of the
		 * context's.
		 */
		private String allowedKeysLocation;

		/**
		 * Whether this server accepts any client key (encryption without authentication).
		 */
		private Boolean allowAny;

		/**
		 * @return whether any CURVE setting is present
		 */
		boolean isConfigured() {
			return this.server || this.publicKey != null || this.secretKey != null || this.certificate != null
					|| this.serverKey != null || !this.allowedKeys.isEmpty() || this.allowedKeysLocation != null
					|| this.allowAny != null;
		}

		public boolean isServer() {
			return this.server;
		}

		public void setServer(boolean server) {
			this.server = server;
		}

		public String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(String publicKey) {
			this.publicKey = publicKey;
		}

		public String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(String secretKey) {
			this.secretKey = secretKey;
		}

		public String getCertificate() {
			return this.certificate;
		}

		public void setCertificate(String certificate) {
			this.certificate = certificate;
		}

		public String getServerKey() {
			return this.serverKey;
		}

		public void setServerKey(String serverKey) {
			this.serverKey = serverKey;
		}

		public List<String> getAllowedKeys() {
			return this.allowedKeys;
		}

		public void setAllowedKeys(List<String> allowedKeys) {
			this.allowedKeys = allowedKeys;
		}

		public String getAllowedKeysLocation() {
			return this.allowedKeysLocation;
		}

		public void setAllowedKeysLocation(String allowedKeysLocation) {
			this.allowedKeysLocation = allowedKeysLocation;
		}

		public Boolean getAllowAny() {
			return this.allowAny;
		}

		public void setAllowAny(Boolean allowAny) {
			this.allowAny = allowAny;
		}

		@Override
		public String toString() {
			return "SocketCurve[server=" + this.server + ", publicKey=" + this.publicKey + ", secretKey="
					+ ((this.secretKey != null) ? "******" : null) + "]";
		}

	}

	/**
	 * PLAIN settings of one socket.
	 */
	public static class SocketPlain {

		/**
		 * Whether this socket is a PLAIN server (it checks zmq.security.plain.users).
		 */
		private boolean server;

		/**
		 * User name a PLAIN client presents.
		 */
		private String username;

		/**
		 * Password a PLAIN client presents (sent in clear text); never logged.
		 */
		private String password;

		boolean isConfigured() {
			return this.server || this.username != null || this.password != null;
		}

		public boolean isServer() {
			return this.server;
		}

		public void setServer(boolean server) {
			this.server = server;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		@Override
		public String toString() {
			return "SocketPlain[server=" + this.server + ", username=" + this.username + ", password="
					+ ((this.password != null) ? "******" : null) + "]";
		}

	}

}
