package dev.ketch.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a TCP port on 127.0.0.1 that is free right now.
 *
 * <p>The port is released before the caller binds it, so another process may take it in between;
 * {@link ServerProcess#startOnFreePort} retries on such a collision.
 */
public final class FreePort {

    private FreePort() {
    }

    /** Returns a loopback TCP port that nothing listened on a moment ago. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }
}
