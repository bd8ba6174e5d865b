package dev.ketch.client.protocol;

import dev.ketch.client.CasResult;
import dev.ketch.client.MemcacheServerException;
import dev.ketch.client.MemcacheStatus;

/**
 * How replies become results, per command. Statuses that are ordinary outcomes (an add that finds
 * the key, a cas that finds it changed) become results; the rest are server errors. Both protocols
 * reach the same results: the text protocol's {@code NOT_STORED} and the binary protocol's
 * KEY_EXISTS for an add of a present key both mean "not stored".
 */
public final class Results {

    private Results() {
    }

    public static MemcacheServerException error(Reply reply) {
        return new MemcacheServerException(reply.status(), reply.message());
    }

    /** set: stored, or a server error. */
    public static final ReplyMapper<Boolean> SET = r -> {
        if (r.isOk()) {
            return Boolean.TRUE;
        }
        throw error(r);
    };

    /** add, replace, append, prepend: stored, or the condition failed. */
    public static final ReplyMapper<Boolean> CONDITIONAL_STORE = r -> {
        switch (r.status()) {
            case OK:
                return Boolean.TRUE;
            case ITEM_NOT_STORED:
            case KEY_EXISTS:
            case KEY_NOT_FOUND:
                return Boolean.FALSE;
            default:
                throw error(r);
        }
    };

    /** cas and delete-with-cas: matched, changed since, or gone. */
    public static final ReplyMapper<CasResult> CAS = r -> {
        switch (r.status()) {
            case OK:
                return CasResult.OK;
            case KEY_EXISTS:
                return CasResult.EXISTS;
            case KEY_NOT_FOUND:
                return CasResult.NOT_FOUND;
            default:
                throw error(r);
        }
    };

    /** delete and touch: done, or the key was absent. */
    public static final ReplyMapper<Boolean> FOUND = r -> {
        if (r.isOk()) {
            return Boolean.TRUE;
        }
        if (r.status() == MemcacheStatus.KEY_NOT_FOUND) {
            return Boolean.FALSE;
        }
        throw error(r);
    };

    /** Commands whose success carries nothing. */
    public static final ReplyMapper<Void> DONE = r -> {
        if (r.isOk()) {
            return null;
        }
        throw error(r);
    };
}
