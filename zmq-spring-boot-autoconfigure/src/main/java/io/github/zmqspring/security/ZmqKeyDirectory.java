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

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A directory of public certificates whose keys are allowed to connect, re-read when a
 * file is added, changed or removed. Used by the ZAP handler's thread only: it rescans at
 * most every {@link #RESCAN_MILLIS} ms, and re-reads only the files whose size or time
 * changed. A file that is not a certificate is logged once and skipped; so is a secret
 * certificate's secret (only its public key is used).
 *
 * @author zmq-spring-boot
 */
final class ZmqKeyDirectory {

	static final long RESCAN_MILLIS = 500;

	private static final Log logger = LogFactory.getLog(ZmqKeyDirectory.class);

	private final Path directory;

	private final String property;

	private final Map<Path, Entry> entries = new HashMap<>();

	private final AtomicLong invalidFiles = new AtomicLong();

	private volatile Set<String> keys = Set.of();

	private long lastScan = Long.MIN_VALUE;

	private boolean missingLogged;

	ZmqKeyDirectory(Path directory, String property) {
		this.directory = directory;
		this.property = property;
	}

	Path getDirectory() {
		return this.directory;
	}

	/**
	 * @return the allowed keys (Z85), rescanning first when the last scan is old
	 */
	Set<String> keys() {
		long now = System.nanoTime() / 1_000_000;
		if (this.lastScan == Long.MIN_VALUE || now - this.lastScan >= RESCAN_MILLIS) {
			this.lastScan = now;
			scan();
		}
		return this.keys;
	}

	long getInvalidFiles() {
		return this.invalidFiles.get();
	}

	void scan() {
		if (!Files.isDirectory(this.directory)) {
			if (!this.missingLogged) {
				logger.warn("CURVE allow-list directory " + this.directory + " (" + this.property
						+ ") does not exist; no key is allowed from it until it does");
				this.missingLogged = true;
			}
			if (!this.entries.isEmpty()) {
				this.entries.clear();
				this.keys = Set.of();
			}
			return;
		}
		this.missingLogged = false;
		Set<Path> seen = new HashSet<>();
		boolean changed = false;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory)) {
			for (Path file : files) {
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(file, BasicFileAttributes.class);
				}
				catch (IOException ex) {
					continue; // removed while listing
				}
				if (!attributes.isRegularFile() || file.getFileName().toString().startsWith(".")) {
					continue;
				}
				seen.add(file);
				Entry entry = this.entries.get(file);
				long modified = attributes.lastModifiedTime().toMillis();
				if (entry != null && entry.modified == modified && entry.size == attributes.size()) {
					continue;
				}
				this.entries.put(file, read(file, modified, attributes.size()));
				changed = true;
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot list CURVE allow-list directory " + this.directory + " (" + this.property + "): "
					+ ex.getMessage());
			return;
		}
		changed |= this.entries.keySet().retainAll(seen);
		if (changed) {
			Set<String> keys = new HashSet<>();
			for (Entry entry : this.entries.values()) {
				if (entry.key != null) {
					keys.add(entry.key);
				}
			}
			this.keys = Set.copyOf(keys);
			if (logger.isInfoEnabled()) {
				logger.info("CURVE allow-list " + this.directory + " now has " + keys.size() + " key(s)");
			}
		}
	}

	private Entry read(Path file, long modified, long size) {
		try {
			ZmqKeyPair keys = ZmqCertificates.read(file);
			return new Entry(modified, size, keys.getPublicKey());
		}
		catch (IOException | IllegalArgumentException ex) {
			this.invalidFiles.incrementAndGet();
			logger.warn("Skipping " + file + " in " + this.property + ": " + ex.getMessage());
			return new Entry(modified, size, null);
		}
	}

	private record Entry(long modified, long size, String key) {
	}

}
