package dev.ketch.server.protocol.binary;

import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.stats.PrefixStats;
import dev.ketch.server.stats.StatsReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code STAT} (memcached's {@code process_bin_stat}): the key names the group, each statistic is
 * one response with the name as key and the value as body, and an empty response ends the reply.
 *
 * <p>Groups: none (general), {@code settings}, {@code items}, {@code slabs}, {@code sizes},
 * {@code sizes_enable}/{@code sizes_disable} (one response, no terminator, as in memcached),
 * {@code reset}, {@code detail on|off|dump} (the dump is one statistic named {@code detailed}
 * holding the text protocol's dump). {@code reset}, {@code settings} and {@code detail} match by
 * prefix, as memcached's {@code strncmp} does. Anything else, {@code conns} included, is "Not
 * found".
 */
final class BinaryStats {

    private final BinarySession session;
    private final ServerContext server;

    BinaryStats(BinarySession session) {
        this.session = session;
        this.server = session.server;
    }

    Next stat() {
        String group = new String(session.key(), StandardCharsets.ISO_8859_1);
        session.trace("<" + session.connectionId + " STATS " + group);
        BinaryReplies replies = session.replies;
        StatsReport report = server.report();
        if (group.isEmpty()) {
            report.general(replies);
        } else if (group.startsWith("reset")) {
            report.reset();
            server.prefixStats().clear();
        } else if (group.startsWith("settings")) {
            server.settingsStats(replies);
        } else if (group.startsWith("detail")) {
            String mode = group.substring("detail".length());
            if (mode.startsWith(" dump")) {
                replies.stat("detailed", prefixDump());
            } else if (mode.startsWith(" on")) {
                server.settings().detailEnabled = true;
            } else if (mode.startsWith(" off")) {
                server.settings().detailEnabled = false;
            } else {
                return notFound();
            }
        } else {
            switch (group) {
                case "items" -> report.items(replies);
                case "slabs" -> report.slabs(replies);
                case "sizes" -> report.sizes(replies);
                case "sizes_enable" -> {
                    report.sizesEnable(replies);
                    return Next.NEW_COMMAND;
                }
                case "sizes_disable" -> {
                    report.sizesDisable(replies);
                    return Next.NEW_COMMAND;
                }
                default -> {
                    return notFound();
                }
            }
        }
        replies.statsEnd();
        return Next.NEW_COMMAND;
    }

    private Next notFound() {
        session.replies.error(Status.KEY_ENOENT);
        return Next.TRANSMIT;
    }

    /** memcached's {@code stats_prefix_dump}: the text protocol's lines, {@code END} included. */
    private byte[] prefixDump() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PrefixStats.Entry e : server.prefixStats().dump()) {
            out.writeBytes("PREFIX ".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(e.prefix());
            out.writeBytes((" get " + e.gets() + " hit " + e.hits() + " set " + e.sets() + " del " + e.deletes()
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("END\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
