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
package io.github.zmqspring.samples.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.discovery.ZmqServiceInstanceJoinedEvent;
import io.github.zmqspring.discovery.ZmqServiceInstanceLeftEvent;
import io.github.zmqspring.discovery.ZmqServiceRegistry;
import io.github.zmqspring.samples.discovery.DiscoveryApplication.Job;
import io.github.zmqspring.samples.discovery.DiscoveryApplication.Result;
import org.zeromq.SocketType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The client: asks every live instance of {@code sample-jobs} (round robin) whether
 * numbers are prime, and collects the answers on its own socket, announced as
 * {@code sample-results} so that the services find it too. Prints services as they join
 * and leave.
 */
@Component
@Profile("client")
public class Client implements CommandLineRunner {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ZmqTemplate template;

	private final ZmqServiceRegistry registry;

	private final int rounds;

	private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();

	private final AtomicInteger nextId = new AtomicInteger();

	private final Object instancesChanged = new Object();

	public Client(ZmqTemplate template, ZmqServiceRegistry registry, @Value("${sample.rounds}") int rounds) {
		this.template = template;
		this.registry = registry;
		this.rounds = rounds;
	}

	@ZmqListener(id = "results", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", announce = "sample-results")
	public void collect(Result result) {
		this.results.add(result);
	}

	@EventListener
	public void joined(ZmqServiceInstanceJoinedEvent event) {
		if (event.getInstance().service().equals("sample-jobs")) {
			System.out.println("client: 'sample-jobs' instance joined at " + event.getInstance().endpoint());
			changed();
		}
	}

	@EventListener
	public void left(ZmqServiceInstanceLeftEvent event) {
		if (event.getInstance().service().equals("sample-jobs")) {
			System.out.println("client: 'sample-jobs' instance at " + event.getInstance().endpoint() + " left ("
					+ event.getReason() + ")");
			changed();
		}
	}

	@Override
	public void run(String... args) throws Exception {
		for (int i = 0; i < this.rounds; i++) {
			round(6, 1);
			// a pause between rounds, so that services started meanwhile can join
			Thread.sleep(1000);
		}
	}

	/**
	 * Ask one round of questions and wait for every answer.
	 * @param questions how many numbers to ask about
	 * @param instances how many service instances to wait for first
	 * @return how many answers each instance gave
	 * @throws InterruptedException if interrupted
	 */
	public Map<String, Integer> round(int questions, int instances) throws InterruptedException {
		if (!this.template.awaitPeers("jobs", instances, TIMEOUT)) {
			throw new IllegalStateException("No " + instances + " instances of 'sample-jobs' within " + TIMEOUT
					+ "; live: " + this.registry.getInstances("sample-jobs"));
		}
		for (int i = 0; i < questions; i++) {
			int id = this.nextId.getAndIncrement();
			this.template.send("jobs", new Job(id, 1_000_000_000L + id * 2L + 1));
		}
		Map<String, Integer> perInstance = new TreeMap<>();
		for (int i = 0; i < questions; i++) {
			Result result = this.results.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (result == null) {
				throw new IllegalStateException("Only " + i + " of " + questions + " answers within " + TIMEOUT);
			}
			System.out.printf("client: %d is %s (answered by %s)%n", result.number(),
					result.prime() ? "prime" : "not prime", result.instance());
			perInstance.merge(result.instance(), 1, Integer::sum);
		}
		System.out.println("client: round answered by " + perInstance);
		return perInstance;
	}

	/**
	 * Wait until the registry lists a number of live {@code sample-jobs} instances.
	 * @param count the number of instances
	 * @throws InterruptedException if interrupted
	 */
	void awaitInstances(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		synchronized (this.instancesChanged) {
			while (this.registry.getInstances("sample-jobs").size() != count) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					throw new IllegalStateException("Expected " + count + " instances of 'sample-jobs', live: "
							+ this.registry.getInstances("sample-jobs"));
				}
				// woken by the join and leave events
				this.instancesChanged.wait(left);
			}
		}
	}

	private void changed() {
		synchronized (this.instancesChanged) {
			this.instancesChanged.notifyAll();
		}
	}

}
