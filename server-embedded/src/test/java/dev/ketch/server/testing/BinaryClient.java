package dev.ketch.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking client for memcached's binary protocol in tests: builds request packets (any field
 * may be set to an inconsistent value on purpose), sends them, reads response packets.
 */
public final class BinaryClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public BinaryClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A request under construction. */
    public static final class Request {
        private int magic = 0x80;
        private final int opcode;
        private byte[] key = new byte[0];
        private byte[] extras = new byte[0];
        private byte[] value = new byte[0];
        private int opaque;
        private long cas;
        private Integer keyLength;
        private Integer extrasLength;
        private Long bodyLength;

        private Request(int opcode) {
            this.opcode = opcode;
        }

        public Request key(String key) {
            return key(key.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Request key(byte[] key) {
            this.key = key;
            return this;
        }

        public Request value(String value) {
            return value(value.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Request value(byte[] value) {
            this.value = value;
            return this;
        }

        public Request extras(byte[] extras) {
            this.extras = extras;
            return this;
        }

        /** Set/add/replace extras: flags and expiration. */
        public Request flagsAndExpiry(int flags, int exptime) {
            return extras(ByteBuffer.allocate(8).putInt(flags).putInt(exptime).array());
        }

        /** Incr/decr extras: delta, initial value, expiration. */
        public Request delta(long delta, long initial, int exptime) {
            return extras(ByteBuffer.allocate(20).putLong(delta).putLong(initial).putInt(exptime).array());
        }

        /** Touch/GAT/flush extras: one 32-bit expiration. */
        public Request expiry(int exptime) {
            return extras(ByteBuffer.allocate(4).putInt(exptime).array());
        }

        public Request opaque(int opaque) {
            this.opaque = opaque;
            return this;
        }

        public Request cas(long cas) {
            this.cas = cas;
            return this;
        }

        public Request magic(int magic) {
            this.magic = magic;
            return this;
        }

        /** Overrides the header's key length (for malformed requests). */
        public Request keyLength(int keyLength) {
            this.keyLength = keyLength;
            return this;
        }

        public Request extrasLength(int extrasLength) {
            this.extrasLength = extrasLength;
            return this;
        }

        public Request bodyLength(long bodyLength) {
            this.bodyLength = bodyLength;
            return this;
        }

        public byte[] bytes() {
            int kl = keyLength != null ? keyLength : key.length;
            int el = extrasLength != null ? extrasLength : extras.length;
            long bl = bodyLength != null ? bodyLength : (long) key.length + extras.length + value.length;
            ByteBuffer b = ByteBuffer.allocate(24 + extras.length + key.length + value.length);
            b.put((byte) magic).put((byte) opcode).putShort((short) kl).put((byte) el).put((byte) 0)
                    .putShort((short) 0).putInt((int) bl).putInt(opaque).putLong(cas);
            b.put(extras).put(key).put(value);
            return b.array();
        }
    }

    /** A decoded response packet. */
    public record Response(int magic, int opcode, int status, int opaque, long cas, byte[] extras, byte[] key,
            byte[] value) {

        public String keyString() {
            return new String(key, StandardCharsets.ISO_8859_1);
        }

        public String valueString() {
            return new String(value, StandardCharsets.ISO_8859_1);
        }

        /** The 4-byte flags of a get response. */
        public int flags() {
            return ByteBuffer.wrap(extras).getInt();
        }

        /** The 8-byte number of an incr/decr response. */
        public long number() {
            return ByteBuffer.wrap(value).getLong();
        }
    }

    public static Request request(int opcode) {
        return new Request(opcode);
    }

    /** All requests' bytes, concatenated (a pipeline). */
    public static byte[] concat(Request... requests) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Request r : requests) {
            b.writeBytes(r.bytes());
        }
        return b.toByteArray();
    }

    public BinaryClient send(Request request) throws IOException {
        return send(request.bytes());
    }

    public BinaryClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one request and reads one response. */
    public Response call(Request request) throws IOException {
        send(request);
        return read();
    }

    /** Reads one response packet. */
    public Response read() throws IOException {
        byte[] header = new byte[24];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header);
        int magic = h.get() & 0xff;
        int opcode = h.get() & 0xff;
        int keyLength = h.getShort() & 0xffff;
        int extrasLength = h.get() & 0xff;
        h.get();
        int status = h.getShort() & 0xffff;
        int bodyLength = h.getInt();
        int opaque = h.getInt();
        long cas = h.getLong();
        byte[] body = new byte[bodyLength];
        in.readFully(body);
        byte[] extras = java.util.Arrays.copyOfRange(body, 0, extrasLength);
        byte[] key = java.util.Arrays.copyOfRange(body, extrasLength, extrasLength + keyLength);
        byte[] value = java.util.Arrays.copyOfRange(body, extrasLength + keyLength, bodyLength);
        return new Response(magic, opcode, status, opaque, cas, extras, key, value);
    }

    /** Reads responses up to and including the one with {@code opaque} (e.g. a NOOP's). */
    public List<Response> readUntilOpaque(int opaque) throws IOException {
        List<Response> all = new ArrayList<>();
        Response r;
        do {
            r = read();
            all.add(r);
        } while (r.opaque() != opaque);
        return all;
    }

    /** Reads the {@code STAT} responses up to the empty one that ends them (not included). */
    public List<Response> readStats() throws IOException {
        List<Response> all = new ArrayList<>();
        while (true) {
            Response r = read();
            if (r.key().length == 0) {
                return all;
            }
            all.add(r);
        }
    }

    /** True if the server closed the connection (reads nothing more within the timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** True if nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
