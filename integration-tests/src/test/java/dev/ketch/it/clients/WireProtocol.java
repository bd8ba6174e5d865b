package dev.ketch.it.clients;

/** The memcached protocol a client is configured to speak. */
public enum WireProtocol {
    TEXT,
    BINARY;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
