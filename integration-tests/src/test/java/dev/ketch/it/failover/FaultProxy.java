package dev.ketch.it.failover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of one server, which on command forwards, refuses (nothing
 * listens on its port: connect is refused), black-holes (accepts, and neither forwards nor answers
 * anything, on new and existing connections), cuts every connection as soon as it is accepted, or
 * cuts each a fixed time after accepting it, and delays replies. It counts the connections it
 * accepts (when, too) and the bytes clients send it, which is how the tests see what a client
 * attempts without trusting the client's own account.
 *
 * <p>Plain blocking sockets, two threads per connection: the tests open a handful of connections.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { FORWARD, BLACK_HOLE, REFUSE, CUT_ON_ACCEPT }

    private final int targetPort;
    private final int port;
    private volatile Mode mode = Mode.FORWARD;
    private volatile long cutAfterMillis;
    private volatile long delayMillis;
    private volatile long bytesPerSecond;
    private ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Long> acceptNanos = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesFromClients = new AtomicLong();
    private volatile boolean closed;

    /** A proxy on {@code port} (0: any free port) forwarding to {@code 127.0.0.1:targetPort}. */
    public FaultProxy(int port, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = bind(port);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, for a client's server list. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Forwards everything, without delay (listening again if it was refusing). Connections that
     * were black-holed are cut: the requests they swallowed are gone, which real TCP would have
     * retransmitted.
     */
    public synchronized void forward() throws IOException {
        if (mode == Mode.BLACK_HOLE) {
            cutAll();
        }
        mode = Mode.FORWARD;
        cutAfterMillis = 0;
        delayMillis = 0;
        bytesPerSecond = 0;
        listen();
    }

    /** Accepts connections and never answers: new ones and those already open go silent. */
    public synchronized void blackHole() throws IOException {
        mode = Mode.BLACK_HOLE;
        listen();
    }

    /** Stops listening and cuts every connection: connects are refused, as to a stopped server. */
    public synchronized void refuse() throws IOException {
        mode = Mode.REFUSE;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        cutAll();
    }

    /** Cuts every open connection, and from now on every new one as soon as it is accepted. */
    public synchronized void cutOnAccept() throws IOException {
        mode = Mode.CUT_ON_ACCEPT;
        listen();
        cutAll();
    }

    /** Forwards, but cuts every connection accepted from now on {@code after} it was accepted. */
    public synchronized void cutEachAfter(Duration after) throws IOException {
        mode = Mode.FORWARD;
        cutAfterMillis = after.toMillis();
        listen();
    }

    /**
     * Forwards at most {@code bytesPerSecond} in each direction of each connection (0: no limit),
     * in slices of 10 ms: a slow link, on which a large value takes its time but bytes keep flowing.
     */
    public void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Forwards replies only after {@code delay}. */
    public void delayReplies(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Closes every open connection (the server stays reachable). */
    public void cutAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Connections accepted so far. */
    public int accepted() {
        return acceptNanos.size();
    }

    /** {@link System#nanoTime()} of every accepted connection, in order. */
    public List<Long> acceptTimes() {
        return new ArrayList<>(acceptNanos);
    }

    /** Bytes received from clients so far (forwarded or not). */
    public long bytesFromClients() {
        return bytesFromClients.get();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        cutAll();
    }

    // ------------------------------------------------------------------ machinery

    private void listen() throws IOException {
        if (listener == null) {
            listener = bind(port);
            startAccepting(listener);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            try {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
                return s;
            } catch (BindException e) {
                s.close();
                last = e;
                sleep(20);
            }
        }
        throw last;
    }

    private void startAccepting(ServerSocket socket) {
        daemon("fault-proxy-accept-" + port, () -> {
            while (!socket.isClosed()) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException e) {
                    return; // stopped listening
                }
                acceptNanos.add(System.nanoTime());
                handle(client);
            }
        });
    }

    private void handle(Socket client) {
        Mode now = mode;
        if (closed || now == Mode.CUT_ON_ACCEPT || now == Mode.REFUSE) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        long cutAfter = cutAfterMillis;
        if (cutAfter > 0) {
            daemon("fault-proxy-cut", () -> {
                sleep(cutAfter);
                closeQuietly(client);
            });
        }
        Socket upstream = null;
        if (now == Mode.FORWARD) {
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                open.add(upstream);
            } catch (IOException e) {
                closeQuietly(client);
                return;
            }
        }
        Socket server = upstream;
        daemon("fault-proxy-up", () -> pump(client, server, true));
        if (server != null) {
            daemon("fault-proxy-down", () -> pump(server, client, false));
        }
    }

    /** Copies {@code from} to {@code to} while the mode allows; closes both at the end. */
    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buf = new byte[16 * 1024];
        try (from) {
            InputStream in = from.getInputStream();
            OutputStream out = to == null ? null : to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (fromClient) {
                    bytesFromClients.addAndGet(n);
                }
                if (out == null || mode == Mode.BLACK_HOLE) {
                    continue;
                }
                long delay = fromClient ? 0 : delayMillis;
                if (delay > 0) {
                    sleep(delay);
                }
                write(out, buf, n);
            }
        } catch (IOException e) {
            // cut, or the other side went away
        } finally {
            open.remove(from);
            if (to != null) {
                closeQuietly(to);
            }
        }
    }

    private void write(OutputStream out, byte[] buf, int n) throws IOException {
        long rate = bytesPerSecond;
        if (rate <= 0) {
            out.write(buf, 0, n);
            out.flush();
            return;
        }
        int slice = (int) Math.max(1, rate / 100);
        for (int off = 0; off < n; off += slice) {
            int len = Math.min(slice, n - off);
            out.write(buf, off, len);
            out.flush();
            sleep(10);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
