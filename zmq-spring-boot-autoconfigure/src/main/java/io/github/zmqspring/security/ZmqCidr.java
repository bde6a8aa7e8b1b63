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
package io.github.zmqspring.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}),
 * or one address ({@code 127.0.0.1}). Parsing never looks a name up: only literal
 * addresses are accepted.
 *
 * @author zmq-spring-boot
 */
public final class ZmqCidr {

	private final String text;

	private final byte[] network;

	private final int prefix;

	private ZmqCidr(String text, byte[] network, int prefix) {
		this.text = text;
		this.network = network;
		this.prefix = prefix;
	}

	/**
	 * Parse a range.
	 * @param text an address or {@code address/prefix}
	 * @return the range
	 * @throws IllegalArgumentException when the text is not a literal address range
	 */
	public static ZmqCidr parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("is empty; expected an address or a CIDR range such as 10.0.0.0/8");
		}
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		byte[] bytes = literal(address);
		if (bytes == null) {
			throw new IllegalArgumentException("is not a literal IPv4 or IPv6 address or CIDR range");
		}
		int prefix = bytes.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("has a prefix length that is not a number");
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("has a prefix length outside 0-" + (bytes.length * 8));
			}
		}
		return new ZmqCidr(trimmed, bytes, prefix);
	}

	/**
	 * Whether an address is in this range; an IPv4-mapped IPv6 address matches an IPv4
	 * range.
	 * @param address a literal address as ZeroMQ reports a peer's
	 * @return whether it is in the range ({@code false} when it is not a literal address)
	 */
	public boolean matches(String address) {
		byte[] bytes = literal(address);
		if (bytes == null) {
			return false;
		}
		if (bytes.length != this.network.length) {
			return false;
		}
		int full = this.prefix / 8;
		for (int i = 0; i < full; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[full] & mask) == (this.network[full] & mask);
	}

	static byte[] literal(String address) {
		if (address == null) {
			return null;
		}
		String text = address.trim();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		int zone = text.indexOf('%');
		if (zone >= 0) {
			text = text.substring(0, zone);
		}
		boolean ipv4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		boolean ipv6 = text.contains(":") && text.matches("[0-9a-fA-F:.]+");
		if (!ipv4 && !ipv6) {
			return null;
		}
		if (ipv4) {
			for (String part : text.split("\\.")) {
				if (Integer.parseInt(part) > 255) {
					return null;
				}
			}
		}
		try {
			// a literal: never a name look-up
			return InetAddress.getByName(text).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return this.text;
	}

}
