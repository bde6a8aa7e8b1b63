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
package io.github.zmqspring.samples.pipeline;

import io.github.zmqspring.annotation.ZmqListener;
import io.github.zmqspring.core.ZmqTemplate;
import io.github.zmqspring.samples.pipeline.PipelineApplication.Job;
import io.github.zmqspring.samples.pipeline.PipelineApplication.Result;

import org.springframework.stereotype.Component;

/**
 * Three workers, each its own PULL socket connected to the ventilator, so ZeroMQ deals
 * jobs round robin among them. Results go to the sink through the declared
 * {@code results} socket; the template is safe to call from the three listener threads at
 * once.
 */
@Component
public class Workers {

	private final ZmqTemplate template;

	public Workers(ZmqTemplate template) {
		this.template = template;
	}

	@ZmqListener(id = "worker-1", type = org.zeromq.SocketType.PULL, connect = "tcp://127.0.0.1:${pipeline.jobs-port}")
	@ZmqListener(id = "worker-2", type = org.zeromq.SocketType.PULL, connect = "tcp://127.0.0.1:${pipeline.jobs-port}")
	@ZmqListener(id = "worker-3", type = org.zeromq.SocketType.PULL, connect = "tcp://127.0.0.1:${pipeline.jobs-port}")
	public void process(Job job) {
		long checksum = job.id();
		for (int i = 0; i < job.work(); i++) {
			checksum = checksum * 31 + i;
		}
		String worker = Thread.currentThread().getName();
		this.template.send("results", new Result(job.id(), worker, checksum));
	}

}
