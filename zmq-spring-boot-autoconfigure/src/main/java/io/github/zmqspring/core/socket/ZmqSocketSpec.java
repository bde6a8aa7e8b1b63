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
package io.github.zmqspring.core.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.security.ZmqSocketSecurity;

import org.zeromq.SocketType;

import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The complete, validated description of one socket: its type, where it binds and
 * connects, its subscriptions and options. A socket declared under {@code zmq.sockets} or
 * inline on {@code @ZmqListener} becomes one spec; the spec is the single source of truth
 * from which the owning thread creates the socket.
 *
 * @author zmq-spring-boot
 */
public final class ZmqSocketSpec {

	private static final Set<SocketType> SUBSCRIBING = EnumSet.of(SocketType.SUB, SocketType.XSUB);

	private static final Set<SocketType> PUBLISHING = EnumSet.of(SocketType.PUB, SocketType.XPUB);

	private static final Set<SocketType> SENDING = EnumSet.of(SocketType.PUB, SocketType.XPUB, SocketType.PUSH,
			SocketType.DEALER, SocketType.ROUTER, SocketType.PAIR, SocketType.REQ, SocketType.XSUB, SocketType.STREAM);

	private static final Set<SocketType> RECEIVING = EnumSet.of(SocketType.SUB, SocketType.XSUB, SocketType.PULL,
			SocketType.DEALER, SocketType.ROUTER, SocketType.PAIR, SocketType.REP, SocketType.REQ, SocketType.XPUB,
			SocketType.STREAM);

	private final String name;

	private final String origin;

	private final SocketType type;

	private final List<ZmqEndpoint> bind;

	private final List<ZmqEndpoint> connect;

	private final List<String> topics;

	private final ZmqSocketOptions options;

	private final int awaitPeers;

	private final int awaitSubscribers;

	private final Duration awaitTimeout;

	private final String announce;

	private final MimeType contentType;

	private final ZmqSocketSecurity security;

	private ZmqSocketSpec(Builder builder) {
		this.name = builder.name;
		this.origin = builder.origin;
		this.type = builder.type;
		this.bind = List.copyOf(builder.parsedBind);
		this.connect = List.copyOf(builder.parsedConnect);
		this.topics = List.copyOf(builder.topics);
		this.options = builder.options;
		this.awaitPeers = builder.awaitPeers;
		this.awaitSubscribers = builder.awaitSubscribers;
		this.awaitTimeout = builder.awaitTimeout;
		this.announce = builder.announce;
		this.contentType = builder.contentType;
		this.security = builder.security;
	}

	/**
	 * Start a spec.
	 * @param name the socket's name (unique per application)
	 * @param origin where it was declared, used as the prefix of error messages, such as
	 * {@code zmq.sockets.orders}
	 * @return a builder
	 */
	public static Builder builder(String name, String origin) {
		return new Builder(name, origin);
	}

	/**
	 * @return the socket's name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * @return where the socket was declared (a property prefix or an annotation)
	 */
	public String getOrigin() {
		return this.origin;
	}

	/**
	 * @return the socket type
	 */
	public SocketType getType() {
		return this.type;
	}

	/**
	 * @return the endpoints to bind, in order
	 */
	public List<ZmqEndpoint> getBind() {
		return this.bind;
	}

	/**
	 * @return the endpoints to connect to, in order
	 */
	public List<ZmqEndpoint> getConnect() {
		return this.connect;
	}

	/**
	 * @return the subscriptions of a SUB or XSUB socket
	 */
	public List<String> getTopics() {
		return this.topics;
	}

	/**
	 * @return the options, applied before bind and connect
	 */
	public ZmqSocketOptions getOptions() {
		return this.options;
	}

	/**
	 * @return how many connected peers the first send waits for (0: none)
	 */
	public int getAwaitPeers() {
		return this.awaitPeers;
	}

	/**
	 * @return how many subscriptions the first publish waits for (0: none)
	 */
	public int getAwaitSubscribers() {
		return this.awaitSubscribers;
	}

	/**
	 * @return the longest the first send waits for peers or subscribers
	 */
	public Duration getAwaitTimeout() {
		return this.awaitTimeout;
	}

	/**
	 * @return the service name this socket's bound endpoints are announced under by
	 * discovery, or {@code null} when not announced
	 */
	public String getAnnounce() {
		return this.announce;
	}

	/**
	 * @return the content type that selects the converter for this socket's payloads when
	 * a message names none, or {@code null} for the converters' default order
	 */
	public MimeType getContentType() {
		return this.contentType;
	}

	/**
	 * @return the socket's CURVE or PLAIN settings, or {@code null} for none (NULL
	 * mechanism)
	 */
	public ZmqSocketSecurity getSecurity() {
		return this.security;
	}

	/**
	 * @return whether this socket type can send
	 */
	public boolean canSend() {
		return SENDING.contains(this.type);
	}

	/**
	 * @return whether this socket type can receive
	 */
	public boolean canReceive() {
		return RECEIVING.contains(this.type);
	}

	/**
	 * @return whether this socket publishes (PUB or XPUB)
	 */
	public boolean isPublisher() {
		return PUBLISHING.contains(this.type);
	}

	@Override
	public String toString() {
		return this.type + " '" + this.name + "' bind=" + this.bind + " connect=" + this.connect;
	}

	/**
	 * Builds and validates a {@link ZmqSocketSpec}. Every error names the property or
	 * attribute at fault, prefixed with the origin.
	 */
	public static final class Builder {

		private final String name;

		private final String origin;

		private SocketType type;

		private final List<String> bind = new ArrayList<>();

		private final List<String> connect = new ArrayList<>();

		private final List<ZmqEndpoint> parsedBind = new ArrayList<>();

		private final List<ZmqEndpoint> parsedConnect = new ArrayList<>();

		private final List<String> topics = new ArrayList<>();

		private ZmqSocketOptions options = new ZmqSocketOptions();

		private int awaitPeers;

		private int awaitSubscribers;

		private Duration awaitTimeout = Duration.ofSeconds(10);

		private String announce;

		private String contentTypeValue;

		private MimeType contentType;

		private ZmqSocketSecurity.Builder securityBuilder;

		private ZmqSocketSecurity security;

		private Builder(String name, String origin) {
			this.name = name;
			this.origin = origin;
		}

		public Builder type(SocketType type) {
			this.type = type;
			return this;
		}

		public Builder bind(List<String> endpoints) {
			if (endpoints != null) {
				this.bind.addAll(endpoints);
			}
			return this;
		}

		public Builder connect(List<String> endpoints) {
			if (endpoints != null) {
				this.connect.addAll(endpoints);
			}
			return this;
		}

		public Builder topics(List<String> topics) {
			if (topics != null) {
				this.topics.addAll(topics);
			}
			return this;
		}

		public Builder options(ZmqSocketOptions options) {
			if (options != null) {
				this.options = options;
			}
			return this;
		}

		public Builder awaitPeers(int count) {
			this.awaitPeers = count;
			return this;
		}

		public Builder awaitSubscribers(int count) {
			this.awaitSubscribers = count;
			return this;
		}

		public Builder awaitTimeout(Duration timeout) {
			if (timeout != null) {
				this.awaitTimeout = timeout;
			}
			return this;
		}

		public Builder contentType(String contentType) {
			this.contentTypeValue = (contentType != null && !contentType.isBlank()) ? contentType.trim() : null;
			return this;
		}

		/**
		 * @param security the socket's CURVE or PLAIN settings, validated by
		 * {@link #build()} against the socket's endpoints, or {@code null}
		 * @return this builder
		 */
		public Builder security(ZmqSocketSecurity.Builder security) {
			this.securityBuilder = security;
			return this;
		}

		public Builder announce(String service) {
			this.announce = (service != null && !service.isBlank()) ? service.trim() : null;
			return this;
		}

		/**
		 * Validate and build the spec.
		 * @return the spec
		 * @throws InvalidZmqSocketSpecException naming the property at fault
		 */
		public ZmqSocketSpec build() {
			if (this.type == null) {
				throw new InvalidZmqSocketSpecException(this.origin + ".type", null,
						"a socket type is required (one of " + List.of(SocketType.values()) + ")");
			}
			parse(this.bind, ".bind", this.parsedBind);
			parse(this.connect, ".connect", this.parsedConnect);
			if (this.parsedBind.isEmpty() && this.parsedConnect.isEmpty()) {
				throw new InvalidZmqSocketSpecException(this.origin, null,
						"socket needs at least one endpoint in .bind or .connect");
			}
			for (int i = 0; i < this.parsedBind.size(); i++) {
				if (this.parsedBind.get(i).isDiscovery()) {
					throw new InvalidZmqSocketSpecException(this.origin + ".bind[" + i + "]", this.parsedBind.get(i),
							"discovery:// endpoints can only be connected to; bind an address and announce it");
				}
			}
			if (!this.topics.isEmpty() && !SUBSCRIBING.contains(this.type)) {
				throw new InvalidZmqSocketSpecException(this.origin + ".topics", this.topics,
						"topics apply to SUB and XSUB sockets only, not " + this.type);
			}
			if (this.awaitPeers < 0) {
				throw new InvalidZmqSocketSpecException(this.origin + ".await-peers", this.awaitPeers,
						"must not be negative");
			}
			if (this.awaitSubscribers < 0) {
				throw new InvalidZmqSocketSpecException(this.origin + ".await-subscribers", this.awaitSubscribers,
						"must not be negative");
			}
			if (this.awaitSubscribers > 0 && !PUBLISHING.contains(this.type)) {
				throw new InvalidZmqSocketSpecException(this.origin + ".await-subscribers", this.awaitSubscribers,
						"applies to PUB and XPUB sockets only, not " + this.type + " (use await-peers)");
			}
			if (this.awaitTimeout.isNegative()) {
				throw new InvalidZmqSocketSpecException(this.origin + ".await-timeout", this.awaitTimeout,
						"must not be negative");
			}
			if (this.announce != null && this.parsedBind.isEmpty()) {
				throw new InvalidZmqSocketSpecException(this.origin + ".announce", this.announce,
						"only a socket that binds can be announced; add a .bind endpoint");
			}
			if (this.contentTypeValue != null) {
				try {
					this.contentType = MimeTypeUtils.parseMimeType(this.contentTypeValue);
				}
				catch (InvalidMimeTypeException ex) {
					throw new InvalidZmqSocketSpecException(this.origin + ".content-type", this.contentTypeValue,
							"is not a MIME type (" + ex.getMessage() + "; for example application/cbor)");
				}
			}
			this.options.validate(this.origin);
			if (this.securityBuilder != null) {
				this.security = this.securityBuilder.build(this.parsedConnect);
			}
			return new ZmqSocketSpec(this);
		}

		private void parse(List<String> endpoints, String attribute, List<ZmqEndpoint> target) {
			for (int i = 0; i < endpoints.size(); i++) {
				try {
					target.add(ZmqEndpoint.parse(endpoints.get(i)));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidZmqSocketSpecException(this.origin + attribute + "[" + i + "]", endpoints.get(i),
							ex.getMessage(), ex);
				}
			}
		}

	}

}
