package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.ItemSink;
import dev.ketch.server.engine.ItemView;
import dev.ketch.server.engine.Lookup;
import dev.ketch.server.logging.Verbose;
import dev.ketch.server.storage.Storage;
import io.netty.buffer.ByteBuf;

/**
 * {@code get}, {@code gets}, {@code gat}, {@code gats} and {@code bget} (memcached's
 * {@code process_get_command}): any number of keys, the line continuing past the token limit.
 * Each hit is written as {@code VALUE <key> <flags> <bytes>[ <cas>]\r\n<data>\r\n}, copied from
 * the item straight into the reply buffer, and the reply ends with {@code END\r\n}.
 *
 * <p>A value in external storage that finds no memory to be read into aborts the command with
 * {@code SERVER_ERROR out of memory writing get response}. A key longer than 250 bytes aborts the command as in memcached: the keys before it are
 * still looked up (statistics, LRU), but every reply not yet transmitted, including those of
 * earlier pipelined commands, is dropped and {@code CLIENT_ERROR bad command line format} sent.
 * The keys are checked before any value is written, so large replies can be flushed while the
 * command runs.
 */
final class RetrievalCommands {

    private static final byte[] VALUE = {'V', 'A', 'L', 'U', 'E', ' '};
    private static final byte[] END = {'E', 'N', 'D', '\r', '\n'};
    /** Replies beyond this size are handed to the socket while a multi-get runs. */
    private static final int FLUSH_THRESHOLD = 256 * 1024;

    private final TextSession session;
    private final Cache cache;
    private final Runnable flush;
    private final ItemSink writeValue = this::writeValue;
    private boolean returnCas;
    private boolean tracing;

    /**
     * @param flush hands the replies written so far to the socket (called between keys when
     *     they grow large)
     */
    RetrievalCommands(TextSession session, Runnable flush) {
        this.session = session;
        this.cache = session.server.cache();
        this.flush = flush;
    }

    CommandResult get(int lineFrom, int lineEnd, boolean returnCas, boolean touch) {
        Tokens t = session.tokens;
        byte[] line = t.line();
        int firstKey = 1;
        int exptime = 0;
        if (touch) {
            if (!session.numbers.strtol32(line, t.start(1), t.length(1))) {
                session.replies.line("CLIENT_ERROR invalid exptime argument");
                return CommandResult.DONE;
            }
            exptime = (int) session.numbers.value();
            firstKey = 2;
        }
        int badKey = firstTooLongKey(firstKey);
        t.tokenize(line, lineFrom, lineEnd);
        this.returnCas = returnCas;
        this.tracing = session.server.verbose().at(Verbose.COMMANDS);
        boolean detail = session.server.settings().detailEnabled;
        int ordinal = 0;
        int index = firstKey;
        while (true) {
            for (; index < t.count() - 1; index++, ordinal++) {
                if (ordinal > 0 && !session.replies.beginResponse()) { // memcached: one response object per key
                    return fail("SERVER_ERROR out of memory writing get response");
                }
                if (ordinal == badKey) {
                    return fail("CLIENT_ERROR bad command line format");
                }
                byte[] key = t.bytes(index);
                ItemSink sink = badKey >= 0 ? null : writeValue;
                Lookup found = touch ? cache.lookupAndTouch(key, exptime, sink) : cache.lookup(key, sink);
                if (found == Lookup.NO_MEMORY) {
                    return fail("SERVER_ERROR out of memory writing get response");
                }
                boolean hit = found == Lookup.HIT;
                if (detail) {
                    session.server.prefixStats().recordGet(key, hit);
                }
                if (hit && session.replies.pendingBytes() >= FLUSH_THRESHOLD) {
                    flush.run();
                }
            }
            if (!t.hasRest()) {
                break;
            }
            t.tokenize(line, t.restStart(), t.end());
            index = 0;
        }
        session.replies.trace("END");
        session.replies.buffer().writeBytes(END);
        return CommandResult.DONE_SENT;
    }

    /**
     * The command stops early (a key too long, no response object for the next key): as memcached,
     * every reply not transmitted yet is dropped and a new response carries the error; the
     * connection closes if even that finds no room.
     */
    private CommandResult fail(String error) {
        session.replies.trace("END");
        session.replies.discardUnsent();
        if (!session.replies.beginResponse()) {
            return CommandResult.CLOSE;
        }
        session.replies.line(error);
        return CommandResult.DONE;
    }

    /** The ordinal of the first key longer than memcached's limit, or -1. Re-tokenizes the line. */
    private int firstTooLongKey(int firstKey) {
        Tokens t = session.tokens;
        int ordinal = 0;
        int index = firstKey;
        while (true) {
            for (; index < t.count() - 1; index++, ordinal++) {
                if (t.length(index) > Storage.KEY_MAX_LENGTH) {
                    return ordinal;
                }
            }
            if (!t.hasRest()) {
                return -1;
            }
            t.tokenize(t.line(), t.restStart(), t.end());
            index = 0;
        }
    }

    private void writeValue(ItemView item) {
        if (tracing) {
            session.replies.trace("sending key " + item.keyAsString());
        }
        ByteBuf out = session.replies.buffer();
        int valueLength = item.valueLength();
        out.ensureWritable(VALUE.length + item.keyLength() + 48 + valueLength + 2);
        out.writeBytes(VALUE);
        item.writeKey(out);
        out.writeByte(' ');
        AsciiDigits.writeUnsigned(out, item.clientFlags());
        out.writeByte(' ');
        AsciiDigits.writeUnsigned(out, (long) valueLength);
        if (returnCas) {
            out.writeByte(' ');
            AsciiDigits.writeUnsigned(out, item.cas());
        }
        out.writeByte('\r');
        out.writeByte('\n');
        item.writeValueAndCrlf(out);
    }
}
