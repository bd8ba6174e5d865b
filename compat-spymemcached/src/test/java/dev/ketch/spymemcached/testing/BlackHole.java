package dev.ketch.spymemcached.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback that accepts connections, reads everything and never answers; or,
 * {@link #afterHandshake()}, answers a text-protocol connection's first {@code version} (the
 * handshake that makes the Ketch client count the server as up) and nothing after it.
 */
public final class BlackHole implements AutoCloseable {

    private static final byte[] VERSION_REPLY = "VERSION 1.6.18\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final boolean answersHandshake;

    public BlackHole() throws IOException {
        this(false);
    }

    /** A server that is up, as far as the connection handshake can tell, and then silent. */
    public static BlackHole afterHandshake() throws IOException {
        return new BlackHole(true);
    }

    private BlackHole(boolean answersHandshake) throws IOException {
        this.answersHandshake = answersHandshake;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "black-hole-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                accepted.add(s);
                Thread reader = new Thread(() -> swallow(s, answersHandshake), "black-hole-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void swallow(Socket s, boolean answerFirstVersion) {
        byte[] buffer = new byte[4096];
        try (s; InputStream in = s.getInputStream()) {
            if (answerFirstVersion) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.append((char) b);
                }
                if (line.toString().startsWith("version")) {
                    s.getOutputStream().write(VERSION_REPLY);
                    s.getOutputStream().flush();
                }
            }
            while (in.read(buffer) >= 0) {
                // never answer
            }
        } catch (IOException gone) {
            // the client or the test went away
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
