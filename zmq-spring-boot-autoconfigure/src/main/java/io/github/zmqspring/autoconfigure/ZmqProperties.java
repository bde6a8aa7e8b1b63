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

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.zmqspring.core.InvalidZmqSocketSpecException;
import io.github.zmqspring.core.socket.ZmqSocketOption;
import io.github.zmqspring.core.socket.ZmqSocketOptions;
import io.github.zmqspring.listener.ZmqErrorReplyDetail;
import io.github.zmqspring.proxy.ZmqProxyType;
import org.zeromq.SocketType;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for ZeroMQ, under {@code zmq}.
 *
 * @author zmq-spring-boot
 */
@ConfigurationProperties("zmq")
public class ZmqProperties {

	/**
	 * Settings of the managed JeroMQ context.
	 */
	private final Context context = new Context();

	/**
	 * Sockets declared by name; listeners and the template refer to them by that name.
	 */
	private final Map<String, Socket> sockets = new LinkedHashMap<>();

	/**
	 * Settings of the ZmqTemplate.
	 */
	private final Template template = new Template();

	/**
	 * Service discovery through a UDP beacon.
	 */
	private final Discovery discovery = new Discovery();

	/**
	 * Payload conversion: string charset and trusted type-id packages.
	 */
	private final Converter converter = new Converter();

	/**
	 * Proxies declared by name, each a ZmqProxy bean that joins a frontend and a backend.
	 */
	private final Map<String, Proxy> proxies = new LinkedHashMap<>();

	/**
	 * Settings of @ZmqListener containers.
	 */
	private final Listener listener = new Listener();

	/**
	 * Backlog monitoring of sockets and listeners.
	 */
	private final Backlog backlog = new Backlog();

	public Context getContext() {
		return this.context;
	}

	public Map<String, Proxy> getProxies() {
		return this.proxies;
	}

	public Map<String, Socket> getSockets() {
		return this.sockets;
	}

	public Template getTemplate() {
		return this.template;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Converter getConverter() {
		return this.converter;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Backlog getBacklog() {
		return this.backlog;
	}

	/**
	 * Settings of the managed JeroMQ context.
	 */
	public static class Context {

		/**
		 * Number of I/O threads of the context.
		 */
		private int ioThreads = 1;

		/**
		 * Maximum number of sockets the context may open.
		 */
		private int maxSockets = 1024;

		/**
		 * Default linger of sockets: how long unsent messages are kept after a socket
		 * closes. JeroMQ's ZContext default is 0, which drops messages still queued at
		 * shutdown.
		 */
		private Duration linger = Duration.ofSeconds(1);

		/**
		 * Whether IPv6 is enabled on the context's sockets.
		 */
		private boolean ipv6;

		/**
		 * Default send high-water mark of sockets that do not set their own.
		 */
		private int sendHighWaterMark = 1000;

		/**
		 * Default receive high-water mark of sockets that do not set their own.
		 */
		private int receiveHighWaterMark = 1000;

		/**
		 * Longest time shutdown waits for sockets to flush and the context to close
		 * before moving on.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

		/**
		 * Largest inbound message of sockets that set none; a peer sending a larger one
		 * is disconnected. -1 means unlimited, unsafe on anything reachable.
		 */
		private DataSize maxMessageSize = ZmqSocketOptions.DEFAULT_MAX_MESSAGE_SIZE;

		/**
		 * Kernel send buffer, and JeroMQ's write batch, of each TCP or IPC connection of
		 * sockets that set none; 0 keeps the operating system's.
		 */
		private DataSize sendBuffer = ZmqSocketOptions.SYSTEM_SOCKET_BUFFER;

		/**
		 * Kernel receive buffer, and JeroMQ's read batch, of each TCP or IPC connection
		 * of sockets that set none; 0 keeps the operating system's.
		 */
		private DataSize receiveBuffer = ZmqSocketOptions.SYSTEM_SOCKET_BUFFER;

		/**
		 * Whether the application exits (with a non-zero status) when a ZeroMQ thread of
		 * the context dies, so that an orchestrator restarts it.
		 */
		private boolean exitOnFailure;

		public int getIoThreads() {
			return this.ioThreads;
		}

		public void setIoThreads(int ioThreads) {
			this.ioThreads = ioThreads;
		}

		public int getMaxSockets() {
			return this.maxSockets;
		}

		public void setMaxSockets(int maxSockets) {
			this.maxSockets = maxSockets;
		}

		public Duration getLinger() {
			return this.linger;
		}

		public void setLinger(Duration linger) {
			this.linger = linger;
		}

		public boolean isIpv6() {
			return this.ipv6;
		}

		public void setIpv6(boolean ipv6) {
			this.ipv6 = ipv6;
		}

		public int getSendHighWaterMark() {
			return this.sendHighWaterMark;
		}

		public void setSendHighWaterMark(int sendHighWaterMark) {
			this.sendHighWaterMark = sendHighWaterMark;
		}

		public int getReceiveHighWaterMark() {
			return this.receiveHighWaterMark;
		}

		public void setReceiveHighWaterMark(int receiveHighWaterMark) {
			this.receiveHighWaterMark = receiveHighWaterMark;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public DataSize getSendBuffer() {
			return this.sendBuffer;
		}

		public void setSendBuffer(DataSize sendBuffer) {
			this.sendBuffer = sendBuffer;
		}

		public DataSize getReceiveBuffer() {
			return this.receiveBuffer;
		}

		public void setReceiveBuffer(DataSize receiveBuffer) {
			this.receiveBuffer = receiveBuffer;
		}

		public boolean isExitOnFailure() {
			return this.exitOnFailure;
		}

		public void setExitOnFailure(boolean exitOnFailure) {
			this.exitOnFailure = exitOnFailure;
		}

	}

	/**
	 * The options of a socket, shared by declared sockets and proxy sides: one bean
	 * property per {@link ZmqSocketOption}, mapped onto the core's
	 * {@link ZmqSocketOptions} by {@link #toSocketOptions()}.
	 */
	public static class SocketOptions {

		/**
		 * Send high-water mark: the most messages queued for one peer before sends block
		 * or drop.
		 */
		private Integer sendHighWaterMark;

		/**
		 * Receive high-water mark: the most messages queued from one peer before it is
		 * throttled.
		 */
		private Integer receiveHighWaterMark;

		/**
		 * How long pending outgoing messages are kept after the socket closes.
		 */
		private Duration linger;

		/**
		 * Initial interval between reconnection attempts.
		 */
		private Duration reconnectInterval;

		/**
		 * Maximum interval between reconnection attempts (exponential back-off up to it).
		 */
		private Duration reconnectIntervalMax;

		/**
		 * Longest time a new connection may take to complete its ZMTP handshake before it
		 * is dropped and retried. JeroMQ's own default is 30s; this library uses 1s when
		 * unset.
		 */
		private Duration handshakeInterval;

		/**
		 * Interval between ZMTP heartbeat pings; unset disables heartbeats.
		 */
		private Duration heartbeatInterval;

		/**
		 * How long to wait for a heartbeat reply before the connection is considered
		 * dead.
		 */
		private Duration heartbeatTimeout;

		/**
		 * Time-to-live that remote peers apply to this socket's heartbeats.
		 */
		private Duration heartbeatTtl;

		/**
		 * Largest inbound message accepted; a peer sending a larger one is disconnected.
		 * Unset means the context's default (4MB); -1 means unlimited, unsafe on anything
		 * reachable.
		 */
		private DataSize maxMessageSize;

		/**
		 * Kernel send buffer, and JeroMQ's write batch, of each TCP or IPC connection;
		 * unset means zmq.context.send-buffer; 0 keeps the operating system's.
		 */
		private DataSize sendBuffer;

		/**
		 * Kernel receive buffer, and JeroMQ's read batch, of each TCP or IPC connection;
		 * unset means zmq.context.receive-buffer; 0 keeps the operating system's.
		 */
		private DataSize receiveBuffer;

		/**
		 * How long a blocking send waits before it fails.
		 */
		private Duration sendTimeout;

		/**
		 * How long a blocking receive waits before it gives up.
		 */
		private Duration receiveTimeout;

		/**
		 * Whether messages are queued only to completed connections (libzmq's
		 * ZMQ_IMMEDIATE meaning; JeroMQ's inverted flag is translated).
		 */
		private Boolean immediate;

		/**
		 * Routing identity of this socket as seen by ROUTER peers (UTF-8, 1-255 bytes).
		 */
		private String identity;

		/**
		 * Whether TCP keepalive is enabled on the socket's connections.
		 */
		private Boolean tcpKeepAlive;

		/**
		 * Idle time before TCP keepalive probes start.
		 */
		private Duration tcpKeepAliveIdle;

		/**
		 * Interval between TCP keepalive probes.
		 */
		private Duration tcpKeepAliveInterval;

		/**
		 * Number of unanswered TCP keepalive probes before the connection is dropped.
		 */
		private Integer tcpKeepAliveCount;

		/**
		 * Whether a ROUTER reports unroutable messages as errors instead of dropping
		 * them.
		 */
		private Boolean routerMandatory;

		/**
		 * Whether only the last message is kept in the queue (single-part messages only).
		 */
		private Boolean conflate;

		public Integer getSendHighWaterMark() {
			return this.sendHighWaterMark;
		}

		public void setSendHighWaterMark(Integer sendHighWaterMark) {
			this.sendHighWaterMark = sendHighWaterMark;
		}

		public Integer getReceiveHighWaterMark() {
			return this.receiveHighWaterMark;
		}

		public void setReceiveHighWaterMark(Integer receiveHighWaterMark) {
			this.receiveHighWaterMark = receiveHighWaterMark;
		}

		public Duration getLinger() {
			return this.linger;
		}

		public void setLinger(Duration linger) {
			this.linger = linger;
		}

		public Duration getReconnectInterval() {
			return this.reconnectInterval;
		}

		public void setReconnectInterval(Duration reconnectInterval) {
			this.reconnectInterval = reconnectInterval;
		}

		public Duration getReconnectIntervalMax() {
			return this.reconnectIntervalMax;
		}

		public void setReconnectIntervalMax(Duration reconnectIntervalMax) {
			this.reconnectIntervalMax = reconnectIntervalMax;
		}

		public Duration getHandshakeInterval() {
			return this.handshakeInterval;
		}

		public void setHandshakeInterval(Duration handshakeInterval) {
			this.handshakeInterval = handshakeInterval;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getHeartbeatTimeout() {
			return this.heartbeatTimeout;
		}

		public void setHeartbeatTimeout(Duration heartbeatTimeout) {
			this.heartbeatTimeout = heartbeatTimeout;
		}

		public Duration getHeartbeatTtl() {
			return this.heartbeatTtl;
		}

		public void setHeartbeatTtl(Duration heartbeatTtl) {
			this.heartbeatTtl = heartbeatTtl;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public DataSize getSendBuffer() {
			return this.sendBuffer;
		}

		public void setSendBuffer(DataSize sendBuffer) {
			this.sendBuffer = sendBuffer;
		}

		public DataSize getReceiveBuffer() {
			return this.receiveBuffer;
		}

		public void setReceiveBuffer(DataSize receiveBuffer) {
			this.receiveBuffer = receiveBuffer;
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			this.sendTimeout = sendTimeout;
		}

		public Duration getReceiveTimeout() {
			return this.receiveTimeout;
		}

		public void setReceiveTimeout(Duration receiveTimeout) {
			this.receiveTimeout = receiveTimeout;
		}

		public Boolean getImmediate() {
			return this.immediate;
		}

		public void setImmediate(Boolean immediate) {
			this.immediate = immediate;
		}

		public String getIdentity() {
			return this.identity;
		}

		public void setIdentity(String identity) {
			this.identity = identity;
		}

		public Boolean getTcpKeepAlive() {
			return this.tcpKeepAlive;
		}

		public void setTcpKeepAlive(Boolean tcpKeepAlive) {
			this.tcpKeepAlive = tcpKeepAlive;
		}

		public Duration getTcpKeepAliveIdle() {
			return this.tcpKeepAliveIdle;
		}

		public void setTcpKeepAliveIdle(Duration tcpKeepAliveIdle) {
			this.tcpKeepAliveIdle = tcpKeepAliveIdle;
		}

		public Duration getTcpKeepAliveInterval() {
			return this.tcpKeepAliveInterval;
		}

		public void setTcpKeepAliveInterval(Duration tcpKeepAliveInterval) {
			this.tcpKeepAliveInterval = tcpKeepAliveInterval;
		}

		public Integer getTcpKeepAliveCount() {
			return this.tcpKeepAliveCount;
		}

		public void setTcpKeepAliveCount(Integer tcpKeepAliveCount) {
			this.tcpKeepAliveCount = tcpKeepAliveCount;
		}

		public Boolean getRouterMandatory() {
			return this.routerMandatory;
		}

		public void setRouterMandatory(Boolean routerMandatory) {
			this.routerMandatory = routerMandatory;
		}

		public Boolean getConflate() {
			return this.conflate;
		}

		public void setConflate(Boolean conflate) {
			this.conflate = conflate;
		}

		/**
		 * Map these properties onto the core's option holder, option by option.
		 * @return the options, not yet validated
		 */
		public ZmqSocketOptions toSocketOptions() {
			BeanWrapper properties = new BeanWrapperImpl(this);
			ZmqSocketOptions options = new ZmqSocketOptions();
			for (ZmqSocketOption<?> option : ZmqSocketOption.values()) {
				copy(option, properties, options);
			}
			return options;
		}

		private static <T> void copy(ZmqSocketOption<T> option, BeanWrapper properties, ZmqSocketOptions options) {
			options.set(option, option.cast(properties.getPropertyValue(option.getPropertyName())));
		}

	}

	/**
	 * A socket declared in properties.
	 */
	public static class Socket extends SocketOptions {

		/**
		 * Socket type, such as PUB, SUB, PUSH, PULL, REQ, REP, DEALER, ROUTER, PAIR.
		 */
		private SocketType type;

		/**
		 * Endpoints to bind, such as tcp://127.0.0.1:5555 (port 0 picks a free port).
		 */
		private List<String> bind = new ArrayList<>();

		/**
		 * Endpoints to connect to, such as tcp://127.0.0.1:5555 or inproc://jobs.
		 */
		private List<String> connect = new ArrayList<>();

		/**
		 * Topic prefixes a SUB or XSUB socket subscribes to; an empty string means all.
		 */
		private List<String> topics = new ArrayList<>();

		/**
		 * Number of connected peers the first send waits for (PUSH, DEALER, PAIR, ...).
		 */
		private int awaitPeers;

		/**
		 * Number of subscriptions the first publish waits for (PUB, XPUB).
		 */
		private int awaitSubscribers;

		/**
		 * Longest time the first send waits for await-peers or await-subscribers.
		 */
		private Duration awaitTimeout = Duration.ofSeconds(10);

		/**
		 * Service name under which discovery announces this socket's bound endpoints.
		 */
		private String announce;

		/**
		 * Content type that picks the converter for this socket's payloads when a message
		 * names none, such as application/cbor.
		 */
		private String contentType;

		/**
		 * CURVE encryption and authentication of this socket (see docs/security.md).
		 */
		@NestedConfigurationProperty
		private final ZmqSecurityProperties.SocketCurve curve = new ZmqSecurityProperties.SocketCurve();

		/**
		 * PLAIN user name and password authentication of this socket (clear text).
		 */
		@NestedConfigurationProperty
		private final ZmqSecurityProperties.SocketPlain plain = new ZmqSecurityProperties.SocketPlain();

		public ZmqSecurityProperties.SocketCurve getCurve() {
			return this.curve;
		}

		public ZmqSecurityProperties.SocketPlain getPlain() {
			return this.plain;
		}

		public String getContentType() {
			return this.contentType;
		}

		public void setContentType(String contentType) {
			this.contentType = contentType;
		}

		public String getAnnounce() {
			return this.announce;
		}

		public void setAnnounce(String announce) {
			this.announce = announce;
		}

		public SocketType getType() {
			return this.type;
		}

		public void setType(SocketType type) {
			this.type = type;
		}

		public List<String> getBind() {
			return this.bind;
		}

		public void setBind(List<String> bind) {
			this.bind = bind;
		}

		public List<String> getConnect() {
			return this.connect;
		}

		public void setConnect(List<String> connect) {
			this.connect = connect;
		}

		public List<String> getTopics() {
			return this.topics;
		}

		public void setTopics(List<String> topics) {
			this.topics = topics;
		}

		public int getAwaitPeers() {
			return this.awaitPeers;
		}

		public void setAwaitPeers(int awaitPeers) {
			this.awaitPeers = awaitPeers;
		}

		public int getAwaitSubscribers() {
			return this.awaitSubscribers;
		}

		public void setAwaitSubscribers(int awaitSubscribers) {
			this.awaitSubscribers = awaitSubscribers;
		}

		public Duration getAwaitTimeout() {
			return this.awaitTimeout;
		}

		public void setAwaitTimeout(Duration awaitTimeout) {
			this.awaitTimeout = awaitTimeout;
		}

	}

	/**
	 * Settings of the ZmqTemplate.
	 */
	public static class Template {

		/**
		 * Longest time a blocking send waits for room when the socket is at its
		 * high-water mark, for sockets that set no send-timeout of their own.
		 */
		private Duration sendTimeout = Duration.ofSeconds(10);

		/**
		 * How long each attempt of a request waits for its reply when the call gives no
		 * timeout.
		 */
		private Duration requestTimeout = Duration.ofSeconds(10);

		/**
		 * How many times a request without a reply is sent again before it fails (a
		 * retried request may be processed twice).
		 */
		private int requestRetries;

		/**
		 * Whether sends, publishes and requests are observed (zmq.template observations,
		 * and trace context in the metadata frame when tracing is on).
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public int getRequestRetries() {
			return this.requestRetries;
		}

		public void setRequestRetries(int requestRetries) {
			this.requestRetries = requestRetries;
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			this.sendTimeout = sendTimeout;
		}

	}

	/**
	 * Settings of service discovery through a UDP beacon.
	 */
	public static class Discovery {

		/**
		 * Whether service discovery through a UDP beacon is enabled.
		 */
		private boolean enabled;

		/**
		 * UDP port every application sends beacons to and listens on.
		 */
		private int port = 5670;

		/**
		 * How often this application announces its services.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * How long an instance stays live without being heard from; longer than the
		 * interval.
		 */
		private Duration ttl = Duration.ofSeconds(5);

		/**
		 * Address beacons are sent to; the default reaches this host only, set a LAN
		 * broadcast address such as 192.168.1.255 to discover across machines.
		 */
		private String broadcastAddress = "127.255.255.255";

		/**
		 * Host announced in place of the bound host, such as this machine's LAN address.
		 */
		private String advertisedAddress;

		/**
		 * Shared secret that signs beacons (HMAC-SHA256); unsigned or wrongly signed
		 * beacons are then ignored.
		 */
		private String secret;

		/**
		 * Where discovery:// endpoints are resolved: the UDP beacon, Spring Cloud
		 * registries (every DiscoveryClient, when spring-cloud-commons is present), or
		 * both.
		 */
		private List<Source> sources = new ArrayList<>(List.of(Source.BEACON, Source.SPRING_CLOUD));

		/**
		 * How often Spring Cloud registries are read again, besides on each
		 * HeartbeatEvent.
		 */
		private Duration refreshInterval = Duration.ofSeconds(10);

		public List<Source> getSources() {
			return this.sources;
		}

		public void setSources(List<Source> sources) {
			this.sources = sources;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public String getBroadcastAddress() {
			return this.broadcastAddress;
		}

		public void setBroadcastAddress(String broadcastAddress) {
			this.broadcastAddress = broadcastAddress;
		}

		public String getAdvertisedAddress() {
			return this.advertisedAddress;
		}

		public void setAdvertisedAddress(String advertisedAddress) {
			this.advertisedAddress = advertisedAddress;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

		/**
		 * A source of service instances.
		 */
		public enum Source {

			/** The UDP beacon on one broadcast domain. */
			BEACON,
			/**
			 * Every Spring Cloud DiscoveryClient (Eureka, Consul, Kubernetes, simple).
			 */
			SPRING_CLOUD

		}

	}

	/**
	 * Payload conversion settings.
	 */
	public static class Converter {

		/**
		 * Charset of String payloads whose content type names none, on both sending and
		 * receiving sides.
		 */
		private Charset charset = StandardCharsets.UTF_8;

		/**
		 * Packages whose classes a type-id header may name, such as com.example.events
		 * (that package) or com.example.events.* (with sub-packages); empty trusts none.
		 */
		private List<String> trustedPackages = new ArrayList<>();

		public Charset getCharset() {
			return this.charset;
		}

		public void setCharset(Charset charset) {
			this.charset = charset;
		}

		public List<String> getTrustedPackages() {
			return this.trustedPackages;
		}

		public void setTrustedPackages(List<String> trustedPackages) {
			this.trustedPackages = trustedPackages;
		}

	}

	/**
	 * A proxy declared in properties: a frontend and a backend socket joined on a thread
	 * of their own.
	 */
	public static class Proxy {

		/**
		 * Proxy type: router-dealer (request/reply broker), xsub-xpub (forwarder) or
		 * pull-push (streamer).
		 */
		private ZmqProxyType type;

		/**
		 * Socket that faces clients or publishers (ROUTER, XSUB or PULL).
		 */
		private final Side frontend = new Side();

		/**
		 * Socket that faces workers or subscribers (DEALER, XPUB or PUSH).
		 */
		private final Side backend = new Side();

		/**
		 * Endpoint bound by a socket that receives a copy of every forwarded message,
		 * such as inproc://capture.
		 */
		private String capture;

		/**
		 * Type of the capture socket: PUB, PUSH, PAIR or DEALER.
		 */
		private SocketType captureType = SocketType.PUB;

		/**
		 * Whether the proxy starts with the application.
		 */
		private boolean autoStartup = true;

		public ZmqProxyType getType() {
			return this.type;
		}

		public void setType(ZmqProxyType type) {
			this.type = type;
		}

		public Side getFrontend() {
			return this.frontend;
		}

		public Side getBackend() {
			return this.backend;
		}

		public String getCapture() {
			return this.capture;
		}

		public void setCapture(String capture) {
			this.capture = capture;
		}

		public SocketType getCaptureType() {
			return this.captureType;
		}

		public void setCaptureType(SocketType captureType) {
			this.captureType = captureType;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		/**
		 * One side of a proxy: where it binds and connects, and the options of a declared
		 * socket.
		 */
		public static class Side extends SocketOptions {

			/**
			 * Endpoints to bind, such as tcp://127.0.0.1:5559 (port 0 picks a free port).
			 */
			private List<String> bind = new ArrayList<>();

			/**
			 * Endpoints to connect to, such as tcp://127.0.0.1:5556 or
			 * discovery://service.
			 */
			private List<String> connect = new ArrayList<>();

			/**
			 * Service name under which discovery announces this side's bound endpoints.
			 */
			private String announce;

			public List<String> getBind() {
				return this.bind;
			}

			public void setBind(List<String> bind) {
				this.bind = bind;
			}

			public List<String> getConnect() {
				return this.connect;
			}

			public void setConnect(List<String> connect) {
				this.connect = connect;
			}

			public String getAnnounce() {
				return this.announce;
			}

			public void setAnnounce(String announce) {
				this.announce = announce;
			}

		}

	}

	/**
	 * Defaults of the @ZmqListener containers.
	 */
	public static class Listener {

		/**
		 * Threads that invoke a listener whose annotation sets no concurrency.
		 */
		private int concurrency = 1;

		/**
		 * Capacity of the queue between a listener's socket and its workers when its
		 * concurrency is above 1.
		 */
		private int queueCapacity = 1000;

		/**
		 * How long a listener's socket may take to bind and connect at start-up.
		 */
		private Duration startTimeout = Duration.ofSeconds(10);

		/**
		 * What the error reply of a REP or ROUTER listener discloses about a failure.
		 */
		private ZmqErrorReplyDetail errorReplyDetail = ZmqErrorReplyDetail.CLASS_AND_MESSAGE;

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public Duration getStartTimeout() {
			return this.startTimeout;
		}

		public void setStartTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
		}

		public ZmqErrorReplyDetail getErrorReplyDetail() {
			return this.errorReplyDetail;
		}

		public void setErrorReplyDetail(ZmqErrorReplyDetail errorReplyDetail) {
			this.errorReplyDetail = errorReplyDetail;
		}

		/**
		 * Whether the processing of each message is observed (zmq.listener observations,
		 * continuing the sender's trace).
		 */
		private boolean observationEnabled;

		public boolean isObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		void validate() {
			if (this.concurrency < 1) {
				throw new InvalidZmqSocketSpecException("zmq.listener.concurrency", this.concurrency,
						"must be at least 1");
			}
			if (this.queueCapacity < 1) {
				throw new InvalidZmqSocketSpecException("zmq.listener.queue-capacity", this.queueCapacity,
						"must be at least 1");
			}
			if (this.startTimeout == null || this.startTimeout.isNegative() || this.startTimeout.isZero()) {
				throw new InvalidZmqSocketSpecException("zmq.listener.start-timeout", this.startTimeout,
						"must be positive");
			}
			if (this.errorReplyDetail == null) {
				throw new InvalidZmqSocketSpecException("zmq.listener.error-reply-detail", null,
						"must be class-and-message, type-only or none");
			}
		}

	}

	/**
	 * Backlog monitoring: reports sockets and listeners that stay behind.
	 */
	public static class Backlog {

		/**
		 * Whether backlogs are sampled and reported to ZmqBacklogListener beans and as
		 * ZmqBacklogEvent.
		 */
		private boolean enabled = true;

		/**
		 * Backlog (sends waiting for room, or received messages waiting for a worker)
		 * above which a socket or listener is behind.
		 */
		private int threshold = 1000;

		/**
		 * How long a backlog must stay above the threshold before it is reported (and
		 * between reports while it stays there).
		 */
		private Duration period = Duration.ofSeconds(30);

		/**
		 * How often backlogs are sampled.
		 */
		private Duration sampleInterval = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getThreshold() {
			return this.threshold;
		}

		public void setThreshold(int threshold) {
			this.threshold = threshold;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public Duration getSampleInterval() {
			return this.sampleInterval;
		}

		public void setSampleInterval(Duration sampleInterval) {
			this.sampleInterval = sampleInterval;
		}

	}

}
