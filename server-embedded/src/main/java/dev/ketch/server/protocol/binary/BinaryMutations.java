package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.ArithmeticResult;
import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.DeleteResult;

/**
 * {@code DELETE} and {@code INCREMENT}/{@code DECREMENT} with their quiet variants (memcached's
 * {@code process_bin_delete} and {@code complete_incr_bin}). Both honour the request's CAS.
 */
final class BinaryMutations {

    /** An incr/decr expiration of all ones: do not create a missing key. */
    private static final long NO_CREATE = 0xffff_ffffL;

    private final BinarySession session;
    private final Cache cache;

    BinaryMutations(BinarySession session) {
        this.session = session;
        this.cache = session.server.cache();
    }

    Next delete() {
        byte[] key = session.key();
        session.trace("Deleting " + session.keyText());
        if (session.server.settings().detailEnabled) {
            session.server.prefixStats().recordDelete(key);
        }
        DeleteResult result = cache.delete(key, session.header.cas());
        switch (result) {
            case DELETED:
                return success();
            case EXISTS:
                session.replies.error(Status.KEY_EEXISTS);
                return Next.TRANSMIT;
            default:
                session.replies.error(Status.KEY_ENOENT);
                return Next.TRANSMIT;
        }
    }

    /**
     * Extras: delta (8 bytes), initial value (8), expiration (4). A missing key is created with
     * the initial value unless the expiration is {@code 0xffffffff}.
     */
    Next arithmetic() {
        boolean incr = session.command == Opcodes.INCREMENT;
        long delta = session.extrasLong(0);
        long initial = session.extrasLong(8);
        long exptime = session.extrasUnsignedInt(16);
        session.trace("incr " + session.keyText() + " " + delta + ", " + Long.toUnsignedString(initial) + ", " + (int) exptime);
        ArithmeticResult result = session.arithmetic;
        if (exptime == NO_CREATE) {
            cache.arithmetic(session.key(), incr, delta, session.header.cas(), result);
        } else {
            cache.arithmeticOrCreate(session.key(), incr, delta, session.header.cas(), initial, exptime, result);
        }
        BinaryReplies replies = session.replies;
        switch (result.status()) {
            case OK:
                replies.cas(result.cas());
                if (!session.quiet) {
                    replies.successNumber(result.value());
                }
                return Next.NEW_COMMAND;
            case NON_NUMERIC:
                replies.error(Status.DELTA_BADVAL);
                break;
            case NO_MEMORY:
                replies.error(Status.ENOMEM, "Out of memory incrementing value");
                break;
            case CAS_MISMATCH:
                replies.error(Status.KEY_EEXISTS);
                break;
            case NOT_STORED:
                replies.error(Status.NOT_STORED);
                break;
            default:
                replies.error(Status.KEY_ENOENT);
                break;
        }
        return Next.TRANSMIT;
    }

    private Next success() {
        if (!session.quiet) {
            session.replies.success(new byte[0]);
        }
        return Next.NEW_COMMAND;
    }
}
