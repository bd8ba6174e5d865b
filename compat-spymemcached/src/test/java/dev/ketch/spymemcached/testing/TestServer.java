package dev.ketch.spymemcached.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A memcached server for a test: the bundled one in process, or a real memcached from PATH. */
public interface TestServer extends AutoCloseable {

    /** What a test skipped for want of memcached says. */
    String NO_MEMCACHED = "memcached is not on PATH: install it (Debian: apt-get install memcached) to compare "
            + "against a real memcached as well";

    /** The kinds of server. */
    enum Kind {
        /** Ketch's bundled server, in process. */
        BUNDLED,
        /** memcached from PATH, in a process of its own. */
        MEMCACHED;

        /** A server of this kind on a free loopback port; a test asking for memcached without one is skipped. */
        public TestServer start() {
            return this == BUNDLED ? new BundledServer() : RealMemcached.start();
        }
    }

    /** Where the server listens. */
    InetSocketAddress address();

    @Override
    void close();

    /** The bundled server. */
    final class BundledServer implements TestServer {
        private final Bundled bundled = new Bundled();

        @Override
        public InetSocketAddress address() {
            return bundled.address();
        }

        @Override
        public void close() {
            bundled.close();
        }

        @Override
        public String toString() {
            return "bundled server";
        }
    }

    /** A memcached process. */
    final class RealMemcached implements TestServer {
        private final Process process;
        private final int port;

        private RealMemcached(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Optional<Path> binary() {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "memcached");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        static RealMemcached start() {
            Optional<Path> binary = binary();
            Assumptions.assumeTrue(binary.isPresent(), NO_MEMCACHED);
            for (int attempt = 0; ; attempt++) {
                int port = freePort();
                List<String> command = new ArrayList<>(List.of(binary.get().toString(), "-l", "127.0.0.1", "-p",
                        Integer.toString(port), "-U", "0"));
                if ("root".equals(System.getProperty("user.name"))) {
                    command.addAll(List.of("-u", "root"));
                }
                Process process;
                try {
                    process = new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start " + command, e);
                }
                if (listening(process, port)) {
                    return new RealMemcached(process, port);
                }
                process.destroyForcibly();
                if (attempt == 2) {
                    throw new IllegalStateException("memcached did not start: " + command);
                }
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Waits (up to 10 s) until memcached accepts a connection, or exits (its port was taken meanwhile). */
        private static boolean listening(Process process, int port) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return true;
                } catch (IOException notYet) {
                    try {
                        process.waitFor(20, TimeUnit.MILLISECONDS); // returns early if memcached exits
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
            return false;
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", port);
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
    }
}
