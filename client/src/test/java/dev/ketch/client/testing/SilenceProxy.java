package dev.ketch.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback relay in front of a server that can fall silent: after {@link #silence()} it keeps
 * accepting connections and reading what clients send, but forwards nothing either way, on old
 * and new connections alike (a hung process, a frozen container, a dead network path: nothing
 * is closed, nothing answers).
 */
public final class SilenceProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    public SilenceProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silence-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code host:port} for the client. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** From now on nothing is forwarded, on any connection. */
    public void silence() {
        silent = true;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!silent) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // either side went away
            }
        }, "silence-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
