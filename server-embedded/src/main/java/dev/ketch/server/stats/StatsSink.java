package dev.ketch.server.stats;

/** Receives statistics as name/value pairs in report order; each protocol renders them its way. */
@FunctionalInterface
public interface StatsSink {
    void stat(String name, String value);
}
