package dev.ketch.client.testing;

import dev.ketch.server.MemcachedServer;
import dev.ketch.server.testing.TestPki;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A memcached server for client tests: the bundled one in this JVM, or a real memcached daemon. */
public abstract class TestServer implements AutoCloseable {

    public static final String NO_MEMCACHED =
            "real memcached not found on PATH: install Debian package 'memcached' (apt-get install memcached)";

    /** {@code host:port} for the client's builder. */
    public abstract String address();

    public abstract int port();

    @Override
    public abstract void close();

    /** The bundled Ketch server on a free loopback port, memcached's defaults otherwise. */
    public static TestServer bundled() {
        MemcachedServer server = MemcachedServer.builder().listenAddress("127.0.0.1").port(0).start();
        return new TestServer() {
            @Override
            public String address() {
                return "127.0.0.1:" + server.port();
            }

            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }

            @Override
            public String toString() {
                return "bundled";
            }
        };
    }

    /**
     * The bundled server serving TLS with {@code certificate}; with {@code clientAuthorities} it
     * requires client certificates issued by them.
     */
    public static TestServer bundledTls(TestPki.Issued certificate, Path clientAuthorities) {
        MemcachedServer.Builder b = MemcachedServer.builder().listenAddress("127.0.0.1").port(0)
                .tls(certificate.certificate(), certificate.privateKey());
        if (clientAuthorities != null) {
            b.tlsClientAuthorities(clientAuthorities);
        }
        MemcachedServer server = b.start();
        return new TestServer() {
            @Override
            public String address() {
                return "127.0.0.1:" + server.port();
            }

            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }

            @Override
            public String toString() {
                return "bundled with TLS";
            }
        };
    }

    /**
     * A real memcached serving TLS ({@code -Z}) with {@code certificate}, requiring client
     * certificates from {@code clientAuthorities} when not null; skips the test when memcached is
     * missing or built without TLS.
     */
    public static TestServer memcachedTls(TestPki.Issued certificate, Path clientAuthorities) {
        Optional<Path> binary = memcachedBinary();
        Assumptions.assumeTrue(binary.isPresent(), NO_MEMCACHED);
        Assumptions.assumeTrue(builtWithTls(binary.get()), "the memcached on PATH (" + binary.get()
                + ") is built without TLS (its -h has no --enable-ssl): install one built with it, such as"
                + " Debian's package 'memcached' (1.6.18)");
        String options = "ssl_chain_cert=" + certificate.certificate() + ",ssl_key=" + certificate.privateKey()
                + (clientAuthorities == null ? "" : ",ssl_ca_cert=" + clientAuthorities + ",ssl_verify_mode=2");
        return memcached("-Z", "-o", options);
    }

    private static boolean builtWithTls(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return help.contains("enable-ssl");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A real memcached from PATH on a free loopback port; skips the test when there is none. */
    public static TestServer memcached(String... flags) {
        Optional<Path> binary = memcachedBinary();
        Assumptions.assumeTrue(binary.isPresent(), NO_MEMCACHED);
        // the probed port may be taken again before memcached binds it: then it exits, and another is tried
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Process process = startMemcached(binary.get(), port, flags);
            try {
                awaitListening(port, process, Duration.ofSeconds(10));
                return running(process, port);
            } catch (ExitedEarly e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Process startMemcached(Path binary, int port, String... flags) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "0"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        command.addAll(List.of(flags));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private static TestServer running(Process process, int port) {
        return new TestServer() {
            @Override
            public String address() {
                return "127.0.0.1:" + port;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                process.destroy();
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public String toString() {
                return "memcached";
            }
        };
    }

    public static Optional<Path> memcachedBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "memcached");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitListening(int port, Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedEarly("memcached exited with " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("memcached did not listen on " + port + " within " + timeout);
    }

    /** memcached ended before it listened (for instance, its port was taken). */
    private static final class ExitedEarly extends IllegalStateException {
        ExitedEarly(String message) {
            super(message);
        }
    }
}
