package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.ArithmeticResult;
import dev.ketch.server.engine.MetaItem;
import dev.ketch.server.engine.MetaItemSink;
import dev.ketch.server.engine.MetaOperations;
import dev.ketch.server.storage.Storage;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code ma <key> <flags>*} (memcached's {@code process_marithmetic_command}): incr or decr
 * ({@code M}) by {@code D} (default 1), creating the item with {@code J} on a miss when {@code N}
 * is given. Replies {@code HD} or, with {@code v}, {@code VA <size>} and the number; {@code NF},
 * {@code EX}; with {@code O}, {@code k}, {@code c}, {@code t} echoed in request order and
 * {@code T}/{@code N} applied at their place in it.
 *
 * <p>As in memcached 1.6.18, {@code q} hides only a successful update: the reply of an item
 * created by {@code N}, and {@code NF} and {@code EX}, are still sent. An opaque token that is too
 * long is noticed after the update was made.
 */
final class MetaArithmeticCommand {

    private final TextSession session;
    private final MetaOperations meta;
    private final MetaFlags flags;
    private final ArithmeticResult result = new ArithmeticResult();
    private final MetaItemSink writeItem = this::writeItem;
    private boolean badOpaque;

    MetaArithmeticCommand(TextSession session, MetaFlags flags) {
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
        switch (flags.mode()) {
            case 0:
            case 'I':
            case '+':
                flags.options().decrement = false;
                break;
            case 'D':
            case '-':
                flags.options().decrement = true;
                break;
            default:
                replies.line("CLIENT_ERROR invalid mode for ma M token");
                return CommandResult.DONE;
        }
        badOpaque = false;
        ByteBuf out = replies.buffer();
        int mark = out.writerIndex();
        meta.arithmetic(flags.key(), flags.options(), result, writeItem);
        if (badOpaque) {
            replies.line("CLIENT_ERROR opaque token too long");
            return CommandResult.DONE;
        }
        switch (result.status()) {
            case OK:
                if (flags.quiet() && !result.created()) {
                    out.writerIndex(mark);
                }
                return CommandResult.DONE;
            case NON_NUMERIC:
                replies.line("CLIENT_ERROR cannot increment or decrement non-numeric value");
                return CommandResult.DONE;
            case NO_MEMORY:
                replies.line("SERVER_ERROR out of memory");
                return CommandResult.DONE;
            case NOT_STORED:
                replies.line("SERVER_ERROR Out of memory allocating new item");
                return CommandResult.DONE;
            case CAS_MISMATCH:
                return writeNoItem(out, mark, 'E', 'X');
            default:
                return writeNoItem(out, mark, 'N', 'F');
        }
    }

    /** Renders the updated or created item while the engine holds it. */
    private boolean writeItem(MetaItem meta) {
        Tokens t = session.tokens;
        byte[] line = t.line();
        ByteBuf out = session.replies.buffer();
        int mark = out.writerIndex();
        byte[] digits = Long.toUnsignedString(result.value()).getBytes(StandardCharsets.US_ASCII);
        if (flags.returnValue()) {
            MetaReplyTokens.valueCode(out, digits.length);
        } else {
            MetaReplyTokens.code(out, 'H', 'D');
        }
        for (int i = 2; i < t.count() - 1; i++) {
            switch (line[t.start(i)]) {
                case 'c':
                    MetaReplyTokens.flag(out, 'c', meta.item().cas());
                    break;
                case 't':
                    MetaReplyTokens.ttl(out, meta.item());
                    break;
                case 'T':
                    meta.applyNewTtl();
                    break;
                case 'N':
                    meta.applyVivifyTtl();
                    break;
                case 'O':
                    if (MetaReplyTokens.opaqueTooLong(t, i)) {
                        out.writerIndex(mark);
                        badOpaque = true;
                        return false;
                    }
                    MetaReplyTokens.opaque(out, t, i);
                    break;
                case 'k':
                    MetaReplyTokens.key(out, flags.key(), flags.keyBinary());
                    break;
                default:
                    break;
            }
        }
        if (flags.returnValue()) {
            MetaReplyTokens.crlf(out);
            out.writeBytes(digits);
        }
        MetaReplyTokens.crlf(out);
        return true;
    }

    /** {@code NF} or {@code EX}, with only {@code O} and {@code k} echoed. */
    private CommandResult writeNoItem(ByteBuf out, int mark, char first, char second) {
        Tokens t = session.tokens;
        byte[] line = t.line();
        MetaReplyTokens.code(out, first, second);
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
        return CommandResult.DONE;
    }
}
