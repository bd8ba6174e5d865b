package dev.ketch.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A raw memcached text-protocol connection for tests: sends bytes exactly as given and reads
 * replies as bytes, never interpreting more than needed to find where a reply ends.
 *
 * <p>Never hangs: every read call completes within the reply timeout (as a whole, not per
 * packet) or throws {@link ReplyTimeoutException}; a write that the server does not drain within
 * {@link #writeTimeout()} aborts the connection. A close or reset by the server surfaces as
 * {@link ConnectionClosedException}. Bytes are mapped to strings as ISO-8859-1, one char per byte.
 */
public final class TextConnection implements AutoCloseable {

    /** Default time a whole reply may take. */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration MIN_WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BUFFERED = 64 << 20;
    private static final byte[] END = "END\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "text-connection-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration replyTimeout;
    private final Duration writeTimeout;
    private byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;

    private TextConnection(Socket socket, Duration replyTimeout, Duration writeTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.replyTimeout = replyTimeout;
        this.writeTimeout = writeTimeout;
    }

    /** Connects to 127.0.0.1:{@code port} with the {@linkplain #DEFAULT_REPLY_TIMEOUT default timeout}. */
    public static TextConnection open(int port) throws IOException {
        return open(port, DEFAULT_REPLY_TIMEOUT);
    }

    /**
     * Connects to 127.0.0.1:{@code port}; every read must complete within {@code replyTimeout}, a
     * write within the larger of that and 10 s (large values to a busy server take a while).
     */
    public static TextConnection open(int port, Duration replyTimeout) throws IOException {
        Duration writeTimeout = replyTimeout.compareTo(MIN_WRITE_TIMEOUT) > 0 ? replyTimeout : MIN_WRITE_TIMEOUT;
        return open(port, replyTimeout, writeTimeout);
    }

    /** Connects to 127.0.0.1:{@code port} with explicit read and write timeouts. */
    public static TextConnection open(int port, Duration replyTimeout, Duration writeTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) replyTimeout.toMillis());
            return new TextConnection(socket, replyTimeout, writeTimeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public Duration replyTimeout() {
        return replyTimeout;
    }

    /** How long a single {@link #send} may block on a server that does not read. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Sends {@code text} as ISO-8859-1 bytes (one byte per char), exactly as given. */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code bytes} in one write. */
    public void send(byte[] bytes) throws IOException {
        AtomicBoolean aborted = new AtomicBoolean();
        ScheduledFuture<?> abort = WATCHDOG.schedule(() -> {
            aborted.set(true);
            closeQuietly();
        }, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(bytes);
            out.flush();
        } catch (SocketException e) {
            if (!aborted.get()) {
                throw new ConnectionClosedException("connection closed by server while writing", new byte[0], e);
            }
        } finally {
            abort.cancel(false);
        }
        if (aborted.get()) {
            throw new ReplyTimeoutException("server did not read " + bytes.length + " bytes within "
                    + writeTimeout.toMillis() + " ms; connection aborted", new byte[0]);
        }
    }

    /** Reads one line and returns it without its line terminator ({@code \r\n} or {@code \n}). */
    public String readLine() throws IOException {
        byte[] line = readLineBytes();
        int length = line.length - 1;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Reads one line and returns its bytes including the terminating {@code \n}. */
    public byte[] readLineBytes() throws IOException {
        long deadline = deadline();
        return readLineBytes(deadline, new ByteArrayOutputStream());
    }

    /** Reads exactly {@code count} bytes. */
    public byte[] readBytes(int count) throws IOException {
        long deadline = deadline();
        return readBytes(count, deadline, new ByteArrayOutputStream());
    }

    /**
     * Reads a retrieval reply (get/gets/gat/gats): {@code VALUE} lines with their data blocks read
     * by the announced length, up to and including {@code END\r\n}. A line that is neither
     * {@code VALUE ...} nor {@code END} (an error reply) ends the reply too. Returns all bytes read.
     */
    public byte[] readUntilEnd() throws IOException {
        long deadline = deadline();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readLineBytes(deadline, reply);
            if (Arrays.equals(line, END) || !startsWith(line, "VALUE ")) {
                return reply.toByteArray();
            }
            int length = dataLength(line);
            if (length < 0) {
                return reply.toByteArray();
            }
            readBytes(length + 2, deadline, reply);
        }
    }

    /**
     * Reads lines up to and including the first one equal to {@code lastLine} (e.g. {@code END} for
     * stats), or up to the first line that does not start with {@code prefix} (an error reply).
     */
    public byte[] readLinesUntil(String prefix, String lastLine) throws IOException {
        long deadline = deadline();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] last = (lastLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            byte[] line = readLineBytes(deadline, reply);
            if (Arrays.equals(line, last) || !startsWith(line, prefix)) {
                return reply.toByteArray();
            }
        }
    }

    /**
     * Reads until the server closes the connection and returns what it sent before closing.
     *
     * @throws ReplyTimeoutException if the connection is still open after the reply timeout
     */
    public byte[] readUntilClosed() throws IOException {
        long deadline = deadline();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (true) {
            received.write(buffer, pos, limit - pos);
            pos = limit;
            int read;
            try {
                read = fill(deadline);
            } catch (SocketTimeoutException e) {
                throw new ReplyTimeoutException("connection still open after " + replyTimeout.toMillis() + " ms",
                        received.toByteArray());
            } catch (SocketException e) {
                return received.toByteArray();
            }
            if (read < 0) {
                return received.toByteArray();
            }
        }
    }

    /**
     * Reads whatever the server sends until it has sent nothing for {@code quietPeriod}, closes the
     * connection, or the reply timeout passes; for replies whose length is unknown (e.g. a text
     * reply where a binary one was expected). Returns the bytes read, possibly none.
     */
    public byte[] readAvailable(Duration quietPeriod) throws IOException {
        long deadline = deadline();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (true) {
            received.write(buffer, pos, limit - pos);
            pos = limit;
            long quietUntil = Math.min(deadline, System.nanoTime() + quietPeriod.toNanos());
            int read;
            try {
                read = fill(quietUntil);
            } catch (SocketTimeoutException | SocketException e) {
                return received.toByteArray();
            }
            if (read < 0) {
                return received.toByteArray();
            }
        }
    }

    /**
     * Tells whether the server has closed the connection: waits up to {@code wait} for an
     * end-of-stream or reset. Returns false if the connection is still open (or sent more data,
     * which stays buffered for the next read).
     */
    public boolean isClosedByServer(Duration wait) throws IOException {
        if (pos < limit) {
            return false;
        }
        try {
            int read = fill(System.nanoTime() + wait.toNanos());
            return read < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection: nothing to do
        }
    }

    private long deadline() {
        return System.nanoTime() + replyTimeout.toNanos();
    }

    private byte[] readLineBytes(long deadline, ByteArrayOutputStream reply) throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(buffer, pos, i + 1);
                    pos = i + 1;
                    reply.writeBytes(line);
                    return line;
                }
            }
            scanned = limit;
            int before = pos;
            fillOrThrow(deadline, reply, "a line");
            scanned -= before - pos;
        }
    }

    private byte[] readBytes(int count, long deadline, ByteArrayOutputStream reply) throws IOException {
        if (count > MAX_BUFFERED) {
            throw new IOException("refusing to buffer " + count + " bytes");
        }
        while (limit - pos < count) {
            fillOrThrow(deadline, reply, count + " bytes");
        }
        byte[] data = Arrays.copyOfRange(buffer, pos, pos + count);
        pos += count;
        reply.writeBytes(data);
        return data;
    }

    private void fillOrThrow(long deadline, ByteArrayOutputStream reply, String awaited) throws IOException {
        int read;
        try {
            read = fill(deadline);
        } catch (SocketTimeoutException e) {
            throw new ReplyTimeoutException("no complete reply (waiting for " + awaited + ") within "
                    + replyTimeout.toMillis() + " ms", partial(reply));
        } catch (SocketException e) {
            throw new ConnectionClosedException("connection reset by server", partial(reply), e);
        }
        if (read < 0) {
            throw new ConnectionClosedException("connection closed by server", partial(reply), null);
        }
    }

    private byte[] partial(ByteArrayOutputStream reply) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(reply.toByteArray());
        all.write(buffer, pos, limit - pos);
        return all.toByteArray();
    }

    /** Reads more bytes into the buffer; returns the count read or -1 at end of stream. */
    private int fill(long deadline) throws IOException {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buffer.length) {
            if (buffer.length >= MAX_BUFFERED) {
                throw new IOException("reply line longer than " + MAX_BUFFERED + " bytes");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read > 0) {
            limit += read;
        }
        return read;
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The data length announced by a {@code VALUE <key> <flags> <bytes> [<cas>]} line, or -1. */
    private static int dataLength(byte[] valueLine) {
        String[] tokens = new String(valueLine, StandardCharsets.ISO_8859_1).strip().split(" ");
        if (tokens.length < 4) {
            return -1;
        }
        try {
            int length = Integer.parseInt(tokens[3]);
            return length >= 0 && length <= MAX_BUFFERED ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
