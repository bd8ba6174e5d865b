package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.engine.StoreMode;
import dev.ketch.server.engine.StoreResult;
import dev.ketch.server.storage.Storage;

/**
 * {@code set}, {@code add}, {@code replace}, {@code append}, {@code prepend} and {@code cas}
 * (memcached's {@code process_update_command} and {@code complete_nread_ascii}).
 *
 * <p>The command line is validated and the item allocated at once; the data block is then
 * streamed into the item by the handler. When the engine refuses the allocation the error is
 * replied immediately and the {@code <bytes>+2} bytes of the data block are swallowed. Errors in
 * the command line itself do not swallow anything: the data block is read as the next command,
 * exactly as memcached does.
 */
final class StorageCommands {

    private static final int INT_MAX = Integer.MAX_VALUE;

    private final TextSession session;
    private final Cache cache;

    StorageCommands(TextSession session) {
        this.session = session;
        this.cache = session.server.cache();
    }

    CommandResult update(StoreMode mode, boolean handleCas) {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        AsciiNumbers n = session.numbers;
        byte[] line = t.line();
        session.noreplyMaybe();
        if (t.length(1) > Storage.KEY_MAX_LENGTH) {
            replies.line("CLIENT_ERROR bad command line format");
            return CommandResult.DONE;
        }
        if (!n.strtoul32(line, t.start(2), t.length(2))) {
            return badFormat();
        }
        int flags = (int) n.value();
        if (!n.strtol32(line, t.start(3), t.length(3))) {
            return badFormat();
        }
        int exptime = (int) n.value();
        if (!n.strtol32(line, t.start(4), t.length(4))) {
            return badFormat();
        }
        int vlen = (int) n.value();
        long cas = 0;
        if (handleCas) {
            if (!n.strtoull(line, t.start(5), t.length(5))) {
                return badFormat();
            }
            cas = n.value();
        }
        if (vlen < 0 || vlen > INT_MAX - 2) {
            return badFormat();
        }
        byte[] key = t.bytes(1);
        if (session.server.settings().detailEnabled) {
            session.server.prefixStats().recordSet(key);
        }
        PendingItem pending = cache.allocate(mode, key, flags, exptime, vlen);
        switch (pending.status()) {
            case TOO_LARGE:
                replies.line("SERVER_ERROR object too large for cache");
                break;
            case NO_MEMORY:
                replies.line("SERVER_ERROR out of memory storing object");
                break;
            default:
                break;
        }
        session.expectValue(pending, cas);
        return CommandResult.READ_VALUE;
    }

    /** The data block has arrived in full: check its terminator and store it. */
    CommandResult complete() {
        PendingItem pending = session.pending();
        long cas = session.pendingCas();
        session.clearPending();
        if (pending.status() != PendingItem.Status.READY) {
            pending.release(); // a swallowed block: the error was replied already
            return CommandResult.DONE;
        }
        if (!pending.endsWithCrlf()) {
            cache.discardBadData(pending);
            session.replies.line("CLIENT_ERROR bad data chunk");
            return CommandResult.DONE;
        }
        StoreResult result;
        try {
            result = cache.store(pending, cas);
        } finally {
            pending.release();
        }
        session.replies.line(result.name());
        return CommandResult.DONE;
    }

    private CommandResult badFormat() {
        session.replies.line("CLIENT_ERROR bad command line format");
        return CommandResult.DONE;
    }
}
