package dev.ketch.client;

/** The outcome of a compare-and-swap (a {@code cas} store, or a delete with a CAS unique). */
public enum CasResult {
    /** The CAS unique matched: the value was stored (or deleted). */
    OK,
    /** The item changed since the CAS unique was read: nothing was done. */
    EXISTS,
    /** The item is gone (deleted, expired or evicted): nothing was done. */
    NOT_FOUND
}
