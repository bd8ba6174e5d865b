package dev.ketch.server.stats;

/** Receives statistics one {@code name value} pair at a time, in the order a stats command prints them. */
@FunctionalInterface
public interface StatsSink {

    /** One statistic, already formatted as memcached prints it. */
    void stat(String name, String value);
}
