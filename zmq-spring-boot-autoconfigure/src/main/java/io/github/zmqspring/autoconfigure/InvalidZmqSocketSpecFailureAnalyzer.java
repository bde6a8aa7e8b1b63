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

import io.github.zmqspring.core.InvalidZmqSocketSpecException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid socket declaration (a {@code zmq.*} property or a {@code @ZmqListener}
 * attribute) into Boot's "APPLICATION FAILED TO START" report: the description names the
 * property or attribute, its value and what is wrong; the action says what to change.
 *
 * @author zmq-spring-boot
 */
class InvalidZmqSocketSpecFailureAnalyzer extends AbstractFailureAnalyzer<InvalidZmqSocketSpecException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidZmqSocketSpecException cause) {
		String property = cause.getProperty();
		boolean attribute = property.startsWith("@");
		StringBuilder description = new StringBuilder();
		description.append("Invalid ZeroMQ ")
			.append(attribute ? "listener attribute" : "configuration property")
			.append(":\n\n");
		description.append("    ").append(attribute ? "Attribute: " : "Property: ").append(property).append('\n');
		if (cause.getValue() != null) {
			description.append("    Value: \"").append(cause.getValue()).append("\"\n");
		}
		description.append("    Reason: ").append(cause.getReason());
		return new FailureAnalysis(description.toString(), action(cause, attribute), cause);
	}

	private static String action(InvalidZmqSocketSpecException cause, boolean attribute) {
		String property = cause.getProperty();
		String reason = (cause.getReason() != null) ? cause.getReason() : "";
		String where = attribute ? "the attribute " + property : "the property " + property;
		if (reason.contains("address already in use")) {
			return "Stop the process that listens on this address, or change " + where
					+ " to another port (port 0 binds a free one and discovery can announce it).";
		}
		if (reason.contains("address not available")) {
			return "Change " + where
					+ " to an address of this host, such as tcp://127.0.0.1:<port>, or tcp://*:<port> for every interface.";
		}
		return "Change " + where + ": " + reason + ".";
	}

}
