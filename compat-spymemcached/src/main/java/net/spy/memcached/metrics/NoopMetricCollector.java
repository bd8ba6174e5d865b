package net.spy.memcached.metrics;

/** Collects nothing: the collector when metrics are off. */
public final class NoopMetricCollector extends AbstractMetricCollector {

    /** The collector. */
    public NoopMetricCollector() {
    }

    @Override
    public void addCounter(String name) {
    }

    @Override
    public void removeCounter(String name) {
    }

    @Override
    public void incrementCounter(String name, int amount) {
    }

    @Override
    public void decrementCounter(String name, int amount) {
    }

    @Override
    public void addMeter(String name) {
    }

    @Override
    public void removeMeter(String name) {
    }

    @Override
    public void markMeter(String name) {
    }

    @Override
    public void addHistogram(String name) {
    }

    @Override
    public void removeHistogram(String name) {
    }

    @Override
    public void updateHistogram(String name, int amount) {
    }
}
