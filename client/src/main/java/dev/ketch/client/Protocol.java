package dev.ketch.client;

/** The memcached protocol a client speaks to its servers. */
public enum Protocol {
    /** memcached's binary protocol: opaque-matched responses, quiet opcodes, SASL. The default. */
    BINARY,
    /** memcached's text (ASCII) protocol: ordered replies, {@code noreply}, text authentication. */
    TEXT,
    /**
     * memcached's meta protocol ({@code mg ms md ma mn}, memcached 1.6 and later): pipelined with
     * quiet requests, any byte string as a key (base64 on the wire), item metadata
     * ({@link MemcacheClient#getWithMetadata}) and stampede protection with stale values
     * ({@link MemcacheClient#getOrLoad}, {@link MemcacheClient#invalidate}); text authentication.
     */
    META
}
