package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.StoreMode;

/**
 * Runs one command line: memcached's {@code process_command_ascii}, with its token-count checks
 * ({@code ERROR} for a wrong number of tokens) and its dispatch order.
 *
 * <p>Meta commands ({@code mg ms md ma me mn}) are run by {@link MetaCommands}.
 */
final class TextCommandDispatcher {

    private final TextSession session;
    private final RetrievalCommands retrieval;
    private final StorageCommands storage;
    private final KeyCommands keys;
    private final StatsCommands stats;
    private final AdminCommands admin;
    private final ExtstoreCommand extstore;
    private final MetaCommands meta;
    private final ConfigCommands config;

    TextCommandDispatcher(TextSession session, Runnable flush) {
        this.session = session;
        this.retrieval = new RetrievalCommands(session, flush);
        this.storage = new StorageCommands(session);
        this.keys = new KeyCommands(session);
        this.stats = new StatsCommands(session);
        this.admin = new AdminCommands(session);
        this.extstore = new ExtstoreCommand(session);
        this.meta = new MetaCommands(session);
        this.config = new ConfigCommands(session);
    }

    /** The storage commands, for completing a data block. */
    StorageCommands storage() {
        return storage;
    }

    /** The data block of the pending store has arrived: finish the command that started it. */
    CommandResult completeValue() {
        DataBlockCompletion completion = session.completion();
        return completion != null ? completion.complete() : storage.complete();
    }

    /** Processes {@code line[from, end)} (no line terminator). */
    CommandResult execute(byte[] line, int from, int end) {
        if (!session.replies.beginResponse()) {
            return CommandResult.CLOSE; // memcached closes a connection it has no response object for
        }
        session.replies.noreply(false);
        Tokens t = session.tokens;
        int ntokens = t.tokenize(line, from, end);
        if (ntokens < 2 || t.length(0) < 2) {
            return error();
        }
        byte first = line[t.start(0)];
        if (first == 'm' && t.length(0) == 2) {
            return meta.run(line[t.start(0) + 1]);
        } else if (first == 'g') {
            if (ntokens < 3) {
                return error();
            }
            if (t.is(0, "get")) {
                return retrieval.get(from, end, false, false);
            } else if (t.is(0, "gets")) {
                return retrieval.get(from, end, true, false);
            } else if (t.is(0, "gat")) {
                return retrieval.get(from, end, false, true);
            } else if (t.is(0, "gats")) {
                return retrieval.get(from, end, true, true);
            }
            return error();
        } else if (first == 's') {
            if (t.is(0, "set")) {
                return ntokens == 6 || ntokens == 7 ? storage.update(StoreMode.SET, false) : error();
            } else if (t.is(0, "stats")) {
                return stats.stats();
            } else if (t.is(0, "shutdown")) {
                return admin.shutdown();
            } else if (t.is(0, "slabs")) {
                return admin.slabs();
            }
            return error();
        } else if (first == 'a') {
            if (t.is(0, "add")) {
                return ntokens == 6 || ntokens == 7 ? storage.update(StoreMode.ADD, false) : error();
            } else if (t.is(0, "append")) {
                return ntokens == 6 || ntokens == 7 ? storage.update(StoreMode.APPEND, false) : error();
            }
            return error();
        } else if (first == 'c') {
            if (t.is(0, "cas")) {
                return ntokens == 7 || ntokens == 8 ? storage.update(StoreMode.CAS, true) : error();
            } else if (t.is(0, "cache_memlimit")) {
                return ntokens == 3 || ntokens == 4 ? admin.cacheMemlimit() : error();
            } else if (t.is(0, "config") && session.server.settings().clusterConfigCommand) {
                return config.run(ntokens);
            }
            return error();
        } else if (first == 'i') {
            if (t.is(0, "incr")) {
                return ntokens == 4 || ntokens == 5 ? keys.arithmetic(true) : error();
            }
            return error();
        } else if (first == 'd') {
            if (t.is(0, "delete")) {
                return ntokens >= 3 && ntokens <= 5 ? keys.delete() : error();
            } else if (t.is(0, "decr")) {
                return ntokens == 4 || ntokens == 5 ? keys.arithmetic(false) : error();
            } else if (t.is(0, "debugtime") && session.server.settings().debugTimeCommand) {
                return admin.debugtime();
            }
            return error();
        } else if (first == 't') {
            if (t.is(0, "touch")) {
                return ntokens == 4 || ntokens == 5 ? keys.touch() : error();
            }
            return error();
        } else if (t.is(0, "replace")) {
            return ntokens == 6 || ntokens == 7 ? storage.update(StoreMode.REPLACE, false) : error();
        } else if (t.is(0, "prepend")) {
            return ntokens == 6 || ntokens == 7 ? storage.update(StoreMode.PREPEND, false) : error();
        } else if (t.is(0, "bget")) {
            return ntokens >= 3 ? retrieval.get(from, end, false, false) : error();
        } else if (t.is(0, "flush_all")) {
            return ntokens >= 2 && ntokens <= 4 ? admin.flushAll() : error();
        } else if (t.is(0, "version")) {
            return admin.version();
        } else if (t.is(0, "quit")) {
            return CommandResult.CLOSE_AFTER_WRITE;
        } else if (t.is(0, "lru_crawler")) {
            return admin.lruCrawler();
        } else if (t.is(0, "watch")) {
            return admin.watch();
        } else if (t.is(0, "verbosity")) {
            return ntokens == 3 || ntokens == 4 ? admin.verbosity() : error();
        } else if (t.is(0, "lru")) {
            return ntokens >= 3 ? admin.lru() : error();
        } else if (t.is(0, "extstore")) {
            return extstore.run(ntokens);
        } else if (t.is(0, "refresh_certs")) {
            return admin.refreshCerts();
        } else if (t.startsWith(ntokens - 2, "HTTP/")) {
            return CommandResult.CLOSE;
        }
        return error();
    }

    private CommandResult error() {
        session.replies.line("ERROR");
        return CommandResult.DONE;
    }
}
