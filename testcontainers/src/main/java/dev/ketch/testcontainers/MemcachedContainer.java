package dev.ketch.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real memcached in a container, for tests. Testcontainers has no memcached module; this one
 * starts memcached with the options you give it, waits until it answers {@code version}, and
 * hands its address to a client:
 *
 * <pre>{@code
 * try (MemcachedContainer memcached = new MemcachedContainer()) {
 *     memcached.start();
 *     MemcacheClient<String> client = MemcacheClient.builder().servers(memcached.servers()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Its port is published on {@code 127.0.0.1} only, on a port chosen when it is created and
 * kept for its whole life, so that the address stays the same across {@link #kill()} and
 * {@link #restart()}: a client configured with it sees the same server come back (empty), as
 * after a real crash. It also takes the faults a failover test needs: {@link #pause()} (a silent
 * server: connections are accepted by the kernel, nothing is answered), {@link #kill()},
 * {@link #restart()}, and {@link #disconnectNetwork()} (nothing reaches it).
 *
 * <p>The image is {@value #DEFAULT_IMAGE} unless another is given: any image whose
 * {@code memcached} command is memcached (the official one, or one of your own, e.g. for a
 * machine without a registry: the binary and its libraries on {@code FROM scratch}).
 */
public class MemcachedContainer extends GenericContainer<MemcachedContainer> {

    /** The official image this class is written for. */
    public static final String DEFAULT_IMAGE = "memcached:1.6.18";
    /** memcached's port inside the container. */
    public static final int MEMCACHED_PORT = 11211;

    private int memoryMb = 64;
    private final List<String> extraArgs = new ArrayList<>();
    private int hostPort;
    private String bridgeNetwork;

    /** The official {@value #DEFAULT_IMAGE} image. */
    public MemcachedContainer() {
        this(DockerImageName.parse(DEFAULT_IMAGE));
    }

    /** An image by name, such as {@code memcached:1.6.38} or a local build. */
    public MemcachedContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /** An image. */
    public MemcachedContainer(DockerImageName image) {
        super(Objects.requireNonNull(image, "image"));
        addExposedPort(MEMCACHED_PORT);
        waitingFor(new VersionAnswered());
    }

    /** memcached's {@code -m}: the cache's memory in megabytes (64 by default, as memcached's). */
    public MemcachedContainer withMemoryMb(int megabytes) {
        if (megabytes < 1) {
            throw new IllegalArgumentException("memory must be at least 1 MB: " + megabytes);
        }
        this.memoryMb = megabytes;
        return self();
    }

    /** More memcached options, as on its command line (e.g. {@code "-I", "2m"} or {@code "-t", "2"}). */
    public MemcachedContainer withMemcachedArgs(String... args) {
        for (String a : args) {
            extraArgs.add(Objects.requireNonNull(a, "argument"));
        }
        return self();
    }

    @Override
    protected void configure() {
        List<String> command = new ArrayList<>(List.of("memcached", "-p", Integer.toString(MEMCACHED_PORT), "-m",
                Integer.toString(memoryMb)));
        command.addAll(extraArgs);
        setCommand(command.toArray(new String[0]));
        if (hostPort == 0) {
            hostPort = freeLoopbackPort();
        }
        int port = hostPort;
        withCreateContainerCmdModifier(cmd -> {
            HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
            Ports bindings = new Ports();
            bindings.bind(ExposedPort.tcp(MEMCACHED_PORT), Ports.Binding.bindIpAndPort("127.0.0.1", port));
            cmd.withHostConfig(host.withPortBindings(bindings).withPublishAllPorts(false));
        });
    }

    /** The host and port clients connect to, as {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** {@link #address()} as the one element of an array, for a client builder's {@code servers(String...)}. */
    public String[] servers() {
        return new String[] {address()};
    }

    /** The published port on 127.0.0.1 (the same for the container's whole life). */
    public int port() {
        if (hostPort == 0) {
            throw new IllegalStateException("not started yet");
        }
        return hostPort;
    }

    /** {@code docker pause}: memcached is frozen; connections are still accepted, nothing is answered. */
    public void pause() {
        docker().pauseContainerCmd(getContainerId()).exec();
    }

    /** {@code docker unpause}: memcached answers again, with what it held (nothing happens if it is not paused). */
    public void unpause() {
        if (isPaused()) {
            docker().unpauseContainerCmd(getContainerId()).exec();
        }
    }

    /** True while the container is paused. */
    public boolean isPaused() {
        return Boolean.TRUE.equals(docker().inspectContainerCmd(getContainerId()).exec().getState().getPaused());
    }

    /** {@code docker kill}: memcached dies; its port refuses connections until {@link #restart()}. */
    public void kill() {
        docker().killContainerCmd(getContainerId()).exec();
    }

    /**
     * Starts the container again after {@link #kill()} (or stops and starts it if it runs): a new,
     * empty memcached on the same address; returns once it answers.
     */
    public void restart() {
        DockerClient docker = docker();
        Boolean running = docker.inspectContainerCmd(getContainerId()).exec().getState().getRunning();
        if (Boolean.TRUE.equals(running)) {
            docker.stopContainerCmd(getContainerId()).withTimeout(0).exec();
        }
        docker.startContainerCmd(getContainerId()).exec();
        getWaitStrategy().waitUntilReady(this);
    }

    /**
     * {@code docker network disconnect}: the container leaves its network, so nothing reaches its
     * published port (new connections are refused, open ones are cut) while memcached keeps
     * running with its data.
     */
    public void disconnectNetwork() {
        bridgeNetwork = getContainerInfo().getHostConfig().getNetworkMode();
        docker().disconnectFromNetworkCmd().withContainerId(getContainerId()).withNetworkId(networkName()).exec();
    }

    /** Joins the network left by {@link #disconnectNetwork()} again; returns once memcached answers. */
    public void reconnectNetwork() {
        docker().connectToNetworkCmd().withContainerId(getContainerId()).withNetworkId(networkName()).exec();
        getWaitStrategy().waitUntilReady(this);
    }

    private String networkName() {
        String mode = bridgeNetwork;
        return mode == null || mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    private DockerClient docker() {
        return getDockerClient();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
