package dev.ketch.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until memcached answers {@code version} on its published port, from the host: the same
 * path a client takes, and no shell needed in the image (a {@code FROM scratch} one has none).
 */
final class VersionAnswered extends AbstractWaitStrategy {

    VersionAnswered() {
        withStartupTimeout(Duration.ofSeconds(60));
    }

    @Override
    protected void waitUntilReady() {
        String host = "127.0.0.1";
        int port = waitStrategyTarget.getMappedPort(MemcachedContainer.MEMCACHED_PORT);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("memcached's container stopped: " + waitStrategyTarget.getLogs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                s.setSoTimeout(1000);
                OutputStream out = s.getOutputStream();
                out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] reply = new byte[8];
                int n = in.readNBytes(reply, 0, reply.length);
                if (n == 8 && new String(reply, StandardCharsets.US_ASCII).equals("VERSION ")) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for memcached");
            }
        }
        throw new ContainerLaunchException("memcached on " + host + ":" + port + " did not answer version within "
                + startupTimeout.toSeconds() + " s" + (last == null ? "" : ": " + last));
    }
}
