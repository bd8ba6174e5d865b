package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.ItemView;
import dev.ketch.server.engine.MetaItem;
import dev.ketch.server.engine.MetaItemSink;
import dev.ketch.server.engine.MetaOperations;
import dev.ketch.server.storage.Storage;
import io.netty.buffer.ByteBuf;

/**
 * {@code mg <key> <flags>*} (memcached's {@code process_mget_command}).
 *
 * <p>A hit answers {@code HD <flags>} or, with {@code v}, {@code VA <size> <flags>} and the
 * value; a miss answers {@code EN} (with {@code O} and {@code k} echoed), left out with {@code q}.
 * Flags are applied and echoed in request order while the engine holds the item, then
 * {@code Z} (token already sent), {@code X} (stale) and {@code W} (won) are added. An opaque
 * token that is too long is only noticed when its turn comes: flags before it have taken effect.
 */
final class MetaGetCommand {

    private final TextSession session;
    private final MetaOperations meta;
    private final MetaFlags flags;
    private final MetaItemSink writeHit = this::writeHit;

    MetaGetCommand(TextSession session, MetaFlags flags) {
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
            replies.line("CLIENT_ERROR options flags are too long");
            return CommandResult.DONE;
        }
        if (!flags.parse(t, 2, session.numbers)) {
            replies.line(flags.error());
            return CommandResult.DONE;
        }
        switch (meta.get(flags.key(), flags.options(), writeHit)) {
            case MISS:
                return writeMiss();
            case ABANDONED:
                replies.line("CLIENT_ERROR opaque token too long");
                return CommandResult.DONE;
            default:
                return CommandResult.DONE;
        }
    }

    /** Renders a hit while the engine holds the item; false (nothing written) for a bad opaque. */
    private boolean writeHit(MetaItem hit) {
        Tokens t = session.tokens;
        byte[] line = t.line();
        ByteBuf out = session.replies.buffer();
        int mark = out.writerIndex();
        ItemView item = hit.item();
        if (flags.returnValue()) {
            MetaReplyTokens.valueCode(out, item.valueLength());
        } else {
            MetaReplyTokens.code(out, 'H', 'D');
        }
        for (int i = 2; i < t.count() - 1; i++) {
            switch (line[t.start(i)]) {
                case 'T':
                    hit.applyNewTtl();
                    break;
                case 'N':
                    hit.applyVivifyTtl();
                    break;
                case 'R':
                    hit.checkRecache();
                    break;
                case 's':
                    MetaReplyTokens.flag(out, 's', item.valueLength());
                    break;
                case 't':
                    MetaReplyTokens.ttl(out, item);
                    break;
                case 'c':
                    MetaReplyTokens.flag(out, 'c', item.cas());
                    break;
                case 'f':
                    MetaReplyTokens.flag(out, 'f', Integer.toUnsignedLong(item.clientFlags()));
                    break;
                case 'l':
                    MetaReplyTokens.flag(out, 'l', Integer.toUnsignedLong(item.secondsSinceAccess()));
                    break;
                case 'h':
                    MetaReplyTokens.flag(out, 'h', item.fetched() ? 1 : 0);
                    break;
                case 'O':
                    if (MetaReplyTokens.opaqueTooLong(t, i)) {
                        out.writerIndex(mark);
                        return false;
                    }
                    MetaReplyTokens.opaque(out, t, i);
                    break;
                case 'k':
                    MetaReplyTokens.key(out, item.key(), item.keyIsBinary());
                    break;
                default:
                    break;
            }
        }
        // Z before W: a client never sees both.
        if (hit.tokenAlreadySent()) {
            MetaReplyTokens.flag(out, 'Z');
        }
        if (hit.stale()) {
            MetaReplyTokens.flag(out, 'X');
        }
        if (hit.settleToken()) {
            MetaReplyTokens.flag(out, 'W');
        }
        MetaReplyTokens.crlf(out);
        if (flags.returnValue()) {
            item.writeValueAndCrlf(out);
        }
        return true;
    }

    private CommandResult writeMiss() {
        Tokens t = session.tokens;
        byte[] line = t.line();
        ByteBuf out = session.replies.buffer();
        int mark = out.writerIndex();
        MetaReplyTokens.code(out, 'E', 'N');
        for (int i = 2; i < t.count() - 1; i++) {
            if (line[t.start(i)] == 'O') {
                if (MetaReplyTokens.opaqueTooLong(t, i)) {
                    out.writerIndex(mark);
                    session.replies.line("CLIENT_ERROR opaque token too long");
                    return CommandResult.DONE;
                }
                MetaReplyTokens.opaque(out, t, i);
            } else if (line[t.start(i)] == 'k') {
                MetaReplyTokens.key(out, flags.key(), flags.keyBinary());
            }
        }
        MetaReplyTokens.crlf(out);
        if (flags.quiet()) {
            out.writerIndex(mark);
        }
        return CommandResult.DONE;
    }
}
