package dev.ketch.server.protocol.text;

import dev.ketch.server.ClusterConfig;
import dev.ketch.server.engine.PendingItem;

/**
 * The configuration endpoint of ElastiCache's auto-discovery, a Ketch extension served only when
 * {@link dev.ketch.server.config.ServerSettings#clusterConfigCommand} is on:
 * <ul>
 *   <li>{@code config get cluster}: {@code CONFIG cluster <flags> <bytes>\r\n<data>\r\nEND\r\n},
 *       or {@code END\r\n} while no configuration was set;</li>
 *   <li>{@code config set cluster <flags> <bytes> [noreply]\r\n<data>\r\n}: {@code STORED};</li>
 *   <li>{@code config delete cluster}: {@code DELETED}, or {@code NOT_FOUND}.</li>
 * </ul>
 * Any other {@code config} line is an unknown command ({@code ERROR}). The value is kept outside
 * the cache, in the server's {@link ClusterConfig}.
 */
final class ConfigCommands implements DataBlockCompletion {

    private static final String TYPE = "cluster";
    private static final int MAX_VALUE = 1024 * 1024;

    private final TextSession session;
    private final ClusterConfig config;
    private int pendingFlags;

    ConfigCommands(TextSession session) {
        this.session = session;
        this.config = session.server.clusterConfig();
    }

    CommandResult run(int ntokens) {
        Tokens t = session.tokens;
        if (ntokens < 4 || !t.is(2, TYPE)) {
            return error();
        }
        if (t.is(1, "get") && ntokens == 4) {
            return get();
        } else if (t.is(1, "set") && (ntokens == 6 || ntokens == 7)) {
            return set();
        } else if (t.is(1, "delete") && ntokens == 4) {
            return delete();
        }
        return error();
    }

    private CommandResult get() {
        ClusterConfig.Value value = config.value();
        Replies replies = session.replies;
        if (value != null) {
            byte[] data = value.data();
            replies.raw("CONFIG " + TYPE + " " + Integer.toUnsignedString(value.flags()) + " " + data.length + "\r\n");
            replies.raw(data);
            replies.crlf();
        }
        replies.line("END");
        return CommandResult.DONE;
    }

    private CommandResult set() {
        Tokens t = session.tokens;
        AsciiNumbers n = session.numbers;
        byte[] line = t.line();
        session.noreplyMaybe();
        if (!n.strtoul32(line, t.start(3), t.length(3))) {
            return badFormat();
        }
        int flags = (int) n.value();
        if (!n.strtol32(line, t.start(4), t.length(4))) {
            return badFormat();
        }
        long length = n.value();
        if (length < 0 || length > MAX_VALUE) {
            return badFormat();
        }
        pendingFlags = flags;
        session.expectValue(PendingItem.capturing((int) length), this);
        return CommandResult.READ_VALUE;
    }

    /** The data block of {@code config set} has arrived. */
    @Override
    public CommandResult complete() {
        PendingItem pending = session.pending();
        session.clearPending();
        if (!pending.endsWithCrlf()) {
            session.replies.line("CLIENT_ERROR bad data chunk");
            return CommandResult.DONE;
        }
        config.store(pendingFlags, pending.capturedValue());
        session.replies.line("STORED");
        return CommandResult.DONE;
    }

    private CommandResult delete() {
        boolean had = config.value() != null;
        config.clear();
        session.replies.line(had ? "DELETED" : "NOT_FOUND");
        return CommandResult.DONE;
    }

    private CommandResult badFormat() {
        session.replies.line("CLIENT_ERROR bad command line format");
        return CommandResult.DONE;
    }

    private CommandResult error() {
        session.replies.line("ERROR");
        return CommandResult.DONE;
    }
}
