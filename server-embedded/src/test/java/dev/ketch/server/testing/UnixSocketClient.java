package dev.ketch.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A text protocol client over a unix domain socket (the JDK's own unix socket channels). */
public final class UnixSocketClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5000;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(65536);

    public UnixSocketClient(Path path) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        in.flip();
    }

    public UnixSocketClient send(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        return this;
    }

    /** Sends a request and reads one reply line. */
    public String call(String request) throws IOException {
        send(request);
        return line();
    }

    /** One line without its CRLF. */
    public String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c = read(TIMEOUT_MILLIS);
            if (c < 0) {
                throw new IOException("no line: " + (c == -1 ? "closed" : "timeout") + " after "
                        + b.toString(StandardCharsets.ISO_8859_1));
            }
            if (c == '\n' && prev == '\r') {
                byte[] all = b.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            prev = c;
        }
    }

    /** Lines up to and including {@code END}, joined with CRLF. */
    public String untilEnd() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String l = line();
            sb.append(l).append("\r\n");
            if (l.equals("END")) {
                return sb.toString();
            }
        }
    }

    /** Whatever arrives within {@code millis}. */
    public String drain(int millis) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = read(millis)) >= 0) {
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** True if the server closes the connection within five seconds. */
    public boolean closedByServer() throws IOException {
        while (true) {
            int c = read(TIMEOUT_MILLIS);
            if (c == -1) {
                return true;
            }
            if (c == -2) {
                return false;
            }
        }
    }

    /** The next byte; -1 at end of stream, -2 on timeout. */
    private int read(int timeoutMillis) throws IOException {
        if (!in.hasRemaining()) {
            in.clear();
            long deadline = System.currentTimeMillis() + timeoutMillis;
            int n = 0;
            while (n == 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    in.flip();
                    return -2;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                try {
                    n = channel.read(in);
                } catch (IOException reset) {
                    n = -1;
                }
            }
            in.flip();
            if (n < 0) {
                return -1;
            }
        }
        return in.get() & 0xff;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
