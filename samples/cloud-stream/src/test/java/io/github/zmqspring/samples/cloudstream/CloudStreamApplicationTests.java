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
package io.github.zmqspring.samples.cloudstream;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class CloudStreamApplicationTests {

	@Test
	@Timeout(120)
	void ordersArePricedAndBookedAcrossThreeApplications() throws Exception {
		List<Order> booked = Demo.run(5);
		assertThat(booked).hasSize(5).allSatisfy((order) -> assertThat(order.priced()).isPositive());
		// every order published, none lost to the slow joiner, in order
		assertThat(booked).extracting(Order::id).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

}
