package dev.ketch.client;

/** The memcached protocol a client speaks to its servers. */
public enum Protocol {
    /** memcached's binary protocol: opaque-matched responses, quiet opcodes, SASL. The default. */
    BINARY,
    /** memcached's text (ASCII) protocol: ordered replies, {@code noreply}, text authentication. */
    TEXT
}
