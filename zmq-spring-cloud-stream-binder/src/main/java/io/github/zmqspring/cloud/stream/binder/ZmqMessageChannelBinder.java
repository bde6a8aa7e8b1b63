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
package io.github.zmqspring.cloud.stream.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.zmqspring.core.ZmqLifecyclePhases;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.core.socket.ZmqSocketFactory;
import io.github.zmqspring.core.socket.ZmqSocketManager;
import io.github.zmqspring.core.socket.ZmqSocketSpec;
import io.github.zmqspring.discovery.ZmqBeaconServiceRegistry;
import io.github.zmqspring.discovery.ZmqDeclaredSocketsDiscovery;
import io.github.zmqspring.discovery.ZmqDiscoveryConnector;
import io.github.zmqspring.discovery.ZmqEndpointTarget;
import io.github.zmqspring.discovery.ZmqServiceInstance;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.listener.ZmqListenerContainer;
import io.github.zmqspring.listener.ZmqListenerContainerFactory;
import io.github.zmqspring.listener.ZmqListenerEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.ExtendedPropertiesBinder;
import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;
import org.springframework.cloud.stream.provisioning.ProvisioningException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.core.MessageProducer;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

/**
 * A Spring Cloud Stream binder for ZeroMQ, named {@code zmq}. A producer binding sends
 * through {@link ZmqTemplate} on a socket; a consumer binding is a listener container
 * whose handler passes messages on to the binding. The destination is a socket declared
 * under {@code zmq.sockets} (its type decides the pattern) or an endpoint, bound or
 * connected per {@link ZmqProducerProperties}/{@link ZmqConsumerProperties} with the
 * binding's pattern: pub-sub (PUB/SUB, the default) or push-pull (PUSH/PULL).
 * {@code discovery://service} destinations are announced by the side that binds and
 * followed by the side that connects. Payloads travel as plain one-frame messages.
 * <p>
 * ZeroMQ keeps nothing: there are no partitions, no persistence, no replay. A consumer
 * group maps to push-pull (each message to one member); on pub-sub it is refused. Retries
 * re-deliver to the handler in process; what still fails goes to the binding's error
 * channel, the dead-letter equivalent (docs/cloud-stream.md).
 *
 * @author zmq-spring-boot
 */
public class ZmqMessageChannelBinder extends
		AbstractMessageChannelBinder<ExtendedConsumerProperties<ZmqConsumerProperties>, ExtendedProducerProperties<ZmqProducerProperties>, ZmqProvisioningProvider>
		implements ExtendedPropertiesBinder<MessageChannel, ZmqConsumerProperties, ZmqProducerProperties> {

	private static final Log logger = LogFactory.getLog(ZmqMessageChannelBinder.class);

	private final ZmqExtendedBindingProperties extendedBindingProperties;

	private final ZmqSocketManager socketManager;

	private final ZmqTemplate template;

	private final ZmqListenerContainerFactory containerFactory;

	private final ObjectProvider<ZmqBeaconServiceRegistry> beacon;

	private final ObjectProvider<ZmqDiscoveryConnector> connector;

	private final String advertisedAddress;

	private final DefaultMessageHandlerMethodFactory handlerMethodFactory = new DefaultMessageHandlerMethodFactory();

	// binding name -> what a producer binding opened, closed at unbind
	private final Map<String, ProducerResources> producers = new ConcurrentHashMap<>();

	// listener id -> unregisters a consumer binding's container from the lifecycle
	private final Map<String, Runnable> consumers = new ConcurrentHashMap<>();

	/**
	 * Create the binder.
	 * @param provisioningProvider checks and resolves destinations
	 * @param extendedBindingProperties the zmq settings of the bindings
	 * @param socketManager the application's declared sockets
	 * @param template the application's template
	 * @param containerFactory creates consumer bindings' listener containers
	 * @param beacon the discovery beacon, when discovery is enabled
	 * @param connector the discovery connector, when discovery is enabled
	 * @param advertisedAddress the host announced in place of the bound one, or
	 * {@code null}
	 */
	public ZmqMessageChannelBinder(ZmqProvisioningProvider provisioningProvider,
			ZmqExtendedBindingProperties extendedBindingProperties, ZmqSocketManager socketManager,
			ZmqTemplate template, ZmqListenerContainerFactory containerFactory,
			ObjectProvider<ZmqBeaconServiceRegistry> beacon, ObjectProvider<ZmqDiscoveryConnector> connector,
			String advertisedAddress) {
		super(new String[0], provisioningProvider);
		this.extendedBindingProperties = extendedBindingProperties;
		this.socketManager = socketManager;
		this.template = template;
		this.containerFactory = containerFactory;
		this.beacon = beacon;
		this.connector = connector;
		this.advertisedAddress = advertisedAddress;
		this.handlerMethodFactory.afterPropertiesSet();
	}

	@Override
	public ZmqConsumerProperties getExtendedConsumerProperties(String channelName) {
		return this.extendedBindingProperties.getExtendedConsumerProperties(channelName);
	}

	@Override
	public ZmqProducerProperties getExtendedProducerProperties(String channelName) {
		return this.extendedBindingProperties.getExtendedProducerProperties(channelName);
	}

	@Override
	public String getDefaultsPrefix() {
		return this.extendedBindingProperties.getDefaultsPrefix();
	}

	@Override
	public Class<? extends BinderSpecificPropertiesProvider> getExtendedPropertiesEntryClass() {
		return this.extendedBindingProperties.getExtendedPropertiesEntryClass();
	}

	@Override
	protected MessageHandler createProducerMessageHandler(ProducerDestination destination,
			ExtendedProducerProperties<ZmqProducerProperties> producerProperties, MessageChannel errorChannel) {
		ZmqDestination target = (ZmqDestination) destination;
		ZmqProducerProperties zmq = producerProperties.getExtension();
		String binding = producerProperties.getBindingName();
		String prefix = ZmqProvisioningProvider.prefix(binding);
		if (target.kind() == ZmqDestination.Kind.SOCKET) {
			ZmqSocketSpec spec = this.socketManager.getSpec(target.name());
			if (!spec.canSend()) {
				throw new ProvisioningException(prefix + ".destination '" + target.name() + "' is a " + spec.getType()
						+ " socket, which cannot send; a producer needs PUB, XPUB, PUSH, DEALER or PAIR");
			}
			return new ZmqProducerMessageHandler(this.template, target.name(), spec.isPublisher(), zmq);
		}
		SocketType type = zmq.getPattern().getProducerType();
		String name = "stream." + binding;
		ZmqSocketSpec.Builder builder = ZmqSocketSpec.builder(name, prefix + ".destination").type(type);
		boolean discovery = target.kind() == ZmqDestination.Kind.DISCOVERY;
		if (discovery) {
			requireDiscovery(prefix);
		}
		if (zmq.isBind()) {
			builder.bind(List.of(discovery ? zmq.getBindAddress() : target.name()));
		}
		else {
			builder.connect(List.of(target.name()));
		}
		ZmqSocketManager manager = new ZmqSocketManager(this.socketManager.getFactory(), List.of(builder.build()));
		ProducerResources resources = new ProducerResources(manager, registerForShutdown(name, manager));
		manager.start();
		try {
			if (discovery && zmq.isBind()) {
				ZmqBeaconServiceRegistry beacon = this.beacon.getObject();
				for (String bound : manager.getBoundEndpoints(name)) {
					String endpoint = ZmqDeclaredSocketsDiscovery.advertise(bound, this.advertisedAddress);
					resources.announced.add(beacon.announce(target.service(), endpoint, type.type));
				}
			}
			else if (discovery) {
				resources.attachments.add(this.connector.getObject()
					.attach(target.service(), ZmqEndpointTarget.of(manager.getOwner(name))));
			}
		}
		catch (RuntimeException ex) {
			resources.close();
			throw ex;
		}
		this.producers.put(binding, resources);
		ZmqTemplate template = new ZmqTemplate(manager, this.template.getMessageConverter());
		template.setDefaultSendTimeout(this.template.getDefaultSendTimeout());
		logger.info("Producer binding '" + binding + "' " + (zmq.isBind() ? "binds " : "connects to ")
				+ manager.getBoundEndpoints(name) + " " + target.name() + " (" + type + ")");
		return new ZmqProducerMessageHandler(template, name, type == SocketType.PUB, zmq);
	}

	@Override
	protected void afterUnbindProducer(ProducerDestination destination,
			ExtendedProducerProperties<ZmqProducerProperties> producerProperties) {
		ProducerResources resources = this.producers.remove(producerProperties.getBindingName());
		if (resources != null) {
			resources.close();
		}
	}

	@Override
	protected MessageProducer createConsumerEndpoint(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<ZmqConsumerProperties> properties) {
		ZmqDestination target = (ZmqDestination) destination;
		ZmqConsumerProperties zmq = properties.getExtension();
		String binding = properties.getBindingName();
		String prefix = ZmqProvisioningProvider.prefix(binding);
		String id = "stream." + binding;
		String origin = prefix + ".destination";
		ZmqSocketSpec spec;
		if (target.kind() == ZmqDestination.Kind.SOCKET) {
			spec = this.socketManager.claim(target.name(), origin);
		}
		else {
			SocketType type = zmq.getPattern().getConsumerType();
			ZmqSocketSpec.Builder builder = ZmqSocketSpec.builder(id, origin).type(type);
			boolean discovery = target.kind() == ZmqDestination.Kind.DISCOVERY;
			if (discovery) {
				requireDiscovery(prefix);
			}
			if (zmq.isBind()) {
				builder.bind(List.of(discovery ? zmq.getBindAddress() : target.name()));
				if (discovery) {
					builder.announce(target.service());
				}
			}
			else {
				builder.connect(List.of(target.name()));
			}
			if (type == SocketType.SUB) {
				builder.topics(zmq.getTopics().isEmpty() ? List.of("") : zmq.getTopics());
			}
			spec = builder.build();
		}
		SocketType type = spec.getType();
		if (group != null && !group.isBlank() && (type == SocketType.SUB || type == SocketType.XSUB)) {
			throw new ProvisioningException(prefix + ".group '" + group + "': consumer groups (one member gets each "
					+ "message) need spring.cloud.stream.zmq.bindings." + binding
					+ ".consumer.pattern=push-pull; on pub-sub every consumer gets every message");
		}
		if (!spec.canReceive()) {
			throw new ProvisioningException(
					prefix + ".destination '" + target.name() + "' is a " + type + " socket, which cannot receive");
		}
		ZmqInboundChannelAdapter adapter = new ZmqInboundChannelAdapter();
		ZmqListenerEndpoint endpoint = new ZmqListenerEndpoint(id, spec, adapter, ZmqInboundChannelAdapter.HANDLER,
				this.handlerMethodFactory);
		endpoint.setMessageConverter(this.template.getMessageConverter());
		if (properties.getConcurrency() > 1 && type != SocketType.SUB && type != SocketType.XSUB) {
			endpoint.setConcurrency(properties.getConcurrency());
		}
		ZmqListenerContainer container = this.containerFactory.createContainer(endpoint);
		adapter.setContainer(container);
		this.consumers.put(id, registerForShutdown(id, new ListenerPhase(adapter)));
		ErrorInfrastructure errors = registerErrorInfrastructure(destination, group, properties);
		adapter.setErrorChannel(errors.getErrorChannel());
		if (properties.getMaxAttempts() > 1) {
			adapter.setRetryTemplate(buildRetryTemplate(properties));
		}
		adapter.setBeanFactory(getBeanFactory());
		return adapter;
	}

	@Override
	protected void afterUnbindConsumer(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<ZmqConsumerProperties> properties) {
		Runnable unregister = this.consumers.remove("stream." + properties.getBindingName());
		if (unregister != null) {
			unregister.run();
		}
	}

	private void requireDiscovery(String prefix) {
		if (this.connector.getIfAvailable() == null) {
			throw new ProvisioningException(
					prefix + ".destination: discovery:// destinations need zmq.discovery.enabled=true");
		}
	}

	// Stream's binding lifecycles stop after the ZeroMQ context has closed (inputs at
	// MAX_VALUE - 1000, outputs last): a binding's container or socket manager joins the
	// application's lifecycle, which stops it in its own phase (listeners, sockets),
	// before
	// the context. It is not started by it: the binding starts it.
	private Runnable registerForShutdown(String name, Object lifecycle) {
		ApplicationContext context = getApplicationContext();
		while (context != null) {
			if (context instanceof ConfigurableApplicationContext configurable
					&& configurable.getBeanFactory().getBeanNamesForType(ZmqSocketManager.class).length > 0
					&& configurable.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory) {
				String beanName = "zmqStreamBinder." + name;
				if (beanFactory.containsSingleton(beanName)) {
					beanFactory.destroySingleton(beanName);
				}
				beanFactory.registerSingleton(beanName, lifecycle);
				return () -> {
					if (beanFactory.containsSingleton(beanName)) {
						beanFactory.destroySingleton(beanName);
					}
				};
			}
			context = context.getParent();
		}
		return () -> {
		};
	}

	/**
	 * A consumer binding in the listeners' lifecycle phase: the application stops it with
	 * its listener containers, before the sockets and the context.
	 */
	private static final class ListenerPhase implements SmartLifecycle {

		private final ZmqInboundChannelAdapter adapter;

		ListenerPhase(ZmqInboundChannelAdapter adapter) {
			this.adapter = adapter;
		}

		@Override
		public void start() {
			this.adapter.start();
		}

		@Override
		public void stop() {
			this.adapter.stop();
		}

		@Override
		public boolean isRunning() {
			return this.adapter.isRunning();
		}

		@Override
		public int getPhase() {
			return ZmqLifecyclePhases.LISTENERS;
		}

	}

	private final class ProducerResources {

		private final ZmqSocketManager manager;

		private final Runnable unregister;

		private final List<ZmqServiceInstance> announced = new ArrayList<>();

		private final List<ZmqServiceRegistry.Subscription> attachments = new ArrayList<>();

		ProducerResources(ZmqSocketManager manager, Runnable unregister) {
			this.manager = manager;
			this.unregister = unregister;
		}

		void close() {
			ZmqBeaconServiceRegistry beacon = ZmqMessageChannelBinder.this.beacon.getIfAvailable();
			if (beacon != null) {
				this.announced.forEach(beacon::withdraw);
			}
			this.attachments.forEach(ZmqServiceRegistry.Subscription::close);
			this.manager.stop();
			this.unregister.run();
		}

	}

}
