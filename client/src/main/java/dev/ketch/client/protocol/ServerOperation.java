package dev.ketch.client.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command for a server as a whole: flush_all, noop, version, stats, verbosity.
 *
 * @param <T> {@code Void}, the version {@code String}, or the stats {@code Map}
 */
public final class ServerOperation<T> extends Operation<T> {

    private final int number;
    private final String argument;
    private Map<String, String> stats;

    private ServerOperation(OpKind kind, int number, String argument) {
        super(kind);
        this.number = number;
        this.argument = argument;
    }

    /** {@code flush_all [delay]}; a delay of 0 flushes now. */
    public static ServerOperation<Void> flushAll(int delay) {
        return new ServerOperation<>(OpKind.FLUSH_ALL, delay, null);
    }

    public static ServerOperation<Void> noop() {
        return new ServerOperation<>(OpKind.NOOP, 0, null);
    }

    public static ServerOperation<String> version() {
        return new ServerOperation<>(OpKind.VERSION, 0, null);
    }

    /** {@code stats [group]}; null or empty for the general statistics. */
    public static ServerOperation<Map<String, String>> stats(String group) {
        return new ServerOperation<>(OpKind.STATS, 0, group == null ? "" : group);
    }

    public static ServerOperation<Void> verbosity(int level) {
        return new ServerOperation<>(OpKind.VERBOSITY, level, null);
    }

    /** The flush delay or verbosity level. */
    public int number() {
        return number;
    }

    /** The stats group ("" for general). */
    public String argument() {
        return argument;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean onReply(Reply reply) {
        if (kind() == OpKind.STATS) {
            if (reply.kind() == Reply.Kind.ITEM && reply.isOk()) {
                if (stats == null) {
                    stats = new LinkedHashMap<>();
                }
                stats.put(reply.statName(), reply.statValue());
                return false;
            }
            if (reply.isOk()) {
                complete((T) (stats == null ? new LinkedHashMap<String, String>() : stats));
            } else {
                fail(Results.error(reply));
            }
            return true;
        }
        if (!reply.isOk()) {
            fail(Results.error(reply));
        } else {
            complete(kind() == OpKind.VERSION ? (T) reply.statValue() : null);
        }
        return true;
    }
}
