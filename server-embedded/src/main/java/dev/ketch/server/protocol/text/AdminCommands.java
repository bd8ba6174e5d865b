package dev.ketch.server.protocol.text;

import dev.ketch.server.Version;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.logging.EventLog;
import dev.ketch.server.protocol.ServerContext;
import dev.ketch.server.protocol.ServerContext.ShutdownMode;
import dev.ketch.server.storage.Maintainer;
import dev.ketch.server.storage.SlabAllocator;

/**
 * The administrative commands: {@code flush_all}, {@code version}, {@code verbosity},
 * {@code cache_memlimit}, {@code shutdown}, {@code lru}, {@code lru_crawler}, {@code slabs},
 * {@code watch}, {@code refresh_certs} and the debug-build {@code debugtime}. Replies and parsing follow the
 * corresponding {@code process_*_command} functions of memcached 1.6.18.
 */
final class AdminCommands {

    private static final int MAX_VERBOSITY_LEVEL = 2;
    private static final String[] WATCH_FLAGS = {"rawcmds", "evictions", "fetchers", "mutations", "sysevents",
        "connevents", "proxyreqs", "proxyevents", "proxyuser"};
    private static final int[] WATCH_BITS = {EventLog.RAWCMDS, EventLog.EVICTIONS, EventLog.FETCHERS,
        EventLog.MUTATIONS, EventLog.SYSEVENTS, EventLog.CONNEVENTS, EventLog.PROXYREQS, EventLog.PROXYEVENTS,
        EventLog.PROXYUSER};

    private final TextSession session;
    private final ServerContext server;
    private final ServerSettings settings;

    AdminCommands(TextSession session) {
        this.session = session;
        this.server = session.server;
        this.settings = server.settings();
    }

    CommandResult flushAll() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        session.noreplyMaybe();
        server.stats().flushCmds.increment();
        if (!settings.flushEnabled) {
            replies.line("CLIENT_ERROR flush_all not allowed");
            return CommandResult.DONE;
        }
        int exptime = 0;
        if (t.count() != (replies.noreply() ? 3 : 2)) {
            if (!session.numbers.strtol32(t.line(), t.start(1), t.length(1))) {
                replies.line("CLIENT_ERROR invalid exptime argument");
                return CommandResult.DONE;
            }
            exptime = (int) session.numbers.value();
        }
        server.cache().flushAll(exptime);
        replies.line("OK");
        return CommandResult.DONE;
    }

    /** memcached answers a failed reload with its error text even under noreply. */
    CommandResult refreshCerts() {
        session.noreplyMaybe();
        java.util.Optional<String> error = server.refreshCertificates();
        if (error.isEmpty()) {
            session.replies.line("OK");
        } else {
            session.replies.raw(error.get());
            session.replies.crlf();
        }
        return CommandResult.DONE;
    }

    CommandResult version() {
        session.replies.line("VERSION " + Version.full());
        return CommandResult.DONE;
    }

    CommandResult verbosity() {
        Tokens t = session.tokens;
        session.noreplyMaybe();
        if (!session.numbers.strtoul32(t.line(), t.start(1), t.length(1))) {
            session.replies.line("CLIENT_ERROR bad command line format");
            return CommandResult.DONE;
        }
        settings.verbose = (int) Math.min(session.numbers.value(), MAX_VERBOSITY_LEVEL);
        server.eventLog().verbosityChanged();
        session.replies.line("OK");
        return CommandResult.DONE;
    }

    CommandResult cacheMemlimit() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        session.noreplyMaybe();
        if (!session.numbers.strtoul32(t.line(), t.start(1), t.length(1))) {
            replies.line("ERROR");
            return CommandResult.DONE;
        }
        long megabytes = session.numbers.value();
        if (megabytes < 8) {
            replies.line("MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m");
        } else if (megabytes > 1_000_000_000L) {
            replies.line("MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes");
        } else if (server.cache().adjustMemLimit(megabytes * 1024 * 1024)) {
            replies.line("OK");
        } else {
            replies.line("MEMLIMIT_ADJUST_FAILED out of bounds or unable to adjust");
        }
        return CommandResult.DONE;
    }

    CommandResult shutdown() {
        Tokens t = session.tokens;
        if (!settings.shutdownCommand) {
            session.replies.line("ERROR: shutdown not enabled");
            return CommandResult.DONE;
        }
        if (t.count() == 2) {
            session.client.closing(EventLog.CloseReason.SHUTDOWN);
            server.shutdown(ShutdownMode.IMMEDIATE);
            return CommandResult.CLOSE;
        }
        if (t.count() == 3 && t.is(1, "graceful")) {
            session.client.closing(EventLog.CloseReason.SHUTDOWN);
            server.shutdown(ShutdownMode.GRACEFUL);
            return CommandResult.CLOSE;
        }
        session.replies.line("CLIENT_ERROR invalid shutdown mode");
        return CommandResult.DONE;
    }

    /** memcached's {@code process_lru_command}. */
    CommandResult lru() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        AsciiNumbers n = session.numbers;
        byte[] line = t.line();
        int ntokens = t.count();
        session.noreplyMaybe();
        if (t.is(1, "tune") && ntokens >= 7) {
            if (!n.strtoul32(line, t.start(2), t.length(2))) {
                replies.line("ERROR");
                return CommandResult.DONE;
            }
            long hot = n.value();
            if (!n.strtoul32(line, t.start(3), t.length(3))) {
                replies.line("ERROR");
                return CommandResult.DONE;
            }
            long warm = n.value();
            if (!n.strtod(line, t.start(4), t.length(4))) {
                replies.line("ERROR");
                return CommandResult.DONE;
            }
            double hotFactor = n.doubleValue();
            if (!n.strtod(line, t.start(5), t.length(5))) {
                replies.line("ERROR");
                return CommandResult.DONE;
            }
            double warmFactor = n.doubleValue();
            if (((hot + warm) & 0xFFFF_FFFFL) > 80) {
                replies.line("ERROR hot and warm pcts must not exceed 80");
            } else if (warmFactor <= 0 || hotFactor <= 0) {
                replies.line("ERROR hot/warm age factors must be greater than 0");
            } else {
                settings.hotLruPct = (int) hot;
                settings.warmLruPct = (int) warm;
                settings.hotMaxFactor = hotFactor;
                settings.warmMaxFactor = warmFactor;
                replies.line("OK");
            }
        } else if (t.is(1, "mode") && ntokens >= 4 && settings.lruMaintainerThread) {
            if (t.is(2, "flat")) {
                settings.lruSegmented = false;
                replies.line("OK");
            } else if (t.is(2, "segmented")) {
                settings.lruSegmented = true;
                replies.line("OK");
            } else {
                replies.line("ERROR");
            }
        } else if (t.is(1, "temp_ttl") && ntokens >= 4 && settings.lruMaintainerThread) {
            if (!n.strtol32(line, t.start(2), t.length(2))) {
                replies.line("ERROR");
            } else {
                int ttl = (int) n.value();
                if (ttl < 0) {
                    settings.tempLru = false;
                } else {
                    settings.tempLru = true;
                    settings.temporaryTtl = ttl;
                }
                replies.line("OK");
            }
        } else {
            replies.line("ERROR");
        }
        return CommandResult.DONE;
    }

    /** memcached's {@code process_lru_crawler_command}. */
    CommandResult lruCrawler() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        AsciiNumbers n = session.numbers;
        int ntokens = t.count();
        if (ntokens == 4 && t.is(1, "crawl")) {
            if (!settings.lruCrawler) {
                replies.line("CLIENT_ERROR lru crawler disabled");
                return CommandResult.DONE;
            }
            String classes = crawlClasses(t.string(2));
            Maintainer.CrawlResult result = classes == null ? Maintainer.CrawlResult.BADCLASS
                    : classes.isEmpty() ? Maintainer.CrawlResult.NOTSTARTED
                    : server.cache().maintainer().crawl(classes);
            switch (result) {
                case OK:
                    replies.line("OK");
                    break;
                case BUSY:
                    replies.line("BUSY currently processing crawler request");
                    break;
                case BADCLASS:
                    replies.line("BADCLASS invalid class id");
                    break;
                default:
                    replies.line("NOTSTARTED no items to crawl");
                    break;
            }
        } else if (ntokens == 4 && t.is(1, "metadump")) {
            return metadump(t.string(2));
        } else if (ntokens == 4 && t.is(1, "tocrawl")) {
            if (!n.strtoul32(t.line(), t.start(2), t.length(2))) {
                replies.line("CLIENT_ERROR bad command line format");
            } else {
                settings.lruCrawlerTocrawl = (int) n.value();
                replies.line("OK");
            }
        } else if (ntokens == 4 && t.is(1, "sleep")) {
            if (!n.strtoul32(t.line(), t.start(2), t.length(2))) {
                replies.line("CLIENT_ERROR bad command line format");
            } else if (n.value() > 1_000_000) {
                replies.line("CLIENT_ERROR sleep must be one second or less");
            } else {
                settings.lruCrawlerSleep = (int) n.value();
                replies.line("OK");
            }
        } else if (ntokens == 3 && t.is(1, "enable")) {
            if (settings.lruCrawler) {
                replies.line("ERROR failed to start lru crawler thread");
            } else {
                settings.lruCrawler = true;
                replies.line("OK");
            }
        } else if (ntokens == 3 && t.is(1, "disable")) {
            settings.lruCrawler = false;
            replies.line("OK");
        } else {
            replies.line("ERROR");
        }
        return CommandResult.DONE;
    }

    /**
     * {@code lru_crawler metadump <ids|all|hash>}: on success the connection is lent to the dump's
     * thread, which writes one line per live item and {@code END}; the connection serves commands
     * again afterwards.
     */
    private CommandResult metadump(String spec) {
        Replies replies = session.replies;
        if (!settings.lruCrawler) {
            replies.line("CLIENT_ERROR lru crawler disabled");
        } else if (!settings.dumpEnabled) {
            replies.line("ERROR metadump not allowed");
        } else if (session.stacked()) {
            replies.line("ERROR cannot pipeline other commands before metadump");
        } else if (session.connection == null) {
            replies.line("ERROR an unknown error happened");
        } else {
            String classes = spec.equals("hash") ? spec : crawlClasses(spec);
            Maintainer.CrawlResult result = classes == null ? Maintainer.CrawlResult.BADCLASS
                    : classes.isEmpty() ? Maintainer.CrawlResult.NOTSTARTED
                    : server.cache().maintainer().metadump(classes,
                            new ChannelMetadumpOutput(session.connection, server.stats()));
            switch (result) {
                case OK:
                    // memcached answers nothing here: the dump itself is the reply
                    session.connection.lend(false, null);
                    return CommandResult.LENT;
                case BUSY:
                    replies.line("BUSY currently processing crawler request");
                    break;
                case BADCLASS:
                    replies.line("BADCLASS invalid class id");
                    break;
                default:
                    replies.line("NOTSTARTED no items to crawl");
                    break;
            }
        }
        return CommandResult.DONE;
    }

    /**
     * Validates a crawl class list as memcached does ({@code strtok_r} on commas, each part a
     * {@code safe_strtoul} between 1 and 63) and returns it in the form {@link Maintainer#crawl}
     * takes (empty when it names no class), or null for {@code BADCLASS}.
     */
    private String crawlClasses(String spec) {
        if (spec.equals("all")) {
            return "all";
        }
        StringBuilder canonical = new StringBuilder();
        for (String part : spec.split(",")) {
            if (part.isEmpty()) {
                continue; // strtok_r skips empty fields
            }
            byte[] b = part.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!session.numbers.strtoul32(b, 0, b.length)) {
                return null;
            }
            long id = session.numbers.value();
            if (id < SlabAllocator.POWER_SMALLEST || id >= SlabAllocator.MAX_NUMBER_OF_SLAB_CLASSES) {
                return null;
            }
            if (canonical.length() > 0) {
                canonical.append(',');
            }
            canonical.append(id);
        }
        return canonical.toString();
    }

    /** memcached's {@code process_slabs_command}. */
    CommandResult slabs() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        AsciiNumbers n = session.numbers;
        int ntokens = t.count();
        if (ntokens == 5 && t.is(1, "reassign")) {
            if (!settings.slabReassign) {
                replies.line("CLIENT_ERROR slab reassignment disabled");
                return CommandResult.DONE;
            }
            if (!n.strtol32(t.line(), t.start(2), t.length(2))) {
                replies.line("CLIENT_ERROR bad command line format");
                return CommandResult.DONE;
            }
            int src = (int) n.value();
            if (!n.strtol32(t.line(), t.start(3), t.length(3))) {
                replies.line("CLIENT_ERROR bad command line format");
                return CommandResult.DONE;
            }
            int dst = (int) n.value();
            replies.line(reassign(src, dst));
        } else if (ntokens >= 4 && t.is(1, "automove")) {
            automove();
        } else {
            replies.line("ERROR");
        }
        return CommandResult.DONE;
    }

    /** {@code slabs reassign}: asks the slab mover to move one page. */
    private String reassign(int src, int dst) {
        return switch (server.cache().storage().mover().reassign(src, dst)) {
            case OK -> "OK";
            case RUNNING -> "BUSY currently processing reassign request";
            case BADCLASS -> "BADCLASS invalid src or dst class id";
            case NOSPARE -> "NOSPARE source class has no spare pages";
            case SAME -> "SAME src and dst class are identical";
        };
    }

    /** memcached's {@code process_slabs_automove_command}. */
    private void automove() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        AsciiNumbers n = session.numbers;
        session.noreplyMaybe();
        if (t.is(2, "ratio")) {
            if (t.count() < 5 || !n.strtod(t.line(), t.start(3), t.length(3))) {
                replies.line("ERROR");
                return;
            }
            settings.slabAutomoveRatio = n.doubleValue();
        } else {
            if (!n.strtoul32(t.line(), t.start(2), t.length(2))) {
                replies.line("CLIENT_ERROR bad command line format");
                return;
            }
            long level = n.value();
            if (level == 0 || level == 1 || level == 2) {
                settings.slabAutomove = (int) level;
            } else {
                replies.line("ERROR");
                return;
            }
        }
        replies.line("OK");
    }

    /**
     * {@code watch [classes...]}: lends the connection to the event log for good; it receives
     * {@code OK} and then the events of the classes named ({@code fetchers} by default).
     */
    CommandResult watch() {
        Tokens t = session.tokens;
        Replies replies = session.replies;
        session.noreplyMaybe();
        if (!settings.watchEnabled) {
            replies.line("CLIENT_ERROR watch commands not allowed");
            return CommandResult.DONE;
        }
        if (session.stacked()) {
            replies.line("ERROR cannot pipeline other commands before watch");
            return CommandResult.DONE;
        }
        int flags = 0;
        for (int x = 1; x < t.count() - 1; x++) {
            int bit = 0;
            for (int f = 0; f < WATCH_FLAGS.length; f++) {
                if (t.is(x, WATCH_FLAGS[f])) {
                    bit = WATCH_BITS[f];
                }
            }
            if (bit == 0) {
                replies.line("ERROR");
                return CommandResult.DONE;
            }
            flags |= bit;
        }
        if (t.count() <= 2) {
            flags = EventLog.FETCHERS;
        }
        if (session.connection == null) {
            replies.line("WATCHER_FAILED failed to add log watcher");
            return CommandResult.DONE;
        }
        ChannelWatcherOutput output = new ChannelWatcherOutput(session.connection);
        switch (server.eventLog().addWatcher(output, flags)) {
            case OK:
                session.connection.lend(true, output::writableAgain);
                return CommandResult.LENT;
            case TOO_MANY:
                replies.line("WATCHER_TOO_MANY log watcher limit reached");
                return CommandResult.DONE;
            default:
                replies.line("WATCHER_FAILED failed to add log watcher");
                return CommandResult.DONE;
        }
    }

    /**
     * {@code debugtime N|p|r} of memcached's debug builds (enabled by
     * {@link ServerSettings#debugTimeCommand}): moves the server clock, pauses or resumes it.
     */
    CommandResult debugtime() {
        Tokens t = session.tokens;
        if (t.count() < 3) {
            session.replies.line("ERROR");
            return CommandResult.DONE;
        }
        if (t.is(1, "p")) {
            server.clock().setPaused(true);
        } else if (t.is(1, "r")) {
            server.clock().setPaused(false);
        } else {
            if (!session.numbers.strtoll(t.line(), t.start(1), t.length(1))) {
                session.replies.line("ERROR");
                return CommandResult.DONE;
            }
            server.clock().shift(session.numbers.value());
        }
        session.replies.line("OK");
        return CommandResult.DONE;
    }
}
