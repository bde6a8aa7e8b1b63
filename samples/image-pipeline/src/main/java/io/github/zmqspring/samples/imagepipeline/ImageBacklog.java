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
package io.github.zmqspring.samples.imagepipeline;

/**
 * The signal that drives elastic scaling: how many images wait to be processed.
 * <p>
 * The sample's own signal is the coordinator's count of outstanding images (the batch
 * minus the results the sink has received). Once the observability issue's
 * {@code ZmqBacklogListener} is available, a bean of this type fed from it can replace
 * the coordinator's signal: {@link Coordinator} uses any {@code ImageBacklog} bean in
 * preference to its own.
 */
@FunctionalInterface
public interface ImageBacklog {

	/**
	 * @return the number of images waiting to be processed
	 */
	long backlog();

}
