package dev.ketch.client.protocol;

/**
 * The meta protocol's {@code md <key> I T<seconds>}: marks the item stale (readers get its value
 * with the {@code X} flag and one of them the {@code W} flag to recompute it) and lets it live for
 * {@code staleSeconds}. True if the item existed (and, with a CAS unique, still had it).
 */
public final class InvalidateOperation extends SingleReplyOperation<Boolean> {

    private final int staleSeconds;
    private final long cas;

    /** @param cas only if the item's CAS unique is still this ({@code C}); 0 for any */
    public InvalidateOperation(byte[] key, int staleSeconds, long cas) {
        super(OpKind.INVALIDATE, key, Results.FOUND);
        this.staleSeconds = staleSeconds;
        this.cas = cas;
    }

    public long cas() {
        return cas;
    }

    public int staleSeconds() {
        return staleSeconds;
    }
}
