package net.spy.memcached;

import dev.ketch.client.CasResult;
import dev.ketch.client.GetResult;
import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheStatus;
import dev.ketch.client.MemcacheTimeoutException;
import dev.ketch.client.ServerCommands;
import dev.ketch.client.StoreCommand;
import dev.ketch.client.StoreReply;
import dev.ketch.client.transcode.CachedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;

/**
 * Sends an application's spymemcached {@link Operation} (from an {@link OperationFactory}, or its
 * own) through Ketch: the request the operation writes is read back as memcached's text or binary
 * command, carried out with the Ketch client, and the reply memcached would send is handed to the
 * operation to read, so the operation reports exactly what it would report on spymemcached. A
 * command the bridge does not know is answered as memcached answers an unknown command ({@code
 * ERROR}, status 0x81).
 */
final class OperationBridge {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int BINARY_HEADER = 24;

    private final MemcacheClient<CachedData> ketch;
    private final ServerRegistry registry;
    private final FailureMode failureMode;

    OperationBridge(MemcacheClient<CachedData> ketch, ServerRegistry registry, FailureMode failureMode) {
        this.ketch = ketch;
        this.registry = registry;
        this.failureMode = failureMode;
    }

    /** Sends {@code op} (to {@code node} for commands on one server) and feeds it the reply when it comes. */
    void send(Operation op, MemcachedNode node) {
        if (op.isCancelled()) {
            return;
        }
        if (op.getHandlingNode() == null) {
            op.setHandlingNode(node);
        }
        op.initialize();
        ByteBuffer buffer = op.getBuffer().duplicate();
        byte[] request = new byte[buffer.remaining()];
        buffer.get(request);
        op.writing();
        op.writeComplete();
        ServerCommands server = ketch.onServer(registry.serverOf(node.getSocketAddress()));
        CompletableFuture<byte[]> reply;
        try {
            reply = request.length > 0 && (request[0] & 0xff) == 0x80 ? binary(request, server) : text(request, server);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((bytes, failure) -> {
            if (failure != null) {
                fail(op, failure);
            } else {
                feed(op, bytes);
            }
        });
    }

    private static void feed(Operation op, byte[] reply) {
        ByteBuffer in = ByteBuffer.wrap(reply);
        synchronized (op) {
            try {
                while (in.hasRemaining() && op.getState() != OperationState.COMPLETE && !op.isCancelled()
                        && !op.isTimedOut()) {
                    op.readFromBuffer(in);
                }
            } catch (IOException e) {
                // the operation recorded the error reply it read, as spymemcached's reader would find it
            }
        }
    }

    /** A failure to get an answer: the operation is cancelled (FailureMode.Cancel) or times out. */
    private void fail(Operation op, Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (op.isCancelled() || op.isTimedOut()) {
            return;
        }
        if (failureMode == FailureMode.Cancel && !(t instanceof MemcacheTimeoutException)) {
            op.cancel();
        } else {
            op.timeOut();
        }
    }

    // ---------------------------------------------------------------- text protocol

    private CompletableFuture<byte[]> text(byte[] request, ServerCommands server) {
        int eol = indexOf(request, (byte) '\n', 0);
        String line = new String(request, 0, eol < 0 ? request.length : eol, StandardCharsets.UTF_8).trim();
        String[] w = line.split(" +");
        switch (w[0]) {
            case "get":
            case "gets": {
                boolean cas = w[0].equals("gets");
                return ketch.getsMulti(Arrays.asList(w).subList(1, w.length)).thenApply(found -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (int i = 1; i < w.length; i++) {
                        GetResult<CachedData> r = found.get(w[i]);
                        if (r != null) {
                            CachedData d = r.value();
                            line(out, "VALUE " + w[i] + " " + Integer.toUnsignedString(d.flags()) + " " + d.data().length
                                    + (cas ? " " + r.cas() : ""));
                            out.writeBytes(d.data());
                            out.writeBytes(CRLF);
                        }
                    }
                    line(out, "END");
                    return out.toByteArray();
                });
            }
            case "set":
            case "add":
            case "replace":
            case "append":
            case "prepend":
            case "cas": {
                int flags = Integer.parseUnsignedInt(w[2]);
                int exp = Integer.parseInt(w[3]);
                int length = Integer.parseInt(w[4]);
                byte[] data = Arrays.copyOfRange(request, eol + 1, eol + 1 + length);
                long cas = w[0].equals("cas") ? Long.parseUnsignedLong(w[5]) : 0;
                StoreCommand command = w[0].equals("cas") ? StoreCommand.SET : StoreCommand.valueOf(w[0].toUpperCase(java.util.Locale.ROOT));
                return textReply(ketch.store(command, w[1], exp, new CachedData(flags, data), cas), r -> {
                    if (r.stored()) {
                        return "STORED";
                    }
                    if (w[0].equals("cas")) {
                        return r.status() == MemcacheStatus.KEY_EXISTS ? "EXISTS" : "NOT_FOUND";
                    }
                    return "NOT_STORED";
                });
            }
            case "delete":
                return textReply(ketch.delete(w[1]), found -> found ? "DELETED" : "NOT_FOUND");
            case "incr":
            case "decr": {
                long delta = Long.parseUnsignedLong(w[2]);
                return textReply(w[0].equals("incr") ? ketch.incr(w[1], delta) : ketch.decr(w[1], delta),
                        v -> v == null ? "NOT_FOUND" : Long.toUnsignedString(v));
            }
            case "touch":
                return textReply(ketch.touch(w[1], Integer.parseInt(w[2])), found -> found ? "TOUCHED" : "NOT_FOUND");
            case "flush_all":
                return textReply(server.flushAll(w.length > 1 ? Integer.parseInt(w[1]) : 0), done -> "OK");
            case "version":
                return textReply(server.version(), v -> "VERSION " + v);
            case "stats":
                return server.stats(w.length > 1 ? w[1] : null).thenApply(stats -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    stats.forEach((k, v) -> line(out, "STAT " + k + " " + v));
                    line(out, "END");
                    return out.toByteArray();
                });
            default:
                return CompletableFuture.completedFuture(bytes("ERROR"));
        }
    }

    private static <R> CompletableFuture<byte[]> textReply(CompletableFuture<R> result, Function<R, String> reply) {
        return result.handle((r, failure) -> {
            if (failure == null) {
                return bytes(reply.apply(r));
            }
            Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (t instanceof MemcacheServerException) {
                MemcacheServerException e = (MemcacheServerException) t;
                switch (e.status()) {
                    case UNKNOWN_COMMAND:
                        return bytes("ERROR");
                    case INVALID_ARGUMENTS:
                    case NON_NUMERIC_VALUE:
                        return bytes("CLIENT_ERROR " + e.serverMessage());
                    default:
                        return bytes("SERVER_ERROR " + e.serverMessage());
                }
            }
            throw new CompletionException(t);
        });
    }

    private static byte[] bytes(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void line(ByteArrayOutputStream out, String line) {
        out.writeBytes(bytes(line));
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- binary protocol

    /** The replies to every request packet, in order: quiet requests answer only on failure. */
    private CompletableFuture<byte[]> binary(byte[] request, ServerCommands server) {
        ByteBuffer in = ByteBuffer.wrap(request);
        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        while (in.remaining() >= BINARY_HEADER) {
            int start = in.position();
            int opcode = in.get(start + 1) & 0xff;
            int keyLength = in.getShort(start + 2) & 0xffff;
            int extrasLength = in.get(start + 4) & 0xff;
            int bodyLength = in.getInt(start + 8);
            int opaque = in.getInt(start + 12);
            long cas = in.getLong(start + 16);
            ByteBuffer extras = ByteBuffer.wrap(request, start + BINARY_HEADER, extrasLength).slice();
            String key = new String(request, start + BINARY_HEADER + extrasLength, keyLength, StandardCharsets.UTF_8);
            int valueStart = start + BINARY_HEADER + extrasLength + keyLength;
            byte[] value = Arrays.copyOfRange(request, valueStart, start + BINARY_HEADER + bodyLength);
            in.position(start + BINARY_HEADER + bodyLength);
            replies.add(packet(opcode, opaque, cas, extras, key, value, server));
        }
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (CompletableFuture<byte[]> reply : replies) {
                out.writeBytes(reply.join());
            }
            return out.toByteArray();
        });
    }

    private CompletableFuture<byte[]> packet(int opcode, int opaque, long cas, ByteBuffer extras, String key, byte[] value,
            ServerCommands server) {
        switch (opcode) {
            case 0x00: // get
            case 0x09: // getq
            case 0x0c: // getk
            case 0x0d: // getkq
                return binaryReply(ketch.gets(key), opcode, opaque, r -> r == null
                        ? (quiet(opcode) ? null : response(opcode, MemcacheStatus.KEY_NOT_FOUND.binaryCode(), opaque, 0,
                                new byte[0], new byte[0], bytes("Not found", false)))
                        : response(opcode, 0, opaque, r.cas(), ByteBuffer.allocate(4).putInt(r.value().flags()).array(),
                                opcode == 0x0c || opcode == 0x0d ? key.getBytes(StandardCharsets.UTF_8) : new byte[0],
                                r.value().data()));
            case 0x1d: { // gat
                int exp = BinaryExpiry.of(extras.getInt(0));
                return binaryReply(ketch.getsAndTouch(key, exp), opcode, opaque, r -> r == null
                        ? response(opcode, MemcacheStatus.KEY_NOT_FOUND.binaryCode(), opaque, 0, new byte[0], new byte[0],
                                bytes("Not found", false))
                        : response(opcode, 0, opaque, r.cas(), ByteBuffer.allocate(4).putInt(r.value().flags()).array(),
                                new byte[0], r.value().data()));
            }
            case 0x01: case 0x02: case 0x03: // set add replace
            case 0x11: case 0x12: case 0x13: { // quiet
                StoreCommand command = (opcode & 0x0f) == 1 ? StoreCommand.SET : (opcode & 0x0f) == 2 ? StoreCommand.ADD
                        : StoreCommand.REPLACE;
                CachedData data = new CachedData(extras.getInt(0), value);
                return stored(ketch.store(command, key, BinaryExpiry.of(extras.getInt(4)), data, cas), opcode, opaque);
            }
            case 0x0e: case 0x0f: case 0x19: case 0x1a: { // append prepend (and quiet)
                StoreCommand command = opcode == 0x0e || opcode == 0x19 ? StoreCommand.APPEND : StoreCommand.PREPEND;
                return stored(ketch.store(command, key, 0, new CachedData(0, value), cas), opcode, opaque);
            }
            case 0x04: // delete
            case 0x14:
                if (cas != 0) {
                    return binaryReply(ketch.delete(key, cas), opcode, opaque, r -> r == CasResult.OK
                            ? response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0])
                            : r == CasResult.EXISTS ? error(opcode, MemcacheStatus.KEY_EXISTS, opaque, "Data exists for key.")
                            : error(opcode, MemcacheStatus.KEY_NOT_FOUND, opaque, "Not found"));
                }
                return binaryReply(ketch.delete(key), opcode, opaque, found -> found
                        ? (quiet(opcode) ? null : response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0]))
                        : error(opcode, MemcacheStatus.KEY_NOT_FOUND, opaque, "Not found"));
            case 0x05: case 0x06: case 0x15: case 0x16: { // incr decr
                boolean incr = opcode == 0x05 || opcode == 0x15;
                long delta = extras.getLong(0);
                long initial = extras.getLong(8);
                int exp = extras.getInt(16);
                CompletableFuture<Long> result = exp == -1
                        ? (incr ? ketch.incr(key, delta) : ketch.decr(key, delta))
                        : (incr ? ketch.incr(key, delta, initial, BinaryExpiry.of(exp))
                                : ketch.decr(key, delta, initial, BinaryExpiry.of(exp)));
                return binaryReply(result, opcode, opaque, v -> v == null
                        ? error(opcode, MemcacheStatus.KEY_NOT_FOUND, opaque, "Not found")
                        : quiet(opcode) ? null : response(opcode, 0, opaque, 0, new byte[0], new byte[0],
                                ByteBuffer.allocate(8).putLong(v).array()));
            }
            case 0x1c: // touch
                return binaryReply(ketch.touch(key, BinaryExpiry.of(extras.getInt(0))), opcode, opaque, found -> found
                        ? response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0])
                        : error(opcode, MemcacheStatus.KEY_NOT_FOUND, opaque, "Not found"));
            case 0x08: // flush
            case 0x18:
                return binaryReply(server.flushAll(extras.remaining() >= 4 ? extras.getInt(0) : 0), opcode, opaque,
                        done -> quiet(opcode) ? null : response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0]));
            case 0x0a: // noop
                return binaryReply(server.noop(), opcode, opaque,
                        done -> response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0]));
            case 0x0b: // version
                return binaryReply(server.version(), opcode, opaque,
                        v -> response(opcode, 0, opaque, 0, new byte[0], new byte[0], bytes(v, false)));
            case 0x10: // stat
                return binaryReply(server.stats(key.isEmpty() ? null : key), opcode, opaque, stats -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    for (Map.Entry<String, String> e : stats.entrySet()) {
                        out.writeBytes(response(opcode, 0, opaque, 0, new byte[0], bytes(e.getKey(), false),
                                bytes(e.getValue(), false)));
                    }
                    out.writeBytes(response(opcode, 0, opaque, 0, new byte[0], new byte[0], new byte[0]));
                    return out.toByteArray();
                });
            default:
                return CompletableFuture.completedFuture(error(opcode, MemcacheStatus.UNKNOWN_COMMAND, opaque, "Unknown command"));
        }
    }

    private static boolean quiet(int opcode) {
        return opcode == 0x09 || opcode == 0x0d || (opcode >= 0x11 && opcode <= 0x1a);
    }

    private CompletableFuture<byte[]> stored(CompletableFuture<StoreReply> reply, int opcode, int opaque) {
        return binaryReply(reply, opcode, opaque, r -> {
            if (r.stored()) {
                return quiet(opcode) ? null : response(opcode, 0, opaque, r.cas(), new byte[0], new byte[0], new byte[0]);
            }
            switch (r.status()) {
                case KEY_EXISTS:
                    return error(opcode, MemcacheStatus.KEY_EXISTS, opaque, "Data exists for key.");
                case KEY_NOT_FOUND:
                    return error(opcode, MemcacheStatus.KEY_NOT_FOUND, opaque, "Not found");
                default:
                    return error(opcode, MemcacheStatus.ITEM_NOT_STORED, opaque, "Not stored.");
            }
        });
    }

    private static <R> CompletableFuture<byte[]> binaryReply(CompletableFuture<R> result, int opcode, int opaque,
            Function<R, byte[]> reply) {
        return result.handle((r, failure) -> {
            if (failure == null) {
                byte[] packet = reply.apply(r);
                return packet == null ? new byte[0] : packet;
            }
            Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (t instanceof MemcacheServerException) {
                MemcacheServerException e = (MemcacheServerException) t;
                return error(opcode, e.status(), opaque, e.serverMessage());
            }
            throw new CompletionException(t);
        });
    }

    private static byte[] error(int opcode, MemcacheStatus status, int opaque, String message) {
        return response(opcode, status.binaryCode(), opaque, 0, new byte[0], new byte[0], bytes(message, false));
    }

    private static byte[] bytes(String text, boolean crlf) {
        return (crlf ? text + "\r\n" : text).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] response(int opcode, int status, int opaque, long cas, byte[] extras, byte[] key, byte[] value) {
        ByteBuffer out = ByteBuffer.allocate(BINARY_HEADER + extras.length + key.length + value.length);
        out.put((byte) 0x81);
        out.put((byte) opcode);
        out.putShort((short) key.length);
        out.put((byte) extras.length);
        out.put((byte) 0);
        out.putShort((short) status);
        out.putInt(extras.length + key.length + value.length);
        out.putInt(opaque);
        out.putLong(cas);
        out.put(extras);
        out.put(key);
        out.put(value);
        return out.array();
    }
}
