package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.ItemSink;
import dev.ketch.server.engine.ItemView;
import dev.ketch.server.engine.MetaOperations;
import dev.ketch.server.storage.Storage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * {@code me <key> [b]} (memcached's {@code process_meta_command}): one line of an item's internals,
 * {@code ME <key> exp=.. la=.. cas=.. fetch=yes|no cls=.. size=..}, or {@code EN}. The only meta
 * command memcached counts in {@code cmd_meta}.
 *
 * <p>{@code exp} is memcached's {@code current_time - exptime}: the negated remaining TTL, -1 for
 * never. A binary key is shown base64 encoded, without a {@code b} marker.
 */
final class MetaDebugCommand {

    private final TextSession session;
    private final MetaOperations meta;
    private final ItemSink writeItem = this::writeItem;

    MetaDebugCommand(TextSession session) {
        this.session = session;
        this.meta = session.server.cache().meta();
    }

    CommandResult run() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        if (t.count() < 3 || t.length(1) > Storage.KEY_MAX_LENGTH) {
            replies.line(MetaFlags.BAD_FORMAT);
            return CommandResult.DONE;
        }
        byte[] key = t.bytes(1);
        if (t.count() >= 4 && t.is(2, "b")) {
            key = Base64Keys.decode(t.line(), t.start(1), t.length(1));
            if (key == null) {
                replies.line(MetaFlags.BAD_FORMAT);
                return CommandResult.DONE;
            }
        }
        if (!meta.peek(key, writeItem)) {
            replies.line("EN");
        }
        session.server.stats().metaCmds.increment();
        return CommandResult.DONE;
    }

    private void writeItem(ItemView item) {
        ByteBuf out = session.replies.buffer();
        out.writeByte('M');
        out.writeByte('E');
        out.writeByte(' ');
        if (item.keyIsBinary()) {
            Base64Keys.encode(item.key(), out);
        } else {
            item.writeKey(out);
        }
        ByteBufUtil.writeAscii(out, " exp=");
        ByteBufUtil.writeAscii(out, item.exptime() == 0 ? "-1" : Integer.toString(-item.timeToLive()));
        ByteBufUtil.writeAscii(out, " la=");
        AsciiDigits.writeUnsigned(out, Integer.toUnsignedLong(item.secondsSinceAccess()));
        ByteBufUtil.writeAscii(out, " cas=");
        AsciiDigits.writeUnsigned(out, item.cas());
        ByteBufUtil.writeAscii(out, item.fetched() ? " fetch=yes" : " fetch=no");
        ByteBufUtil.writeAscii(out, " cls=");
        AsciiDigits.writeUnsigned(out, item.slabClass());
        ByteBufUtil.writeAscii(out, " size=");
        AsciiDigits.writeUnsigned(out, item.totalSize());
        MetaReplyTokens.crlf(out);
    }
}
