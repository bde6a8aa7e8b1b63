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
package io.github.zmqspring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Raw bytes a hostile or broken client sends to a ZeroMQ port, written by hand (a real
 * {@link Socket}, no ZeroMQ library) so that they can break the rules: ZMTP 3.0 greetings
 * with any mechanism, a READY command with any socket type, and frame headers announcing
 * frames that never come.
 */
public final class HostileZmtp {

	private HostileZmtp() {
	}

	/**
	 * Open a plain TCP connection to a ZeroMQ endpoint.
	 * @param endpoint {@code tcp://host:port}
	 * @return the connected socket
	 * @throws IOException if the connection fails
	 */
	public static Socket connect(String endpoint) throws IOException {
		URI uri = URI.create(endpoint);
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
		socket.setSoTimeout(5000);
		return socket;
	}

	/**
	 * A ZMTP 3.0 greeting (64 bytes).
	 * @param mechanism the security mechanism, such as {@code NULL} (at most 20 bytes)
	 * @return the greeting
	 */
	public static byte[] greeting(String mechanism) {
		byte[] greeting = new byte[64];
		greeting[0] = (byte) 0xFF;
		greeting[9] = 0x7F;
		greeting[10] = 3;
		greeting[11] = 0;
		byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(name, 0, greeting, 12, Math.min(20, name.length));
		return greeting;
	}

	/**
	 * A READY command of the NULL mechanism announcing a socket type.
	 * @param socketType the socket type, such as {@code PUSH}
	 * @return the command frame
	 */
	public static byte[] ready(String socketType) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(5);
		body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
		byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
		byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
		body.write(name.length);
		body.writeBytes(name);
		body.writeBytes(new byte[] { 0, 0, 0, (byte) value.length });
		body.writeBytes(value);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x04); // command, short
		frame.write(body.size());
		frame.writeBytes(body.toByteArray());
		return frame.toByteArray();
	}

	/**
	 * The header of a long message frame (flags and 8-byte size), without its body.
	 * @param size the size announced
	 * @return the header
	 */
	public static byte[] longFrameHeader(long size) {
		byte[] header = new byte[9];
		header[0] = 0x02; // long, last frame
		for (int i = 0; i < 8; i++) {
			header[1 + i] = (byte) (size >>> (56 - 8 * i));
		}
		return header;
	}

	/**
	 * A complete handshake as a peer of the given type followed by the header of a frame
	 * of the given size: what a client announcing a huge message sends.
	 * @param socketType the peer's socket type, such as {@code PUSH}
	 * @param size the size announced
	 * @return the bytes (about 100)
	 */
	public static byte[] announce(String socketType, long size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(greeting("NULL"));
		out.writeBytes(ready(socketType));
		out.writeBytes(longFrameHeader(size));
		return out.toByteArray();
	}

	/**
	 * Read until the server closes the connection (or the read times out).
	 * @param socket the socket
	 * @return whether the server closed the connection
	 */
	public static boolean closedByServer(Socket socket) {
		try {
			byte[] buffer = new byte[1024];
			while (true) {
				if (socket.getInputStream().read(buffer) < 0) {
					return true;
				}
			}
		}
		catch (IOException ex) {
			// a reset is a close too; a timeout is not
			return !(ex instanceof java.net.SocketTimeoutException);
		}
	}

}
