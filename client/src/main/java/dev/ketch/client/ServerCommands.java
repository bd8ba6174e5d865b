package dev.ketch.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server-wide commands for one server alone ({@link MemcacheClient#onServer}), each future
 * completing with that server's answer or failure whatever the other servers do: a caller that
 * polls every server (for versions or statistics, say) sees the answers of those that are up
 * beside the failures of those that are not, where {@link MemcacheClient#version()} and {@link
 * MemcacheClient#stats(String)} fail as a whole.
 */
public interface ServerCommands {

    /** The server this view sends to. */
    ServerAddress server();

    /** {@code flush_all} (after {@code delaySeconds} if positive). */
    CompletableFuture<Void> flushAll(int delaySeconds);

    /** A round trip. */
    CompletableFuture<Void> noop();

    /** The server's version. */
    CompletableFuture<String> version();

    /** The server's statistics of {@code group} ({@code null} or empty for general statistics). */
    CompletableFuture<Map<String, String>> stats(String group);

    /** Sets the server's verbosity (text protocol only). */
    CompletableFuture<Void> verbosity(int level);
}
