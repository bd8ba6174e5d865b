package dev.ketch.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A blocking socket client for protocol tests: send bytes, read replies line by line. */
public final class TextClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TextClient(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes, 0 for the system's default */
    public TextClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** How long a read may wait for the server before it fails (5 s unless changed). */
    public TextClient readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    public TextClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public TextClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a request and reads one reply line (without CRLF). */
    public String call(String request) throws IOException {
        send(request);
        return line();
    }

    /** One line without its CRLF; fails on end of stream. */
    public String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + b.size() + " bytes: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            if (c == '\n' && prev == '\r') {
                byte[] all = b.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            prev = c;
        }
    }

    /** One line ending in a bare {@code \n} (as memcached's metadump and watch lines), without it. */
    public String rawLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after " + b.size() + " bytes: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
    }

    /** The next byte, or -1 at the end of the stream or on a reset (a closed connection). */
    public int readOrEnd() throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    /** Reads exactly {@code n} bytes. */
    public byte[] bytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Reads lines up to and including {@code END}; returns them joined with CRLF. */
    public String untilEnd() throws IOException {
        return untilLine("END");
    }

    /** Reads lines up to and including {@code MN} (the reply to a meta no-op); returns them joined with CRLF. */
    public String untilMn() throws IOException {
        return untilLine("MN");
    }

    private String untilLine(String last) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String l = line();
            sb.append(l).append("\r\n");
            if (l.equals(last)) {
                return sb.toString();
            }
        }
    }

    /**
     * Everything the server sends before it answers an {@code mn} sent now: the whole reply to what
     * was sent before, however long the server takes, and nothing more (replies come in order).
     */
    public String beforeMn() throws IOException {
        send("mn\r\n");
        String all = untilMn();
        return all.substring(0, all.length() - "MN\r\n".length());
    }

    /** Everything the server sends within {@code millis}, as text. */
    public String drain(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                b.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // nothing more
        } finally {
            socket.setSoTimeout(5000);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** True if the server closed the connection (reads end of stream within 5 s). */
    public boolean closedByServer() throws IOException {
        return closedByServer(5000);
    }

    /**
     * True if the server closed the connection (end of stream or a reset within {@code millis});
     * bytes it sends meanwhile are skipped.
     */
    public boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(5000);
            }
        }
    }

    /** The client's own port. */
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
