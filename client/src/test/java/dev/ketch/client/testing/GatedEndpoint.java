package dev.ketch.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A configuration endpoint whose answers the test controls, in front of a real one: until {@link
 * #relay()} it either never answers (connections wait in the listen backlog: a slow endpoint) or,
 * after {@link #closeEveryConnection()}, closes every connection at once (an endpoint that is
 * down). Once relaying, each connection is piped to the real endpoint.
 */
public final class GatedEndpoint implements AutoCloseable {

    private final ServerSocket socket;
    private final InetSocketAddress target;
    private final List<Socket> open = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean relaying;
    private Thread acceptor;

    public GatedEndpoint(int targetPort) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    }

    /** {@code host:port} for the client. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** From now on connections are accepted and closed at once. */
    public synchronized void closeEveryConnection() {
        startAccepting();
    }

    /** From now on connections are piped to the real endpoint. */
    public synchronized void relay() {
        relaying = true;
        startAccepting();
    }

    private void startAccepting() {
        if (acceptor != null) {
            return;
        }
        acceptor = new Thread(this::acceptLoop, "gated-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                continue; // closed (the loop ends), or a connection reset in the backlog
            }
            try {
                if (!relaying) {
                    client.close();
                    continue;
                }
                relay(client);
            } catch (IOException e) {
                // This connection only (the client gave up on it while it waited in the backlog,
                // or the real endpoint refused it): the gate goes on accepting the next ones.
                closeQuietly(client);
            }
        }
    }

    private void relay(Socket client) throws IOException {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            upstream.close();
            throw e;
        }
        synchronized (this) {
            open.add(client);
            open.add(upstream);
        }
        pipe(client.getInputStream(), upstream.getOutputStream());
        pipe(upstream.getInputStream(), client.getOutputStream());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private synchronized void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // a side closed
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "gated-endpoint-pipe");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        List<Thread> all;
        synchronized (this) {
            for (Socket s : open) {
                s.close();
            }
            all = new ArrayList<>(threads);
            if (acceptor != null) {
                all.add(acceptor);
            }
        }
        for (Thread t : all) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
