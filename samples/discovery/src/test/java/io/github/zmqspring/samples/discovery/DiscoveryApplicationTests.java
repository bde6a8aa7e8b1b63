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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryApplicationTests {

	@Test
	@Timeout(90)
	void clientFindsServicesByNameAsTheyJoinAndLeave() throws Exception {
		// the demo picks a free UDP port for its beacons and sends them to
		// 127.255.255.255
		Demo.Report report = Demo.run();
		assertThat(report.first()).isEqualTo(Map.of("service-A", 4));
		assertThat(report.second()).containsOnlyKeys("service-A", "service-B")
			.allSatisfy((instance, answers) -> assertThat(answers).isPositive());
		assertThat(report.second().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
		assertThat(report.third()).isEqualTo(Map.of("service-A", 4));
	}

	@Test
	void primes() {
		assertThat(Service.isPrime(1_000_000_007L)).isTrue();
		assertThat(Service.isPrime(1_000_000_001L)).isFalse();
	}

}
