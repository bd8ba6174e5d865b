package net.spy.memcached.metrics;

/** Receives the client's metrics: counters, meters (rates) and histograms, by name. */
public interface MetricCollector {

    /** Registers a counter. */
    void addCounter(String name);

    /** Unregisters a counter. */
    void removeCounter(String name);

    /** Adds 1 to a counter. */
    void incrementCounter(String name);

    /** Adds {@code amount} to a counter. */
    void incrementCounter(String name, int amount);

    /** Subtracts 1 from a counter. */
    void decrementCounter(String name);

    /** Subtracts {@code amount} from a counter. */
    void decrementCounter(String name, int amount);

    /** Registers a meter. */
    void addMeter(String name);

    /** Unregisters a meter. */
    void removeMeter(String name);

    /** Marks one event on a meter. */
    void markMeter(String name);

    /** Registers a histogram. */
    void addHistogram(String name);

    /** Unregisters a histogram. */
    void removeHistogram(String name);

    /** Adds a sample to a histogram. */
    void updateHistogram(String name, int amount);
}
