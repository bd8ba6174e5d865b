package net.spy.memcached.metrics;

/** The by-one counter methods, over the by-amount ones. */
public abstract class AbstractMetricCollector implements MetricCollector {

    /** A collector. */
    public AbstractMetricCollector() {
    }

    @Override
    public void decrementCounter(String name) {
        decrementCounter(name, 1);
    }

    @Override
    public void incrementCounter(String name) {
        incrementCounter(name, 1);
    }
}
