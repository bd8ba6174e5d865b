import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pipelined load for memcached-protocol servers (text protocol): every connection keeps a whole
 * batch of requests in flight, written with one system call and answered with few, so the server's
 * per-request work and not the loopback's per-call cost is what limits the rate. memaslap (the
 * unpipelined load of {@code loadgen.sh}) mostly measures system calls.
 *
 * <p>Run by {@code server-load.sh} (profiles {@code pipelined-get90} and {@code pipelined-set});
 * by hand: {@code java PipelinedLoad.java 127.0.0.1 PORT [options]}.
 *
 * <pre>
 * options (defaults in brackets):
 *   --profile get90|set   90% get / 10% set, or only sets                     [get90]
 *   --connections N       connections, one client thread each                  [4]
 *   --depth N             requests written at once and awaited per connection  [100]
 *   --seconds N           measured time                                         [10]
 *   --keys N              key space, every key stored before measuring          [10000]
 *   --key-bytes N         key length (as memaslap's 32 by default)             [32]
 *   --value-bytes N       value length                                          [100]
 * </pre>
 *
 * Every reply is checked: a get must answer the stored value or {@code END}, a set
 * {@code STORED}; anything else stops the run with exit status 1. The last line printed is
 * {@code <N> ops/sec} (requests answered per second, as {@code loadgen.sh} prints it).
 */
public final class PipelinedLoad {

    private static final byte GET = 0;
    private static final byte SET = 1;
    /** Distinct pre-built batches per connection; requests are generated before measuring. */
    private static final int BATCHES = 128;

    private final String host;
    private final int port;
    private String profile = "get90";
    private int connections = 4;
    private int depth = 100;
    private int seconds = 10;
    private int keys = 10_000;
    private int keyBytes = 32;
    private int valueBytes = 100;

    private final LongAdder ops = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile String failure;

    private PipelinedLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PipelinedLoad HOST PORT [--profile get90|set] [--connections N] [--depth N]"
                    + " [--seconds N] [--keys N] [--key-bytes N] [--value-bytes N]");
            System.exit(2);
        }
        if (!args[0].startsWith("127.") && !args[0].equals("localhost") && !args[0].equals("::1")) {
            System.err.println("refusing non-loopback target " + args[0]);
            System.exit(2);
        }
        PipelinedLoad load = new PipelinedLoad(args[0], Integer.parseInt(args[1]));
        for (int i = 2; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--profile" -> load.profile = v;
                case "--connections" -> load.connections = Integer.parseInt(v);
                case "--depth" -> load.depth = Integer.parseInt(v);
                case "--seconds" -> load.seconds = Integer.parseInt(v);
                case "--keys" -> load.keys = Integer.parseInt(v);
                case "--key-bytes" -> load.keyBytes = Integer.parseInt(v);
                case "--value-bytes" -> load.valueBytes = Integer.parseInt(v);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!load.profile.equals("get90") && !load.profile.equals("set")) {
            System.err.println("unknown profile " + load.profile + " (get90 or set)");
            System.exit(2);
        }
        System.exit(load.run());
    }

    private int run() throws Exception {
        preload();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> connectionLoop(id, connected), "load-" + c);
            t.start();
            threads.add(t);
        }
        connected.await();
        // one second unmeasured: every connection is under way and the server's buffers are warm
        Thread.sleep(1000);
        ops.reset();
        misses.reset();
        long start = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        long done = ops.sum();
        long missed = misses.sum();
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        if (failure != null) {
            System.out.println("failed: " + failure);
            System.out.println("0 ops/sec");
            return 1;
        }
        long rate = Math.round(done / (elapsed / 1e9));
        System.out.printf("profile=%s connections=%d depth=%d keys=%d key_bytes=%d value_bytes=%d seconds=%d%n",
                profile, connections, depth, keys, keyBytes, valueBytes, seconds);
        System.out.printf("requests=%d get_misses=%d%n", done, missed);
        System.out.println(rate + " ops/sec");
        return 0;
    }

    /** Stores every key once, pipelined, so that gets hit. */
    private void preload() throws IOException {
        try (SocketChannel ch = open()) {
            Reader reader = new Reader(ch);
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            byte[] value = value();
            int pending = 0;
            for (int k = 0; k < keys; k++) {
                byte[] request = setRequest(k, value);
                if (out.remaining() < request.length) {
                    flush(ch, out);
                    for (; pending > 0; pending--) {
                        reader.expectStored();
                    }
                }
                out.put(request);
                pending++;
            }
            flush(ch, out);
            for (; pending > 0; pending--) {
                reader.expectStored();
            }
        }
    }

    private void connectionLoop(int id, CountDownLatch connected) {
        try (SocketChannel ch = open()) {
            SplittableRandom random = new SplittableRandom(id * 7919L + 1);
            byte[] value = value();
            ByteBuffer[] batches = new ByteBuffer[BATCHES];
            byte[][] kinds = new byte[BATCHES][depth];
            for (int b = 0; b < BATCHES; b++) {
                List<byte[]> requests = new ArrayList<>(depth);
                int size = 0;
                for (int r = 0; r < depth; r++) {
                    int key = random.nextInt(keys);
                    boolean set = profile.equals("set") || random.nextInt(10) == 0;
                    byte[] request = set ? setRequest(key, value) : getRequest(key);
                    kinds[b][r] = set ? SET : GET;
                    requests.add(request);
                    size += request.length;
                }
                ByteBuffer buf = ByteBuffer.allocateDirect(size);
                requests.forEach(buf::put);
                batches[b] = buf.flip();
            }
            Reader reader = new Reader(ch);
            connected.countDown();
            for (int b = 0; !stop.get(); b = (b + 1) % BATCHES) {
                ByteBuffer batch = batches[b].duplicate();
                while (batch.hasRemaining()) {
                    ch.write(batch);
                }
                for (byte kind : kinds[b]) {
                    if (kind == GET) {
                        if (!reader.expectValueOrEnd(valueBytes)) {
                            misses.increment();
                        }
                    } else {
                        reader.expectStored();
                    }
                }
                ops.add(depth);
            }
        } catch (IOException | RuntimeException e) {
            if (!stop.get()) {
                failure = "connection " + id + ": " + e;
                stop.set(true);
            }
            connected.countDown();
        }
    }

    private SocketChannel open() throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return ch;
    }

    private static void flush(SocketChannel ch, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            ch.write(out);
        }
        out.clear();
    }

    private byte[] key(int k) {
        byte[] key = new byte[keyBytes];
        Arrays.fill(key, (byte) '0');
        byte[] prefix = "key:".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, key, 0, Math.min(prefix.length, keyBytes));
        byte[] digits = Integer.toString(k).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, key, keyBytes - digits.length, digits.length);
        return key;
    }

    private byte[] value() {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
        return value;
    }

    private byte[] getRequest(int k) {
        return concat("get ".getBytes(StandardCharsets.US_ASCII), key(k), "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] setRequest(int k, byte[] value) {
        return concat("set ".getBytes(StandardCharsets.US_ASCII), key(k),
                (" 0 0 " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII), value,
                "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Reads and checks replies from one connection's buffered input. */
    private static final class Reader {
        private static final byte[] STORED = "STORED\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "END\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VALUE = "VALUE ".getBytes(StandardCharsets.US_ASCII);

        private final SocketChannel ch;
        private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);

        Reader(SocketChannel ch) {
            this.ch = ch;
            in.flip();
        }

        void expectStored() throws IOException {
            expect(STORED);
        }

        /** A get's reply: true for a value of {@code length} bytes, false for a miss. */
        boolean expectValueOrEnd(int length) throws IOException {
            fill(END.length);
            if (startsWith(END)) {
                in.position(in.position() + END.length);
                return false;
            }
            int lineEnd = lineEnd();
            if (!startsWith(VALUE)) {
                throw new IOException("unexpected reply to get: " + text(in.position(), lineEnd));
            }
            int space = lineEnd - 2;
            while (in.get(space - 1) != ' ') {
                space--;
            }
            int got = Integer.parseInt(text(space, lineEnd - 2));
            if (got != length) {
                throw new IOException("value of " + got + " bytes, expected " + length);
            }
            in.position(lineEnd);
            fill(length + 2);
            if (in.get(in.position() + length) != '\r' || in.get(in.position() + length + 1) != '\n') {
                throw new IOException("value not followed by CRLF");
            }
            in.position(in.position() + length + 2);
            expect(END);
            return true;
        }

        private void expect(byte[] reply) throws IOException {
            fill(reply.length);
            if (!startsWith(reply)) {
                throw new IOException("expected " + new String(reply, StandardCharsets.US_ASCII).trim() + ", got "
                        + text(in.position(), lineEnd()));
            }
            in.position(in.position() + reply.length);
        }

        private boolean startsWith(byte[] prefix) {
            if (in.remaining() < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (in.get(in.position() + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The index just past the next line's {@code \n}, reading more input as needed. */
        private int lineEnd() throws IOException {
            int from = in.position();
            while (true) {
                for (int i = from; i < in.limit(); i++) {
                    if (in.get(i) == '\n') {
                        return i + 1;
                    }
                }
                from = in.limit() - in.position();
                read();
                from = in.position() + from;
            }
        }

        private void fill(int bytes) throws IOException {
            while (in.remaining() < bytes) {
                read();
            }
        }

        private void read() throws IOException {
            in.compact();
            if (!in.hasRemaining()) {
                throw new IOException("reply larger than the read buffer");
            }
            if (ch.read(in) < 0) {
                throw new IOException("connection closed by the server");
            }
            in.flip();
        }

        private String text(int from, int to) {
            byte[] b = new byte[Math.max(0, Math.min(to, in.limit()) - from)];
            for (int i = 0; i < b.length; i++) {
                b[i] = in.get(from + i);
            }
            return new String(b, StandardCharsets.ISO_8859_1).trim();
        }
    }
}
