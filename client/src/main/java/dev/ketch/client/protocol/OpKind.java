package dev.ketch.client.protocol;

/** Every request a client sends, as both protocols' codecs know them. */
public enum OpKind {
    GET,
    /** A get that also returns the CAS unique ({@code gets}). */
    GETS,
    /** Get and touch ({@code gat}). */
    GAT,
    /** Get and touch, with the CAS unique ({@code gats}). */
    GATS,
    /** Many keys in one round trip: {@code get k1 k2 ...}, or a GETQ per key and a GET for the last. */
    MULTI_GET,
    /** {@link #MULTI_GET} with CAS uniques ({@code gets}). */
    MULTI_GETS,
    /**
     * Single-key gets (or gets with CAS) of different callers that were queued together, sent as one
     * request ({@link GetBatch}): the text protocol's {@code get k1 k2 ...}.
     */
    GET_BATCH,
    SET,
    ADD,
    REPLACE,
    APPEND,
    PREPEND,
    CAS,
    DELETE,
    INCR,
    DECR,
    TOUCH,
    /** The meta protocol's {@code mg} with metadata flags (and stampede flags). */
    META_GET,
    /** The meta protocol's {@code md k I}: mark stale. */
    INVALIDATE,
    FLUSH_ALL,
    NOOP,
    VERSION,
    STATS,
    VERBOSITY,
    /** SASL authentication with the PLAIN mechanism (binary protocol). */
    SASL_PLAIN,
    /** memcached's text-protocol authentication ({@code set} carrying {@code user pass}). */
    TEXT_AUTH;

    private final String command = name().toLowerCase(java.util.Locale.ROOT);

    /** The command's name for logs and metrics, e.g. {@code "get"}, {@code "multi_get"}. */
    public String command() {
        return command;
    }

    /** True for the storage commands that carry a value. */
    public boolean isStore() {
        return this == SET || this == ADD || this == REPLACE || this == APPEND || this == PREPEND || this == CAS;
    }

    /**
     * True for the retrievals (get, gets, gat, gats and the multi-gets): sending one twice does no
     * harm, so one lost with its connection may be sent again.
     */
    public boolean isRead() {
        return this == GET || this == GETS || this == GAT || this == GATS || isMultiGet();
    }

    public boolean isMultiGet() {
        return this == MULTI_GET || this == MULTI_GETS;
    }
}
