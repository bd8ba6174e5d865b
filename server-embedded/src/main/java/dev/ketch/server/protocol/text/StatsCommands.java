package dev.ketch.server.protocol.text;

import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.StatsReport;
import dev.ketch.server.storage.SlabAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code stats} and its subcommands (memcached's {@code process_stat}). Which replies end in
 * {@code END} follows memcached: general, settings, conns, items, slabs, sizes and cachedump do;
 * {@code sizes_enable} and {@code sizes_disable} do not (memcached forgets the terminator there).
 */
final class StatsCommands {

    /** memcached's cap on a {@code stats cachedump} reply. */
    private static final int CACHEDUMP_LIMIT = 2 * 1024 * 1024;

    private final TextSession session;
    private final ServerContext server;

    StatsCommands(TextSession session) {
        this.session = session;
        this.server = session.server;
    }

    CommandResult stats() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        StatsReport report = server.report();
        if (t.count() == 2) {
            report.general(replies);
        } else if (t.is(1, "reset")) {
            report.reset();
            server.prefixStats().clear();
            replies.line("RESET");
            return CommandResult.DONE;
        } else if (t.is(1, "detail")) {
            detail(t.count() < 4 ? null : t.string(2));
            return CommandResult.DONE;
        } else if (t.is(1, "settings")) {
            server.settingsStats(replies);
        } else if (t.is(1, "cachedump")) {
            cachedump();
            return CommandResult.DONE;
        } else if (t.is(1, "conns")) {
            server.connectionStats(replies);
        } else if (t.is(1, "items")) {
            report.items(replies);
        } else if (t.is(1, "slabs")) {
            report.slabs(replies);
        } else if (t.is(1, "extstore")) {
            report.extstorePages(replies);
        } else if (t.is(1, "sizes")) {
            report.sizes(replies);
        } else if (t.is(1, "sizes_enable")) {
            report.sizesEnable(replies);
            return CommandResult.DONE;
        } else if (t.is(1, "sizes_disable")) {
            report.sizesDisable(replies);
            return CommandResult.DONE;
        } else {
            replies.line("ERROR");
            return CommandResult.DONE;
        }
        replies.raw("END\r\n");
        return CommandResult.DONE;
    }

    private void detail(String mode) {
        Replies replies = session.replies;
        if ("on".equals(mode)) {
            server.settings().detailEnabled = true;
            replies.line("OK");
        } else if ("off".equals(mode)) {
            server.settings().detailEnabled = false;
            replies.line("OK");
        } else if ("dump".equals(mode)) {
            ByteBuf out = replies.buffer();
            for (PrefixStats.Entry e : server.prefixStats().dump()) {
                ByteBufUtil.writeAscii(out, "PREFIX ");
                out.writeBytes(e.prefix());
                ByteBufUtil.writeAscii(out, " get " + e.gets() + " hit " + e.hits() + " set " + e.sets()
                        + " del " + e.deletes() + "\r\n");
            }
            ByteBufUtil.writeAscii(out, "END\r\n");
        } else {
            replies.line("CLIENT_ERROR usage: stats detail on|off|dump");
        }
    }

    private void cachedump() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        if (!server.settings().dumpEnabled) {
            replies.line("CLIENT_ERROR stats cachedump not allowed");
            return;
        }
        if (t.count() < 5) {
            replies.line("CLIENT_ERROR bad command line");
            return;
        }
        AsciiNumbers n = session.numbers;
        if (!n.strtoul32(t.line(), t.start(2), t.length(2))) {
            replies.line("CLIENT_ERROR bad command line format");
            return;
        }
        long id = n.value();
        if (!n.strtoul32(t.line(), t.start(3), t.length(3))) {
            replies.line("CLIENT_ERROR bad command line format");
            return;
        }
        long limit = n.value();
        if (id >= SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES) {
            replies.line("CLIENT_ERROR Illegal slab id");
            return;
        }
        ByteBuf out = replies.buffer();
        int start = out.writerIndex();
        ReentrantLock lock = server.cache().lock();
        lock.lock();
        try {
            server.cache().storage().cachedump((int) id, limit > Integer.MAX_VALUE ? 0 : (int) limit,
                    (key, valueLength, expiry) -> {
                        String tail = " [" + valueLength + " b; " + expiry + " s]\r\n";
                        int len = 5 + key.length + tail.length();
                        if (out.writerIndex() - start + len + 6 > CACHEDUMP_LIMIT) {
                            return false;
                        }
                        ByteBufUtil.writeAscii(out, "ITEM ");
                        out.writeBytes(key);
                        ByteBufUtil.writeAscii(out, tail);
                        return true;
                    });
        } finally {
            lock.unlock();
        }
        ByteBufUtil.writeAscii(out, "END\r\n");
    }
}
