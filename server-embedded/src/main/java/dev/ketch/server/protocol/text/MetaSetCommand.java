package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.MetaOptions;
import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.engine.StoreMode;
import dev.ketch.server.engine.StoreResult;
import dev.ketch.server.storage.Storage;
import io.netty.buffer.ByteBuf;

/**
 * {@code ms <key> <datalen> <flags>*} and its data block (memcached's
 * {@code process_mset_command} and {@code _finalize_mset}).
 *
 * <p>Replies {@code HD} (left out with {@code q}), {@code NS}, {@code EX} or {@code NF}, followed
 * by the {@code O}, {@code k} and {@code c} flags in request order. Errors found before the data
 * length is known leave the data block to be read as a command, as memcached does; later errors
 * (flags, mode, opaque, memory) swallow it. The value is streamed into the engine's pending item
 * like {@code set}'s. The mode flag {@code M} selects set/add/replace/append/prepend; a CAS
 * ({@code C}) turns set and replace into a compare-and-swap, which {@code I} lets store a lower
 * CAS as a stale value.
 */
final class MetaSetCommand implements DataBlockCompletion {

    private final TextSession session;
    private final Cache cache;
    private final MetaFlags flags;

    // The request, kept for the reply after the data block: memcached stashes it in its write buffer.
    private boolean quiet;
    private byte[] key;
    private boolean keyBinary;
    private final byte[] replyFlags = new byte[3];
    private int replyFlagCount;
    private byte[] opaque;
    private long compareCas;
    private boolean setStale;

    MetaSetCommand(TextSession session, MetaFlags flags) {
        this.session = session;
        this.cache = session.server.cache();
        this.flags = flags;
    }

    CommandResult start() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        AsciiNumbers numbers = session.numbers;
        if (t.count() < 3) {
            replies.line("ERROR");
            return CommandResult.DONE;
        }
        if (t.length(1) > Storage.KEY_MAX_LENGTH || t.count() == 3) {
            replies.line(MetaFlags.BAD_FORMAT);
            return CommandResult.DONE;
        }
        if (t.count() > MetaFlags.MAX_TOKENS) {
            replies.line("CLIENT_ERROR options flags too long");
            return CommandResult.DONE;
        }
        if (!numbers.strtol32(t.line(), t.start(2), t.length(2))) {
            replies.line(MetaFlags.BAD_FORMAT);
            return CommandResult.DONE;
        }
        int valueLength = (int) numbers.value();
        if (valueLength < 0 || valueLength > Integer.MAX_VALUE - 2) {
            replies.line(MetaFlags.BAD_FORMAT);
            return CommandResult.DONE;
        }
        // From here on every error swallows the data block.
        if (!flags.parse(t, 3, numbers)) {
            return refuse(flags.error(), valueLength);
        }
        String error = rememberReplyFlags(t);
        StoreMode mode = storeMode(flags.mode());
        if (mode == null) {
            return refuse("CLIENT_ERROR invalid mode for ms M token", valueLength);
        }
        MetaOptions options = flags.options();
        if (options.hasCas && (mode == StoreMode.SET || mode == StoreMode.REPLACE)) {
            mode = StoreMode.CAS;
        }
        if (error != null) {
            return refuse(error, valueLength);
        }
        quiet = flags.quiet();
        key = flags.key();
        keyBinary = flags.keyBinary();
        compareCas = options.cas;
        setStale = options.invalidate && mode == StoreMode.CAS;
        PendingItem pending = cache.meta().allocate(mode, key, keyBinary, flags.clientFlags(),
                options.newTtl ? options.exptime : 0, valueLength);
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
        session.expectValue(pending, this);
        return CommandResult.READ_VALUE;
    }

    /** Notes which of {@code O k c} to echo, in order; returns an error line for a bad opaque. */
    private String rememberReplyFlags(Tokens t) {
        replyFlagCount = 0;
        opaque = null;
        String error = null;
        // Token 2 is the data length; it is scanned too, as memcached does, but cannot match.
        for (int i = 2; i < t.count() - 1; i++) {
            byte flag = t.line()[t.start(i)];
            if (flag == 'O') {
                if (MetaReplyTokens.opaqueTooLong(t, i)) {
                    error = "CLIENT_ERROR opaque token too long";
                    continue;
                }
                opaque = t.bytes(i);
                replyFlags[replyFlagCount++] = flag;
            } else if (flag == 'k' || flag == 'c') {
                replyFlags[replyFlagCount++] = flag;
            }
        }
        return error;
    }

    private static StoreMode storeMode(byte mode) {
        switch (mode) {
            case 0:
            case 'S':
                return StoreMode.SET;
            case 'E':
                return StoreMode.ADD;
            case 'A':
                return StoreMode.APPEND;
            case 'P':
                return StoreMode.PREPEND;
            case 'R':
                return StoreMode.REPLACE;
            default:
                return null;
        }
    }

    /** Replies an error (never quiet) and reads past the data block. */
    private CommandResult refuse(String error, int valueLength) {
        session.replies.line(error);
        session.expectValue(cache.meta().refused(valueLength), this);
        return CommandResult.READ_VALUE;
    }

    /** The data block has arrived: store it and reply. */
    @Override
    public CommandResult complete() {
        PendingItem pending = session.pending();
        session.clearPending();
        if (pending.status() != PendingItem.Status.READY) {
            pending.release(); // refused or no memory: the error was replied already
            return CommandResult.DONE;
        }
        if (!pending.endsWithCrlf()) {
            cache.discardBadData(pending);
            session.replies.line("CLIENT_ERROR bad data chunk");
            return CommandResult.DONE;
        }
        StoreResult result;
        try {
            result = cache.store(pending, compareCas, setStale);
        } finally {
            pending.release();
        }
        if (result == StoreResult.STORED && quiet) {
            return CommandResult.DONE;
        }
        writeReply(result, pending.cas());
        return CommandResult.DONE;
    }

    private void writeReply(StoreResult result, long storedCas) {
        ByteBuf out = session.replies.buffer();
        switch (result) {
            case STORED:
                MetaReplyTokens.code(out, 'H', 'D');
                break;
            case EXISTS:
                MetaReplyTokens.code(out, 'E', 'X');
                break;
            case NOT_FOUND:
                MetaReplyTokens.code(out, 'N', 'F');
                break;
            default:
                MetaReplyTokens.code(out, 'N', 'S');
                break;
        }
        for (int i = 0; i < replyFlagCount; i++) {
            switch (replyFlags[i]) {
                case 'O':
                    out.writeByte(' ');
                    out.writeBytes(opaque);
                    break;
                case 'k':
                    MetaReplyTokens.key(out, key, keyBinary);
                    break;
                default: // 'c': the CAS unique stored, 0 when nothing was
                    MetaReplyTokens.flag(out, 'c', storedCas);
                    break;
            }
        }
        MetaReplyTokens.crlf(out);
    }
}
