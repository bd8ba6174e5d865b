package dev.ketch.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on loopback that answers each connection with a script, for the failures a real
 * server will not produce on demand: silence, garbage, slow replies.
 */
public final class ScriptedServer implements AutoCloseable {

    /** What to do with one accepted connection (runs on its own thread). */
    @FunctionalInterface
    public interface Script {
        void serve(int connectionNumber, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private static final String VERSION = "1.6.18";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    public ScriptedServer(Script script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    if (closed) {
                        // A close does not stop an accept already under way (the JDK defers it on
                        // a busy machine): a connection that comes in after it is never served.
                        s.close();
                        continue;
                    }
                    accepted.add(s);
                    int n = connections.incrementAndGet();
                    Thread t = new Thread(() -> {
                        try (s) {
                            script.serve(n, s.getInputStream(), s.getOutputStream());
                        } catch (IOException | InterruptedException ignored) {
                            // the client went away, or the test is over
                        }
                    }, "scripted-connection-" + n);
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "scripted-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A script that answers the client's connection handshake ({@code version}, in either protocol)
     * and then reads everything and never answers.
     */
    public static Script silent() {
        return (n, in, out) -> {
            if (answerVersion(in, out)) {
                byte[] buf = new byte[4096];
                while (in.read(buf) >= 0) {
                    // swallow
                }
            }
        };
    }

    /**
     * Reads the client's first request, which must be {@code version} (text) or VERSION (binary),
     * and answers it; false at end of stream.
     */
    public static boolean answerVersion(InputStream in, OutputStream out) throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        if (first == 0x80) {
            byte[] header = new byte[24];
            header[0] = (byte) first;
            if (in.readNBytes(header, 1, 23) < 23) {
                return false;
            }
            int bodyLength = ((header[8] & 0xff) << 24) | ((header[9] & 0xff) << 16) | ((header[10] & 0xff) << 8)
                    | (header[11] & 0xff);
            in.readNBytes(bodyLength);
            byte[] version = VERSION.getBytes(StandardCharsets.US_ASCII);
            byte[] reply = new byte[24 + version.length];
            reply[0] = (byte) 0x81;
            reply[1] = header[1];
            reply[11] = (byte) version.length;
            System.arraycopy(header, 12, reply, 12, 4); // opaque
            System.arraycopy(version, 0, reply, 24, version.length);
            out.write(reply);
        } else {
            String line = (char) first + readLine(in);
            if (!line.equals("version")) {
                throw new IOException("expected the client's version request, got '" + line + "'");
            }
            out.write(("VERSION " + VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        return true;
    }

    /** Reads one CRLF-terminated line, or null at end of stream. */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) c);
        }
        return null;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
