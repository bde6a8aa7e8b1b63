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
package io.github.zmqspring.listener;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.zmqspring.convert.ZmqMetadata;
import io.github.zmqspring.convert.ZmqMetadataCodec;
import io.github.zmqspring.core.ZmqRemoteException;
import org.zeromq.ZFrame;
import org.zeromq.ZMsg;

import org.springframework.messaging.converter.MessageConversionException;

/**
 * The REQ/REP envelope as REP and ROUTER listeners speak it (docs/wire-format.md):
 * splitting it off a request, and building error replies.
 *
 * @author zmq-spring-boot
 */
final class ZmqReplyEnvelopes {

	private ZmqReplyEnvelopes() {
	}

	/**
	 * Split the envelope off a request received by a ROUTER socket: the routing id, then
	 * every frame up to and including the first empty delimiter; the request keeps the
	 * frames after it. Without a delimiter the envelope is the routing id alone (a DEALER
	 * that sends bare payloads), unless one is required, as libzmq's REP requires it.
	 * @param request the received frames, routing id first
	 * @param requireDelimiter whether a request without a delimiter is an error
	 * @param listener the listener and socket, for the error message
	 * @return the envelope
	 * @throws MessageConversionException when a required delimiter is missing
	 */
	static ZMsg split(ZMsg request, boolean requireDelimiter, String listener) {
		ZMsg envelope = new ZMsg();
		envelope.add(request.pop());
		int delimiter = 0;
		for (ZFrame frame : request) {
			if (frame.size() == 0) {
				break;
			}
			delimiter++;
		}
		if (delimiter < request.size()) {
			for (int i = 0; i <= delimiter; i++) {
				envelope.add(request.pop());
			}
		}
		else if (requireDelimiter) {
			throw new MessageConversionException(listener + " received a request without the empty delimiter frame "
					+ "of the REQ/REP envelope; dropped (send [empty][payload] from a DEALER, or declare the socket "
					+ "as ROUTER)");
		}
		return envelope;
	}

	/**
	 * Complete an envelope into an error reply: the metadata frame with the error flag
	 * and the exception's type, then its message as UTF-8 text.
	 * @param envelope the request's envelope (consumed)
	 * @param failure the failure
	 * @return the reply
	 */
	static ZMsg errorReply(ZMsg envelope, Throwable failure) {
		return errorReply(envelope, failure, ZmqErrorReplyDetail.CLASS_AND_MESSAGE);
	}

	/**
	 * Complete an envelope into an error reply that discloses what {@code detail} allows.
	 * @param envelope the request's envelope (consumed)
	 * @param failure the failure
	 * @param detail what the reply tells about the failure
	 * @return the reply
	 */
	static ZMsg errorReply(ZMsg envelope, Throwable failure, ZmqErrorReplyDetail detail) {
		Map<String, String> headers = (detail == ZmqErrorReplyDetail.NONE) ? Map.of()
				: Map.of(ZmqRemoteException.ERROR_TYPE, failure.getClass().getName());
		String text = (detail != ZmqErrorReplyDetail.CLASS_AND_MESSAGE) ? ""
				: (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getName();
		envelope.add(ZmqMetadataCodec.encode(new ZmqMetadata(true, headers)));
		envelope.add(text.getBytes(StandardCharsets.UTF_8));
		return envelope;
	}

	/**
	 * @param failure how a returned future failed
	 * @return the failure itself, without the wrappers futures add
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
