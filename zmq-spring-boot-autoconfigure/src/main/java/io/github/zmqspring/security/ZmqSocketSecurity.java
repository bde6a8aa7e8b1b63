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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqEndpoint;
import io.github.zmqspring.core.socket.ZmqPeerTracker;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.ZMQ;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The CURVE or PLAIN settings of one socket, validated, with every error naming the
 * property at fault and never a key or password. {@link #toString()} shows public keys
 * and user names only. The socket factory applies them with
 * {@link #apply(ZMQ.Socket, ZmqSocketSpec, ZmqZapHandler, ZmqPeerTracker)} before the
 * socket binds or connects (DESIGN rule 3).
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketSecurity {

	/**
	 * The reconnect interval of a secure client when none is set: a refused handshake is
	 * retried once a second.
	 */
	static final int SECURE_RECONNECT_MILLIS = 1000;

	private static final Log logger = LogFactory.getLog(ZmqSocketSecurity.class);

	/**
	 * The security mechanism of a socket.
	 */
	public enum Mechanism {

		/** CurveZMQ: encryption and authentication by key. */
		CURVE,
		/** User name and password in clear text. */
		PLAIN

	}

	private final Mechanism mechanism;

	private final String prefix;

	private final boolean server;

	private final byte[] publicKey;

	private final byte[] secretKey;

	private final byte[] serverKey;

	private final String username;

	private final String password;

	private final Set<String> allowedKeys;

	private final ZmqKeyDirectory keyDirectory;

	private final Boolean allowAny;

	private ZmqSocketSecurity(Builder builder, byte[] publicKey, byte[] secretKey, byte[] serverKey) {
		this.mechanism = builder.mechanism;
		this.prefix = builder.prefix;
		this.server = builder.server;
		this.publicKey = publicKey;
		this.secretKey = secretKey;
		this.serverKey = serverKey;
		this.username = builder.username;
		this.password = builder.password;
		this.allowedKeys = builder.parsedAllowedKeys;
		this.keyDirectory = builder.keyDirectory;
		this.allowAny = builder.allowAny;
	}

	/**
	 * Start CURVE settings.
	 * @param prefix the property prefix, such as {@code zmq.sockets.rpc.curve}
	 * @return a builder
	 */
	public static Builder curve(String prefix) {
		return new Builder(Mechanism.CURVE, prefix);
	}

	/**
	 * Start PLAIN settings.
	 * @param prefix the property prefix, such as {@code zmq.sockets.rpc.plain}
	 * @return a builder
	 */
	public static Builder plain(String prefix) {
		return new Builder(Mechanism.PLAIN, prefix);
	}

	/**
	 * @return the mechanism
	 */
	public Mechanism getMechanism() {
		return this.mechanism;
	}

	/**
	 * @return whether the socket is the server of the handshake
	 */
	public boolean isServer() {
		return this.server;
	}

	/**
	 * @return the socket's CURVE public key (Z85), or {@code null} for PLAIN
	 */
	public String getPublicKey() {
		return (this.publicKey != null) ? ZmqCurveKeys.encode(this.publicKey) : null;
	}

	/**
	 * @return the CURVE server's public key a client connects with (Z85), or {@code null}
	 * when it comes from discovery
	 */
	public String getServerKey() {
		return (this.serverKey != null) ? ZmqCurveKeys.encode(this.serverKey) : null;
	}

	/**
	 * @return the property prefix, such as {@code zmq.sockets.rpc.curve}
	 */
	public String getPrefix() {
		return this.prefix;
	}

	/**
	 * Apply a spec's security to a socket before it binds or connects; a socket without
	 * CURVE or PLAIN that binds gets a ZAP domain when the context restricts addresses.
	 * @param socket the new socket, on its owning thread
	 * @param spec the socket's spec
	 * @param zap the ZAP handler, or {@code null} when none is configured
	 * @param tracker the socket's peer tracker, told about failed handshakes of clients
	 * @throws InvalidZmqSocketSpecException naming the property at fault
	 */
	public static void apply(ZMQ.Socket socket, ZmqSocketSpec spec, ZmqZapHandler zap, ZmqPeerTracker tracker) {
		ZmqSocketSecurity security = spec.getSecurity();
		if (security == null) {
			if (zap != null && zap.getDefaults().hasAddressRules() && !spec.getBind().isEmpty()) {
				requireRunning(zap, spec.getOrigin() + ".bind");
				zap.register(spec.getName(), zap.getDefaults());
				socket.setZapDomain(spec.getName());
			}
			return;
		}
		security.applyTo(socket, spec, zap, tracker);
	}

	private void applyTo(ZMQ.Socket socket, ZmqSocketSpec spec, ZmqZapHandler zap, ZmqPeerTracker tracker) {
		if (this.server) {
			requireRunning(zap, this.prefix + ".server");
			ZmqZapPolicy policy;
			if (this.mechanism == Mechanism.CURVE) {
				policy = ZmqZapPolicy.merge(zap.getDefaults(), this.allowedKeys, this.keyDirectory, this.allowAny);
				if (!policy.hasCurveAllowList()) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".allowed-keys", null,
							"a CURVE server needs an allow-list: set zmq.security.curve.allowed-keys or "
									+ "zmq.security.curve.allowed-keys-location (or this socket's own), or "
									+ "zmq.security.curve.allow-any=true to accept any key (encryption without authentication)");
				}
				check(this.prefix + ".public-key", socket.setCurvePublicKey(this.publicKey));
				check(this.prefix + ".secret-key", socket.setCurveSecretKey(this.secretKey));
				check(this.prefix + ".server", socket.setCurveServer(true));
			}
			else {
				policy = zap.getDefaults();
				if (!policy.hasUsers()) {
					throw new InvalidZmqSocketSpecException("zmq.security.plain.users", null,
							"the PLAIN server " + spec.getOrigin() + " needs at least one user");
				}
				check(this.prefix + ".server", socket.setPlainServer(true));
			}
			zap.register(spec.getName(), policy);
			socket.setZapDomain(spec.getName());
			return;
		}
		if (this.mechanism == Mechanism.CURVE) {
			check(this.prefix + ".public-key", socket.setCurvePublicKey(this.publicKey));
			check(this.prefix + ".secret-key", socket.setCurveSecretKey(this.secretKey));
			if (this.serverKey != null) {
				check(this.prefix + ".server-key", socket.setCurveServerKey(this.serverKey));
			}
		}
		else {
			check(this.prefix + ".username", socket.setPlainUsername(this.username));
			check(this.prefix + ".password", socket.setPlainPassword(this.password));
		}
		if (spec.getOptions().getReconnectInterval() == null) {
			// a refused handshake is retried at this pace, not JeroMQ's 100 ms
			socket.setReconnectIVL(SECURE_RECONNECT_MILLIS);
		}
		String name = spec.getName();
		tracker.setHandshakeFailureListener((endpoint, reason) -> {
			logger.warn("Socket '" + name + "': " + this.mechanism + " handshake with " + endpoint + " failed ("
					+ reason + ")");
			if (zap != null) {
				zap.publish(new ZmqAuthenticationFailureEvent(this, name, endpoint, reason));
			}
		});
	}

	/**
	 * Set the server key of a CURVE client before it connects to one server, when the key
	 * comes from discovery.
	 * @param socket the socket, on its owning thread
	 * @param serverKey the server's public key (Z85)
	 */
	public void applyServerKey(ZMQ.Socket socket, String serverKey) {
		check(this.prefix + ".server-key", socket.setCurveServerKey(ZmqCurveKeys.decode(serverKey)));
	}

	private static void requireRunning(ZmqZapHandler zap, String property) {
		if (zap == null || !zap.isRunning()) {
			// JeroMQ would accept every peer without a ZAP handler: never open such a
			// server
			throw new InvalidZmqSocketSpecException(property, null,
					"no ZAP handler is running in this context, so peers could not be authenticated "
							+ "(JeroMQ would accept any peer); the ZmqZapHandler bean must be running first");
		}
	}

	private static void check(String property, boolean accepted) {
		if (!accepted) {
			throw new InvalidZmqSocketSpecException(property, null, "rejected by the socket");
		}
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.mechanism.name()).append(this.server ? " server" : " client");
		if (this.publicKey != null) {
			text.append(" public-key=").append(getPublicKey()).append(" secret-key=******");
		}
		if (this.serverKey != null) {
			text.append(" server-key=").append(getServerKey());
		}
		if (this.username != null) {
			text.append(" username=").append(this.username).append(" password=******");
		}
		return text.toString();
	}

	/**
	 * Builds and validates {@link ZmqSocketSecurity}.
	 */
	public static final class Builder {

		private final Mechanism mechanism;

		private final String prefix;

		private boolean server;

		private String publicKeyText;

		private String secretKeyText;

		private String certificate;

		private String serverKeyText;

		private String username;

		private String password;

		private List<String> allowedKeys;

		private Set<String> parsedAllowedKeys;

		private String allowedKeysLocation;

		private ZmqKeyDirectory keyDirectory;

		private Boolean allowAny;

		private Builder(Mechanism mechanism, String prefix) {
			this.mechanism = mechanism;
			this.prefix = prefix;
		}

		public Builder server(boolean server) {
			this.server = server;
			return this;
		}

		public Builder publicKey(String publicKey) {
			this.publicKeyText = blankToNull(publicKey);
			return this;
		}

		public Builder secretKey(String secretKey) {
			this.secretKeyText = blankToNull(secretKey);
			return this;
		}

		/**
		 * @param certificate a resource location of a secret certificate (ZPL), such as
		 * {@code file:/etc/app/server.key_secret}
		 * @return this builder
		 */
		public Builder certificate(String certificate) {
			this.certificate = blankToNull(certificate);
			return this;
		}

		public Builder serverKey(String serverKey) {
			this.serverKeyText = blankToNull(serverKey);
			return this;
		}

		public Builder username(String username) {
			this.username = username;
			return this;
		}

		public Builder password(String password) {
			this.password = password;
			return this;
		}

		public Builder allowedKeys(List<String> allowedKeys) {
			this.allowedKeys = (allowedKeys != null && !allowedKeys.isEmpty()) ? allowedKeys : null;
			return this;
		}

		public Builder allowedKeysLocation(String location) {
			this.allowedKeysLocation = blankToNull(location);
			return this;
		}

		public Builder allowAny(Boolean allowAny) {
			this.allowAny = allowAny;
			return this;
		}

		/**
		 * Validate and build.
		 * @param connect the socket's connect endpoints (a CURVE client connecting only
		 * through discovery may take its server key from the beacon)
		 * @return the settings
		 * @throws InvalidZmqSocketSpecException naming the property at fault
		 */
		public ZmqSocketSecurity build(List<ZmqEndpoint> connect) {
			if (this.mechanism == Mechanism.PLAIN) {
				return buildPlain();
			}
			if (this.server && this.serverKeyText != null) {
				throw new InvalidZmqSocketSpecException(this.prefix + ".server-key", null,
						"applies to CURVE clients only; a CURVE server has public-key and secret-key");
			}
			if (!this.server
					&& (this.allowedKeys != null || this.allowedKeysLocation != null || this.allowAny != null)) {
				throw new InvalidZmqSocketSpecException(
						this.prefix + ((this.allowedKeys != null) ? ".allowed-keys"
								: (this.allowedKeysLocation != null) ? ".allowed-keys-location" : ".allow-any"),
						null, "applies to CURVE servers only (set " + this.prefix + ".server=true)");
			}
			byte[] publicKey = null;
			byte[] secretKey = null;
			if (this.certificate != null) {
				if (this.publicKeyText != null || this.secretKeyText != null) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".certificate", this.certificate,
							"set either certificate or public-key and secret-key, not both");
				}
				ZmqKeyPair keys = readCertificate();
				publicKey = ZmqCurveKeys.decode(keys.getPublicKey());
				secretKey = ZmqCurveKeys.decode(keys.getSecretKey());
			}
			else if (this.secretKeyText != null || this.publicKeyText != null) {
				if (this.publicKeyText == null) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".public-key", null,
							"is missing: a secret-key needs its public-key");
				}
				if (this.secretKeyText == null) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".secret-key", null,
							"is missing: a public-key needs its secret-key"
									+ (this.server ? "" : " (or set neither for a fresh key pair)"));
				}
				publicKey = key(".public-key", this.publicKeyText);
				secretKey = key(".secret-key", this.secretKeyText);
				if (!Arrays.equals(ZmqCurveKeys.publicKeyOf(secretKey), publicKey)) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".public-key", null,
							"does not belong to " + this.prefix + ".secret-key");
				}
			}
			else if (this.server) {
				throw new InvalidZmqSocketSpecException(this.prefix + ".secret-key", null,
						"a CURVE server needs its key pair: public-key and secret-key, or certificate");
			}
			else {
				ZmqKeyPair fresh = ZmqCurveKeys.generate();
				publicKey = ZmqCurveKeys.decode(fresh.getPublicKey());
				secretKey = ZmqCurveKeys.decode(fresh.getSecretKey());
				logger.info(this.prefix + ": no key pair set; this process uses a fresh one with public key "
						+ fresh.getPublicKey());
			}
			byte[] serverKey = null;
			if (!this.server) {
				if (this.serverKeyText != null) {
					serverKey = key(".server-key", this.serverKeyText);
				}
				else if (connect.isEmpty() || !connect.stream().allMatch(ZmqEndpoint::isDiscovery)) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".server-key", null,
							"a CURVE client needs the server's public key (only discovery:// endpoints may take it from the beacon)");
				}
			}
			if (this.allowedKeys != null) {
				this.parsedAllowedKeys = ZmqZapPolicy.parseKeys(this.allowedKeys, this.prefix + ".allowed-keys");
			}
			this.keyDirectory = ZmqZapPolicy.directory(this.allowedKeysLocation,
					this.prefix + ".allowed-keys-location");
			return new ZmqSocketSecurity(this, publicKey, secretKey, serverKey);
		}

		private ZmqSocketSecurity buildPlain() {
			if (!this.server) {
				if (this.username == null || this.username.isEmpty()
						|| this.username.getBytes(StandardCharsets.UTF_8).length > 255) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".username", null,
							"a PLAIN client needs a user name of 1 to 255 bytes (or set " + this.prefix
									+ ".server=true)");
				}
				if (this.password == null || this.password.getBytes(StandardCharsets.UTF_8).length > 255) {
					throw new InvalidZmqSocketSpecException(this.prefix + ".password", null,
							"a PLAIN client needs a password of at most 255 bytes");
				}
			}
			else if (this.username != null || this.password != null) {
				throw new InvalidZmqSocketSpecException(this.prefix + ".username", null,
						"applies to PLAIN clients only; a PLAIN server checks zmq.security.plain.users");
			}
			return new ZmqSocketSecurity(this, null, null, null);
		}

		private byte[] key(String property, String text) {
			String problem = ZmqCurveKeys.problem(text);
			if (problem != null) {
				throw new InvalidZmqSocketSpecException(this.prefix + property, null, problem);
			}
			return ZmqCurveKeys.decode(text);
		}

		private ZmqKeyPair readCertificate() {
			Resource resource = new DefaultResourceLoader().getResource(this.certificate);
			ZmqKeyPair keys;
			try {
				keys = ZmqCertificates.read(resource);
			}
			catch (IOException | IllegalArgumentException ex) {
				throw new InvalidZmqSocketSpecException(this.prefix + ".certificate", this.certificate,
						"cannot read a CURVE certificate: " + ex.getMessage(), ex);
			}
			if (!keys.hasSecretKey()) {
				throw new InvalidZmqSocketSpecException(this.prefix + ".certificate", this.certificate,
						"is a public certificate; this socket needs a secret certificate (with secret-key)");
			}
			return keys;
		}

		private static String blankToNull(String value) {
			return (value != null && !value.isBlank()) ? value.trim() : null;
		}

	}

}
