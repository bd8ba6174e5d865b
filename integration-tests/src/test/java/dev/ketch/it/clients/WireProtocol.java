package dev.ketch.it.clients;

import java.util.Locale;

/** The memcached protocol a client is configured to speak. */
public enum WireProtocol {
    TEXT,
    BINARY;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
