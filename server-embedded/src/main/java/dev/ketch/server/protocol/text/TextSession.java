package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.ArithmeticResult;
import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.protocol.ConnectionMemory;
import dev.ketch.server.protocol.LendableConnection;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.transport.Connection;
import io.netty.buffer.ByteBufAllocator;

/**
 * Per-connection state the command handlers share: the tokenized line, number parser, reply
 * buffer and the store whose data block is being read. Used only on the connection's event loop.
 */
final class TextSession {

    final ServerContext server;
    final Tokens tokens = new Tokens();
    final AsciiNumbers numbers = new AsciiNumbers();
    final Replies replies;
    final ArithmeticResult arithmetic = new ArithmeticResult();
    private PendingItem pending;
    private long pendingCas;
    /** Who completes the pending store; null for the classic storage commands. */
    private DataBlockCompletion completion;
    /** Whether any command ran since replies were last transmitted (memcached's {@code resp_has_stack}). */
    private boolean stacked;

    /** The connection, for the commands that lend it to another thread; null on UDP. */
    final LendableConnection connection;
    /** The connection table's entry. */
    final Connection client;

    TextSession(ServerContext server, ByteBufAllocator alloc, Connection client, LendableConnection connection,
            ConnectionMemory memory) {
        this.server = server;
        this.replies = new Replies(alloc, client.id(), memory, server.verbose());
        this.connection = connection;
        this.client = client;
    }

    /**
     * memcached's {@code set_noreply_maybe}: the last real token being {@code noreply} turns
     * replies off for this command.
     */
    boolean noreplyMaybe() {
        int i = tokens.count() - 2;
        if (i >= 0 && tokens.is(i, "noreply")) {
            replies.noreply(true);
        }
        return replies.noreply();
    }

    void expectValue(PendingItem item, long cas) {
        this.pending = item;
        this.pendingCas = cas;
        this.completion = null;
    }

    /** Like {@link #expectValue(PendingItem, long)}, completed by {@code completion} instead. */
    void expectValue(PendingItem item, DataBlockCompletion completion) {
        this.pending = item;
        this.pendingCas = 0;
        this.completion = completion;
    }

    /** Who completes the pending store; null for the classic storage commands. */
    DataBlockCompletion completion() {
        return completion;
    }

    PendingItem pending() {
        return pending;
    }

    long pendingCas() {
        return pendingCas;
    }

    /** Forgets the pending store after it was stored or released. */
    void clearPending() {
        pending = null;
        pendingCas = 0;
        completion = null;
    }

    boolean stacked() {
        return stacked;
    }

    void stacked(boolean stacked) {
        this.stacked = stacked;
    }
}
