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
package io.github.zmqspring.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The fault suite's laboratory: an {@code --internal} Docker network of its own (nothing
 * on it can reach beyond this machine) and peers on it, each a host with its own address
 * that a test can cut off, kill and restart. Peers run the image built by
 * {@code docker/build-peer-image.sh} (Debian minimal, pyzmq, iproute2); our own
 * applications run in the same image with this JVM's JDK and test class path mounted
 * read-only.
 * <p>
 * Outside CI, a machine without a Docker engine or without the peer image skips the
 * suite, saying why; in CI ({@code CI} set, as {@code .ci/run} does) that is a failure.
 */
public final class FaultLab implements AutoCloseable {

	/**
	 * The system property that moves every laboratory's first choice of subnet by 16 x
	 * its value, so that a second checkout's run stays out of the first's way from the
	 * start.
	 */
	static final String SUBNET_SHIFT = "faults.subnet-shift";

	/** The peer image's build script, relative to the module. */
	static final String IMAGE_SCRIPT = "docker/build-peer-image.sh";

	private static String image;

	private final Network network;

	private final String prefix;

	private final List<GenericContainer<?>> containers = new ArrayList<>();

	private FaultLab(String prefix, Network network) {
		this.prefix = prefix;
		this.network = network;
	}

	private static Network network(String prefix, int subnet) {
		return Network.builder()
			.driver("bridge")
			.createNetworkCmdModifier((cmd) -> cmd.withName("zmq-faults-" + subnet + "-" + System.nanoTime())
				.withInternal(true)
				.withIpam(new com.github.dockerjava.api.model.Network.Ipam()
					.withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(prefix + "0/24")
						.withGateway(prefix + "1"))))
			.build();
	}

	/**
	 * Open a laboratory on the internal network 10.236.{subnet}.0/24 (the host is .1).
	 * When another run of the suite on the same Docker engine (a second checkout, a CI
	 * run) holds that subnet, the next of 10.236.{subnet + 16 k}.0/24 that is free is
	 * taken; addresses are always asked of {@link #ip(int)}. The system property
	 * {@value #SUBNET_SHIFT} (default 0) moves the first choice to 10.236.{subnet + 16 x
	 * shift}.0/24.
	 * @param subnet the third octet, distinct modulo 16 per test class
	 * @return the laboratory
	 */
	public static FaultLab open(int subnet) {
		String image = image();
		Assertions.assertNotNull(image);
		RuntimeException overlap = null;
		int shift = Integer.getInteger(SUBNET_SHIFT, 0);
		for (int k = shift; k < shift + 16; k++) {
			int candidate = (subnet + 16 * k) % 256;
			String prefix = "10.236." + candidate + ".";
			Network network = network(prefix, candidate);
			try {
				network.getId();
				if (k > shift) {
					System.out.println("FaultLab: 10.236." + subnet + ".0/24 is taken, using " + prefix + "0/24");
				}
				return new FaultLab(prefix, network);
			}
			catch (RuntimeException ex) {
				if (!overlaps(ex)) {
					throw ex;
				}
				overlap = ex;
			}
		}
		throw new IllegalStateException("No free subnet 10.236.x.0/24 with x = " + subnet + " modulo 16", overlap);
	}

	private static boolean overlaps(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null
					&& cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("overlap")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Skip (outside CI) or fail (in CI) when Docker or the peer image is missing.
	 * @return the peer image
	 */
	static synchronized String image() {
		if (image != null) {
			return image;
		}
		boolean ci = System.getenv("CI") != null;
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			unavailable(ci, "no Docker engine answers (start dockerd; .ci/run does)");
		}
		String tag = run("bash", IMAGE_SCRIPT, "--tag");
		if (!dockerClient().listImagesCmd().withImageNameFilter(tag).exec().isEmpty()) {
			image = tag;
			return image;
		}
		unavailable(ci, "the peer image " + tag + " is missing: run fault-tests/" + IMAGE_SCRIPT + " (.ci/run does)");
		return null;
	}

	private static void unavailable(boolean ci, String reason) {
		if (ci) {
			Assertions.fail("The fault suite must run in CI, but " + reason);
		}
		Assumptions.abort("Fault suite skipped: " + reason);
	}

	private static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static DockerClient dockerClient() {
		return DockerClientFactory.instance().client();
	}

	/**
	 * @param host the last octet
	 * @return the address of that host on this laboratory's network
	 */
	public String ip(int host) {
		return this.prefix + host;
	}

	/**
	 * @return the address of the network's broadcast domain
	 */
	public String broadcastAddress() {
		return this.prefix + "255";
	}

	/**
	 * Start a pyzmq peer running one of the scripts under {@code /peers}.
	 * @param host the last octet of its address
	 * @param script the script, for example {@code pull_server.py}
	 * @param args its arguments
	 * @return the started container, ready once it logged {@code READY}
	 */
	public GenericContainer<?> peer(int host, String script, String... args) {
		List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-u", "/peers/" + script));
		command.addAll(Arrays.asList(args));
		return start(container(host).withCommand(command.toArray(String[]::new)));
	}

	/**
	 * A container on this network at a fixed address, with the peer scripts mounted; not
	 * started.
	 * @param host the last octet of its address
	 * @return the container
	 */
	@SuppressWarnings("resource")
	public GenericContainer<?> container(int host) {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image())).withNetwork(this.network)
			.withCreateContainerCmdModifier((cmd) -> cmd.withIpv4Address(ip(host)))
			.withFileSystemBind(peersDirectory(), "/peers", BindMode.READ_ONLY)
			.waitingFor(Wait.forLogMessage(".*READY.*", 1))
			.withStartupTimeout(java.time.Duration.ofSeconds(45));
		this.containers.add(container);
		return container;
	}

	/**
	 * A container that runs one of our applications with this JVM's JDK and class path.
	 * @param host the last octet of its address
	 * @param main the main class
	 * @param args its arguments
	 * @return the container, not started
	 */
	public GenericContainer<?> application(int host, Class<?> main, String... args) {
		GenericContainer<?> container = container(host);
		String javaHome = System.getProperty("java.home");
		Set<String> mounts = new LinkedHashSet<>();
		mounts.add(javaHome);
		mounts.addAll(outsideLinks(Paths.get(javaHome)));
		List<String> classPath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!entry.isBlank() && new File(entry).exists()) {
				String absolute = new File(entry).getAbsolutePath();
				classPath.add(absolute);
				mounts.add(absolute);
			}
		}
		for (String mount : mounts) {
			container.withFileSystemBind(mount, mount, BindMode.READ_ONLY);
		}
		List<String> command = new ArrayList<>(List.of(javaHome + "/bin/java", "-Xmx128m", "-XX:TieredStopAtLevel=1",
				"-Xshare:off", "-cp", String.join(File.pathSeparator, classPath), main.getName()));
		command.addAll(Arrays.asList(args));
		return container.withCommand(command.toArray(String[]::new))
			.withStartupTimeout(java.time.Duration.ofSeconds(90));
	}

	private static Set<String> outsideLinks(Path javaHome) {
		Set<String> targets = new LinkedHashSet<>();
		try (Stream<Path> files = Files.walk(javaHome)) {
			files.filter(Files::isSymbolicLink).forEach((link) -> {
				try {
					Path target = link.toRealPath();
					if (!target.startsWith(javaHome.toRealPath())) {
						targets.add(target.getParent().toString());
					}
				}
				catch (IOException ex) {
					// a dangling link is not needed by the JVM
				}
			});
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + javaHome, ex);
		}
		// a parent directory covers its children
		Set<String> minimal = new LinkedHashSet<>();
		for (String target : targets) {
			if (targets.stream().noneMatch((other) -> !other.equals(target) && target.startsWith(other + "/"))) {
				minimal.add(target);
			}
		}
		return minimal;
	}

	private static String peersDirectory() {
		return Paths.get("target/test-classes/peers").toAbsolutePath().toString();
	}

	/**
	 * Start a container and remember it for {@link #close()}.
	 * @param container the container
	 * @return the container
	 */
	public GenericContainer<?> start(GenericContainer<?> container) {
		if (!this.containers.contains(container)) {
			this.containers.add(container);
		}
		container.start();
		return container;
	}

	/**
	 * Cut a host from the network ({@code docker network disconnect}): its connections
	 * see neither data nor a goodbye.
	 * @param container the host
	 */
	public void partition(GenericContainer<?> container) {
		dockerClient().disconnectFromNetworkCmd()
			.withNetworkId(this.network.getId())
			.withContainerId(container.getContainerId())
			.withForce(true)
			.exec();
	}

	/**
	 * Connect a host again at its address ({@code docker network connect --ip}).
	 * @param container the host
	 * @param host the last octet of its address
	 */
	public void heal(GenericContainer<?> container, int host) {
		dockerClient().connectToNetworkCmd()
			.withNetworkId(this.network.getId())
			.withContainerId(container.getContainerId())
			.withContainerNetwork(
					new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ip(host))))
			.exec();
	}

	/**
	 * Drop a share of a host's inbound packets at random (iptables' statistic match, run
	 * in its network namespace from this machine): the loss half of a slow link where the
	 * kernel has no sch_netem.
	 * @param container the host
	 * @param probability the share dropped, for example 0.01
	 */
	public void dropInbound(GenericContainer<?> container, double probability) {
		String pid = String.valueOf(container.getContainerInfo().getState().getPidLong());
		run("nsenter", "-t", pid, "-n", "iptables", "-A", "INPUT", "-i", "eth0", "-m", "statistic", "--mode", "random",
				"--probability", String.valueOf(probability), "-j", "DROP");
	}

	/**
	 * Kill a host's processes with SIGKILL: no goodbye from the application.
	 * @param container the host
	 */
	public void kill(GenericContainer<?> container) {
		dockerClient().killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
	}

	/**
	 * Start a killed host again, at the same address, and wait until it is ready again.
	 * @param container the host
	 */
	public void restart(GenericContainer<?> container) {
		int before = count(container, "READY");
		dockerClient().startContainerCmd(container.getContainerId()).exec();
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(60))
			.until(() -> count(container, "READY") > before);
	}

	/**
	 * @param container a host
	 * @return its log so far, one line per entry (across restarts)
	 */
	public static List<String> lines(GenericContainer<?> container) {
		return Arrays.asList(container.getLogs().split("\n"));
	}

	/**
	 * @param container a host
	 * @param prefix a line prefix
	 * @return how many of its log lines start with the prefix
	 */
	public static int count(GenericContainer<?> container, String prefix) {
		return (int) lines(container).stream().filter((line) -> line.startsWith(prefix)).count();
	}

	@Override
	public void close() {
		for (GenericContainer<?> container : this.containers) {
			try {
				container.stop();
			}
			catch (RuntimeException ex) {
				// best effort: the network removal below reports what is left
			}
		}
		this.network.close();
	}

}
