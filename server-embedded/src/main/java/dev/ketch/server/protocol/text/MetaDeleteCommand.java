package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.DeleteResult;
import dev.ketch.server.engine.MetaOperations;
import dev.ketch.server.storage.Storage;
import io.netty.buffer.ByteBuf;

/**
 * {@code md <key> <flags>*} (memcached's {@code process_mdelete_command}): deletes, or with
 * {@code I} marks stale (optionally with a new TTL {@code T}); {@code C} must match the CAS.
 * Replies {@code HD} (left out with {@code q}), {@code NF} or {@code EX}, with {@code O} and
 * {@code k} echoed. Any flag error is reported as {@code invalid or duplicate flag}.
 */
final class MetaDeleteCommand {

    private final TextSession session;
    private final MetaOperations meta;
    private final MetaFlags flags;

    MetaDeleteCommand(TextSession session, MetaFlags flags) {
        this.session = session;
        this.meta = session.server.cache().meta();
        this.flags = flags;
    }

    CommandResult run() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        if (t.count() < 3) {
            replies.line("ERROR");
            return CommandResult.DONE;
        }
        if (t.length(1) > Storage.KEY_MAX_LENGTH) {
            replies.line(MetaFlags.BAD_FORMAT);
            return CommandResult.DONE;
        }
        if (t.count() > MetaFlags.MAX_TOKENS) {
            replies.line("CLIENT_ERROR options flags too long");
            return CommandResult.DONE;
        }
        if (!flags.parse(t, 2, session.numbers)) {
            replies.line("CLIENT_ERROR invalid or duplicate flag");
            return CommandResult.DONE;
        }
        // The echoed flags are checked (and written after the code) before the item is touched.
        ByteBuf out = replies.buffer();
        int mark = out.writerIndex();
        out.writeZero(2); // the code, filled in below
        byte[] line = t.line();
        for (int i = 2; i < t.count() - 1; i++) {
            if (line[t.start(i)] == 'O') {
                if (MetaReplyTokens.opaqueTooLong(t, i)) {
                    out.writerIndex(mark);
                    replies.line("CLIENT_ERROR opaque token too long");
                    return CommandResult.DONE;
                }
                MetaReplyTokens.opaque(out, t, i);
            } else if (line[t.start(i)] == 'k') {
                MetaReplyTokens.key(out, flags.key(), flags.keyBinary());
            }
        }
        MetaReplyTokens.crlf(out);
        DeleteResult result = meta.delete(flags.key(), flags.options());
        switch (result) {
            case DELETED:
                if (flags.quiet()) {
                    out.writerIndex(mark);
                    return CommandResult.DONE;
                }
                setCode(out, mark, 'H', 'D');
                break;
            case EXISTS:
                setCode(out, mark, 'E', 'X');
                break;
            default:
                setCode(out, mark, 'N', 'F');
                break;
        }
        return CommandResult.DONE;
    }

    private static void setCode(ByteBuf out, int at, char first, char second) {
        out.setByte(at, first);
        out.setByte(at + 1, second);
    }
}
