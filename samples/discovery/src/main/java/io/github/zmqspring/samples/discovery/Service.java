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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.samples.discovery.DiscoveryApplication.Job;
import io.github.zmqspring.samples.discovery.DiscoveryApplication.Result;
import org.zeromq.SocketType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The service: a PULL listener on a free port, announced as {@code sample-jobs}. Nobody
 * needs to know the port: clients connect to {@code discovery://sample-jobs}.
 */
@Component
@Profile("service")
public class Service {

	private final ZmqTemplate template;

	private final String name;

	private final Duration lifetime;

	private final CountDownLatch stopped = new CountDownLatch(1);

	public Service(ZmqTemplate template, @Value("${sample.name}") String name,
			@Value("${sample.service-lifetime}") Duration lifetime) {
		this.template = template;
		this.name = name;
		this.lifetime = lifetime;
	}

	@ZmqListener(id = "jobs", type = SocketType.PULL, bind = "tcp://127.0.0.1:0", announce = "sample-jobs")
	public void answer(Job job) {
		this.template.send("results", new Result(job.id(), job.number(), isPrime(job.number()), this.name));
	}

	/**
	 * Block until the service's lifetime has passed (forever when zero), for the
	 * stand-alone service process.
	 * @throws InterruptedException if interrupted
	 */
	void awaitEnd() throws InterruptedException {
		System.out.println(this.name + ": serving 'sample-jobs'"
				+ (this.lifetime.isZero() ? " until stopped" : " for " + this.lifetime));
		if (this.lifetime.isZero()) {
			this.stopped.await();
		}
		else {
			this.stopped.await(this.lifetime.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	static boolean isPrime(long n) {
		if (n < 2) {
			return false;
		}
		for (long d = 2; d * d <= n; d++) {
			if (n % d == 0) {
				return false;
			}
		}
		return true;
	}

}
