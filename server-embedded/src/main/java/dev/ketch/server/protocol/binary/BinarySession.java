package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.ArithmeticResult;
import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.protocol.ConnectionMemory;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.sasl.SaslConversation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Per-connection state the binary command handlers share: the current request (header, extras,
 * key), the response buffer, the value or SASL data being read, the bytes to swallow and the
 * connection's authentication. Used only on the connection's event loop.
 */
final class BinarySession {

    /** memcached copies at most this many extras bytes ({@code BIN_MAX_EXTLEN}). */
    static final int MAX_EXTRAS = 20;

    final ServerContext server;
    final BinaryReplies replies;
    final RequestHeader header = new RequestHeader();
    final ArithmeticResult arithmetic = new ArithmeticResult();
    /** This connection's SASL state; null when the server runs without {@code -S}. */
    final SaslConversation sasl;
    private final byte[] extras = new byte[MAX_EXTRAS];
    private byte[] key = new byte[0];
    /** The loud opcode of the command and whether the request was its quiet variant. */
    int command;
    boolean quiet;

    private PendingItem pending;
    private long pendingCas;
    private long swallow;
    private byte[] saslData;
    private int saslFilled;

    /** Writes a {@code -vv} line when the verbosity asks for it. */
    void trace(String text) {
        if (server.verbose().at(Verbose.COMMANDS)) {
            server.verbose().line(text);
        }
    }

    /** The request's key as memcached prints it (its raw bytes). */
    String keyText() {
        return new String(key(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The connection's id, as {@code -vv} lines name it. */
    final int connectionId;

    BinarySession(ServerContext server, ByteBufAllocator alloc, int connectionId, ConnectionMemory memory) {
        this.connectionId = connectionId;
        this.server = server;
        this.replies = new BinaryReplies(alloc, connectionId, memory, server.verbose());
        this.sasl = server.sasl() == null ? null : server.sasl().newConversation();
    }

    /** Takes the extras and key of the request whose header was just read, consuming them. */
    void readBody(ByteBuf in) {
        int extrasLength = header.extrasLength();
        int copied = Math.min(extrasLength, MAX_EXTRAS);
        in.readBytes(extras, 0, copied);
        java.util.Arrays.fill(extras, copied, MAX_EXTRAS, (byte) 0);
        in.skipBytes(extrasLength - copied);
        key = new byte[header.keyLength()];
        in.readBytes(key);
    }

    byte[] key() {
        return key;
    }

    int extrasInt(int offset) {
        return ((extras[offset] & 0xff) << 24) | ((extras[offset + 1] & 0xff) << 16)
                | ((extras[offset + 2] & 0xff) << 8) | (extras[offset + 3] & 0xff);
    }

    /** An unsigned 32-bit extras field, such as an expiration time. */
    long extrasUnsignedInt(int offset) {
        return Integer.toUnsignedLong(extrasInt(offset));
    }

    long extrasLong(int offset) {
        return ((long) extrasInt(offset) << 32) | extrasUnsignedInt(offset + 4);
    }

    // ------------------------------------------------------------------ the phase after a command

    void expectValue(PendingItem item, long cas) {
        this.pending = item;
        this.pendingCas = cas;
    }

    PendingItem pending() {
        return pending;
    }

    long pendingCas() {
        return pendingCas;
    }

    void clearPending() {
        pending = null;
        pendingCas = 0;
    }

    /** Sets the bytes to discard; returns {@link Next#SWALLOW}, or {@link Next#TRANSMIT} for none. */
    Next swallow(long bytes) {
        this.swallow = bytes;
        return bytes > 0 ? Next.SWALLOW : Next.TRANSMIT;
    }

    long swallowRemaining() {
        return swallow;
    }

    /** Discards up to the remaining swallow count from {@code in}; true when done. */
    boolean swallowFrom(ByteBuf in) {
        int n = (int) Math.min(swallow, in.readableBytes());
        in.skipBytes(n);
        swallow -= n;
        return swallow == 0;
    }

    void expectSaslData(int length) {
        saslData = new byte[length];
        saslFilled = 0;
    }

    /** Copies SASL data from {@code in}; true once all of it arrived. */
    boolean readSaslData(ByteBuf in) {
        int n = Math.min(saslData.length - saslFilled, in.readableBytes());
        in.readBytes(saslData, saslFilled, n);
        saslFilled += n;
        return saslFilled == saslData.length;
    }

    byte[] takeSaslData() {
        byte[] data = saslData;
        saslData = null;
        return data;
    }
}
