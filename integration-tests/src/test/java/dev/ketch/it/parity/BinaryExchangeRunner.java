package dev.ketch.it.parity;

import dev.ketch.it.support.ConnectionClosedException;
import dev.ketch.it.support.ReplyTimeoutException;
import dev.ketch.it.support.TextConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs one {@link BinaryExchange} against one server on a fresh connection and records a
 * {@link Transcript}: each reply decoded and rendered field by field (magic, opcode, status,
 * opaque, CAS as a label, data type, extras, key, value). Never hangs: reads time out, and after
 * a timeout, a close or a reply that is not a binary packet the remaining reads are skipped.
 *
 * <p>Normalizations: non-zero CAS values become {@code <casN>} labels in order of first
 * appearance (so equal and different values stay recognizable); a VERSION value is compared by
 * its {@code 1.6} prefix; a STAT reply by the set of its keys with digit runs replaced by N.
 */
public final class BinaryExchangeRunner {

    /** How long a reply that is not a binary packet may take to arrive completely. */
    private static final Duration UNEXPECTED_REPLY_QUIET = Duration.ofMillis(200);
    private static final int PROBE_OPAQUE = 0x0badcafe;
    private static final int MAX_BODY = 64 << 20;

    private final Duration replyTimeout;

    public BinaryExchangeRunner(Duration replyTimeout) {
        this.replyTimeout = replyTimeout;
    }

    private enum ConnectionState { OPEN, CLOSED, TIMED_OUT, NOT_BINARY }

    /** Per-run state: the CAS labels, the last CAS seen, the automatic opaque, the connection. */
    private static final class Row {
        final String keyPrefix;
        final Map<Long, String> casLabels = new HashMap<>();
        long lastCas;
        int nextOpaque = 1;
        ConnectionState state = ConnectionState.OPEN;

        Row(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        String casLabel(long cas) {
            if (cas == 0) {
                return "0";
            }
            lastCas = cas;
            return casLabels.computeIfAbsent(cas, c -> "<cas" + (casLabels.size() + 1) + ">");
        }
    }

    /** A reply whose first byte is not the response magic: what arrived, rendered. */
    private static final class NotBinaryException extends IOException {
        private static final long serialVersionUID = 1L;

        NotBinaryException(String rendered) {
            super(rendered);
        }
    }

    /** Runs {@code exchange} against 127.0.0.1:{@code port}; keys are prefixed with {@code keyPrefix}. */
    public Transcript run(BinaryExchange exchange, int port, String keyPrefix) {
        Transcript transcript = new Transcript();
        Row row = new Row(keyPrefix);
        try (TextConnection connection = TextConnection.open(port, replyTimeout)) {
            for (BinaryStep step : exchange.steps()) {
                if (step instanceof BinaryStep.Send send) {
                    send(connection, send, row, transcript);
                } else if (step instanceof BinaryStep.SendRaw raw) {
                    transcript.request("raw " + Rendering.text(raw.latin1()));
                    write(connection, raw.latin1().getBytes(StandardCharsets.ISO_8859_1), Integer.MAX_VALUE,
                            Duration.ZERO, row, transcript);
                } else if (step instanceof BinaryStep.Read read) {
                    read(connection, read, row, transcript);
                } else if (step instanceof BinaryStep.Pause pause) {
                    transcript.note("(pause " + pause.duration().toMillis() + " ms)");
                    if (row.state == ConnectionState.OPEN) {
                        sleep(pause.duration());
                    }
                }
            }
            transcript.outcome(finalState(connection, row));
        } catch (IOException e) {
            transcript.outcome("cannot connect to 127.0.0.1:" + port + ": " + e.getMessage());
        }
        return transcript;
    }

    private void send(TextConnection connection, BinaryStep.Send send, Row row, Transcript transcript) {
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        for (BinaryRequest request : send.requests()) {
            transcript.request(request.toString());
            int opaque = request.autoOpaque() ? row.nextOpaque++ : 0;
            packets.writeBytes(request.encode(row.keyPrefix, row.lastCas, opaque));
        }
        if (send.pieceSize() != Integer.MAX_VALUE) {
            transcript.note("(written in pieces of " + send.pieceSize() + " bytes)");
        }
        write(connection, packets.toByteArray(), send.pieceSize(), send.pauseBetweenPieces(), row, transcript);
    }

    private void write(TextConnection connection, byte[] bytes, int pieceSize, Duration pause, Row row,
                       Transcript transcript) {
        if (row.state != ConnectionState.OPEN) {
            return;
        }
        try {
            for (int from = 0; from < bytes.length; from += pieceSize) {
                if (from > 0) {
                    sleep(pause);
                }
                int to = (int) Math.min(bytes.length, (long) from + pieceSize);
                connection.send(Arrays.copyOfRange(bytes, from, to));
            }
        } catch (ConnectionClosedException e) {
            row.state = ConnectionState.CLOSED;
        } catch (IOException e) {
            row.state = ConnectionState.TIMED_OUT;
            transcript.note("<write failed: " + e.getMessage() + ">");
        }
    }

    private void read(TextConnection connection, BinaryStep.Read read, Row row, Transcript transcript) {
        String skipped = switch (row.state) {
            case CLOSED -> "<connection closed>";
            case TIMED_OUT -> "<skipped: an earlier step timed out>";
            case NOT_BINARY -> "<skipped: an earlier reply was not a binary packet>";
            case OPEN -> null;
        };
        if (skipped != null) {
            transcript.reply(skipped);
            expectNoneMissing(read, skipped, transcript);
            return;
        }
        try {
            switch (read.kind()) {
                case REPLY -> {
                    BinaryReply reply = readPacket(connection);
                    String rendered = render(reply, row);
                    transcript.reply(rendered);
                    if (read.expected() != null) {
                        List<String> mismatches = read.expected().mismatches(reply, row.keyPrefix);
                        if (!mismatches.isEmpty()) {
                            transcript.expectationFailed(String.join(", ", mismatches), rendered);
                        }
                    }
                }
                case STATS -> readStats(connection, row, transcript);
                case CLOSE -> {
                    byte[] rest = connection.readUntilClosed();
                    row.state = ConnectionState.CLOSED;
                    transcript.reply((rest.length == 0 ? "" : "bytes " + Rendering.bytes(rest) + " ")
                            + "<connection closed>");
                }
            }
        } catch (ConnectionClosedException e) {
            row.state = ConnectionState.CLOSED;
            failedRead(read, partial(e.partial()) + "<connection closed>", transcript);
        } catch (ReplyTimeoutException e) {
            row.state = ConnectionState.TIMED_OUT;
            failedRead(read, partial(e.partial()) + "<" + e.getMessage() + ">", transcript);
        } catch (NotBinaryException e) {
            row.state = ConnectionState.NOT_BINARY;
            failedRead(read, e.getMessage(), transcript);
        } catch (IOException e) {
            row.state = ConnectionState.TIMED_OUT;
            failedRead(read, "<read failed: " + e + ">", transcript);
        }
    }

    private static void failedRead(BinaryStep.Read read, String rendered, Transcript transcript) {
        transcript.reply(rendered);
        expectNoneMissing(read, rendered, transcript);
    }

    /** A documented reply that never came is an expectation failure too (not silently skipped). */
    private static void expectNoneMissing(BinaryStep.Read read, String instead, Transcript transcript) {
        if (read.expected() != null) {
            transcript.expectationFailed(read.expected().toString(), instead);
        }
    }

    private BinaryReply readPacket(TextConnection connection) throws IOException {
        byte[] first = connection.readBytes(1);
        if ((first[0] & 0xff) != BinaryCodes.RESPONSE_MAGIC) {
            byte[] rest = connection.readAvailable(UNEXPECTED_REPLY_QUIET);
            byte[] all = new byte[1 + rest.length];
            all[0] = first[0];
            System.arraycopy(rest, 0, all, 1, rest.length);
            throw new NotBinaryException("<not a binary response: " + Rendering.bytes(all) + ">");
        }
        byte[] header = new byte[BinaryCodes.HEADER_LENGTH];
        header[0] = first[0];
        System.arraycopy(connection.readBytes(BinaryCodes.HEADER_LENGTH - 1), 0, header, 1,
                BinaryCodes.HEADER_LENGTH - 1);
        int bodyLength = BinaryReply.bodyLength(header);
        if (bodyLength < 0 || bodyLength > MAX_BODY) {
            throw new NotBinaryException("<response header announces a body of " + Integer.toUnsignedString(bodyLength)
                    + " bytes: " + HexFormat.of().formatHex(header) + ">");
        }
        return BinaryReply.decode(header, connection.readBytes(bodyLength));
    }

    /**
     * STAT packets up to the terminator (empty key and value). Packets that all look alike (STAT,
     * NO_ERROR, same opaque, no extras, CAS 0) are summarized by their key shapes; anything else,
     * including an error reply, is rendered in full.
     */
    private void readStats(TextConnection connection, Row row, Transcript transcript) throws IOException {
        TreeSet<String> keyShapes = new TreeSet<>();
        Integer opaque = null;
        while (true) {
            BinaryReply reply = readPacket(connection);
            boolean statPacket = reply.magic() == BinaryCodes.RESPONSE_MAGIC && reply.opcode() == BinaryCodes.STAT
                    && reply.status() == BinaryCodes.NO_ERROR && reply.extras().length == 0 && reply.cas() == 0
                    && reply.dataType() == 0 && (opaque == null || opaque == reply.opaque());
            if (statPacket && reply.key().length > 0) {
                opaque = reply.opaque();
                String key = new String(reply.key(), StandardCharsets.ISO_8859_1);
                if (!BuildSpecificStats.isBuildSpecific(key)) {
                    keyShapes.add(key.replaceAll("[0-9]+", "N"));
                }
                continue;
            }
            if (!keyShapes.isEmpty()) {
                transcript.reply(String.format("STAT packets, opaque=0x%08x, keys (digits as N): %s", opaque,
                        String.join(" ", keyShapes)));
            }
            transcript.reply(render(reply, row));
            if (!statPacket || reply.value().length == 0) {
                return;
            }
        }
    }

    private static String render(BinaryReply reply, Row row) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("0x%02x %s %s opaque=0x%08x cas=%s", reply.magic(),
                BinaryCodes.opcodeName(reply.opcode()), BinaryCodes.statusName(reply.status()), reply.opaque(),
                row.casLabel(reply.cas())));
        if (reply.dataType() != 0) {
            out.append(String.format(" datatype=0x%02x", reply.dataType()));
        }
        out.append(" extras=[").append(HexFormat.of().formatHex(reply.extras())).append(']');
        out.append(" key=").append(Rendering.bytes(reply.key()));
        out.append(" value=").append(renderValue(reply));
        return out.toString();
    }

    private static String renderValue(BinaryReply reply) {
        byte[] value = reply.value();
        boolean counter = (reply.opcode() == BinaryCodes.INCREMENT || reply.opcode() == BinaryCodes.DECREMENT)
                && reply.status() == BinaryCodes.NO_ERROR && value.length == 8;
        if (counter) {
            return "counter " + Long.toUnsignedString(ByteBuffer.wrap(value).getLong());
        }
        String text = new String(value, StandardCharsets.ISO_8859_1);
        if (reply.opcode() == BinaryCodes.VERSION && reply.status() == BinaryCodes.NO_ERROR && text.startsWith("1.6")) {
            return "1.6<rest not compared>";
        }
        return Rendering.bytes(value);
    }

    private static String partial(byte[] bytes) {
        return bytes.length == 0 ? "" : "partial " + Rendering.bytes(bytes) + " ";
    }

    private String finalState(TextConnection connection, Row row) {
        switch (row.state) {
            case CLOSED:
                return "connection closed by server";
            case TIMED_OUT:
                return "connection state unknown: a step timed out";
            case NOT_BINARY:
                return "connection state unknown: a reply was not a binary packet";
            default:
                break;
        }
        try {
            connection.send(BinaryRequest.request(BinaryCodes.NOOP).opaque(PROBE_OPAQUE).encode(row.keyPrefix, 0, 0));
            BinaryReply reply = readPacket(connection);
            boolean answered = reply.opcode() == BinaryCodes.NOOP && reply.opaque() == PROBE_OPAQUE
                    && reply.status() == BinaryCodes.NO_ERROR;
            return answered ? "connection still usable (probe NOOP answered)"
                    : "connection still usable, but probe NOOP got: " + render(reply, row);
        } catch (ConnectionClosedException e) {
            return "connection closed by server";
        } catch (IOException e) {
            return "connection open but the probe NOOP got no binary reply (" + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
