package dev.ketch.server.protocol.binary;

import dev.ketch.server.engine.Cache;
import dev.ketch.server.engine.PendingItem;
import dev.ketch.server.engine.StoreMode;
import dev.ketch.server.engine.StoreResult;

/**
 * {@code SET}, {@code ADD}, {@code REPLACE}, {@code APPEND}, {@code PREPEND} and their quiet
 * variants (memcached's {@code process_bin_update}, {@code process_bin_append_prepend} and
 * {@code complete_update_bin}).
 *
 * <p>The item is allocated when the request's header and key have arrived; the value is then
 * streamed into it by the handler, which supplies the {@code \r\n} memcached stores after it.
 * When allocation fails the error is answered at once and the value swallowed. A store that
 * carries a CAS unique is a compare-and-swap, whatever its opcode.
 */
final class BinaryStorage {

    private static final String OUT_OF_MEMORY = "Out of memory allocating item";

    private final BinarySession session;
    private final Cache cache;

    BinaryStorage(BinarySession session) {
        this.session = session;
        this.cache = session.server.cache();
    }

    /** {@code SET}/{@code ADD}/{@code REPLACE}: extras are flags and expiration. */
    Next update() {
        StoreMode mode = switch (session.command) {
            case Opcodes.ADD -> StoreMode.ADD;
            case Opcodes.REPLACE -> StoreMode.REPLACE;
            default -> StoreMode.SET;
        };
        session.trace("<" + session.connectionId + " " + (mode == StoreMode.ADD ? "ADD" : mode == StoreMode.SET ? "SET" : "REPLACE")
                + " " + session.keyText() + " Value len is " + session.header.valueLength());
        return allocate(mode, session.extrasInt(0), session.extrasUnsignedInt(4));
    }

    /** {@code APPEND}/{@code PREPEND}: no extras; the old item keeps its flags and expiry. */
    Next appendPrepend() {
        session.trace("Value len is " + session.header.valueLength());
        return allocate(session.command == Opcodes.APPEND ? StoreMode.APPEND : StoreMode.PREPEND, 0, 0);
    }

    private Next allocate(StoreMode mode, int flags, long exptime) {
        byte[] key = session.key();
        int valueLength = session.header.valueLength();
        if (session.server.settings().detailEnabled) {
            session.server.prefixStats().recordSet(key);
        }
        PendingItem pending = cache.allocate(mode, key, flags, exptime, valueLength);
        if (pending.status() != PendingItem.Status.READY) {
            pending.release();
            if (pending.status() == PendingItem.Status.TOO_LARGE) {
                session.replies.error(Status.E2BIG);
            } else {
                session.replies.error(Status.ENOMEM, OUT_OF_MEMORY);
            }
            session.swallow(Math.max(valueLength, 0));
            // memcached swallows here without transmitting, even when there is nothing to swallow
            return Next.SWALLOW;
        }
        long cas = session.header.cas();
        if (cas != 0 && mode != StoreMode.APPEND && mode != StoreMode.PREPEND) {
            pending.compareAndSwap();
        }
        session.expectValue(pending, cas);
        return Next.READ_VALUE;
    }

    /** The whole value has arrived: store it and answer. */
    Next complete() {
        PendingItem pending = session.pending();
        long cas = session.pendingCas();
        session.clearPending();
        StoreResult result;
        try {
            pending.writeTerminator();
            result = cache.store(pending, cas);
        } finally {
            pending.release();
        }
        switch (result) {
            case STORED:
                session.replies.cas(pending.cas());
                if (!session.quiet) {
                    session.replies.success(new byte[0]);
                }
                return Next.NEW_COMMAND;
            case EXISTS:
                session.replies.error(Status.KEY_EEXISTS);
                return Next.TRANSMIT;
            case NOT_FOUND:
                session.replies.error(Status.KEY_ENOENT);
                return Next.TRANSMIT;
            default:
                session.replies.error(switch (pending.mode()) {
                    case ADD -> Status.KEY_EEXISTS;
                    case REPLACE -> Status.KEY_ENOENT;
                    default -> Status.NOT_STORED;
                });
                return Next.TRANSMIT;
        }
    }
}
