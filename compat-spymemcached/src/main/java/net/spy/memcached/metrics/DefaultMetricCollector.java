package net.spy.memcached.metrics;

import com.codahale.metrics.ConsoleReporter;
import com.codahale.metrics.Counter;
import com.codahale.metrics.CsvReporter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Slf4jReporter;
import java.io.File;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Collects into a Dropwizard Metrics registry (the optional dependency {@code
 * io.dropwizard.metrics:metrics-core}, whose package is still {@code com.codahale.metrics}),
 * reported as the system properties say: {@code net.spy.metrics.reporter.type} {@code console}
 * (the default), {@code jmx} (with {@code io.dropwizard.metrics:metrics-jmx}), {@code csv} (into
 * {@code net.spy.metrics.reporter.outdir}) or {@code slf4j}, every {@code
 * net.spy.metrics.reporter.interval} seconds (30).
 */
public final class DefaultMetricCollector extends AbstractMetricCollector {

    /** The reporter unless {@code net.spy.metrics.reporter.type} says otherwise. */
    public static final String DEFAULT_REPORTER_TYPE = "console";
    /** Seconds between reports unless {@code net.spy.metrics.reporter.interval} says otherwise. */
    public static final String DEFAULT_REPORTER_INTERVAL = "30";
    /** The CSV directory unless {@code net.spy.metrics.reporter.outdir} says otherwise. */
    public static final String DEFAULT_REPORTER_OUTDIR = "";

    private final MetricRegistry registry = new MetricRegistry();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Meter> meters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> histograms = new ConcurrentHashMap<>();

    /**
     * A collector with the reporter the system properties name.
     *
     * @throws IllegalStateException for an unknown reporter type
     */
    public DefaultMetricCollector() {
        String type = System.getProperty("net.spy.metrics.reporter.type", DEFAULT_REPORTER_TYPE);
        int interval = Integer.parseInt(System.getProperty("net.spy.metrics.reporter.interval", DEFAULT_REPORTER_INTERVAL));
        switch (type) {
            case "console":
                ConsoleReporter.forRegistry(registry).convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.SECONDS)
                        .build().start(interval, TimeUnit.SECONDS);
                break;
            case "jmx":
                startJmxReporter();
                break;
            case "csv":
                CsvReporter.forRegistry(registry).convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.SECONDS)
                        .build(new File(System.getProperty("net.spy.metrics.reporter.outdir", DEFAULT_REPORTER_OUTDIR)))
                        .start(interval, TimeUnit.SECONDS);
                break;
            case "slf4j":
                Slf4jReporter.forRegistry(registry).convertRatesTo(TimeUnit.SECONDS).convertDurationsTo(TimeUnit.SECONDS)
                        .outputTo(LoggerFactory.getLogger(MetricCollector.class)).build().start(interval, TimeUnit.SECONDS);
                break;
            default:
                throw new IllegalStateException("Unknown Metrics Reporter Type: " + type);
        }
    }

    /** Metrics 4 moved its JMX reporter into metrics-jmx: found by name, so that it stays optional. */
    private void startJmxReporter() {
        try {
            Class<?> reporter = Class.forName("com.codahale.metrics.jmx.JmxReporter");
            Object builder = reporter.getMethod("forRegistry", MetricRegistry.class).invoke(null, registry);
            builder = builder.getClass().getMethod("convertRatesTo", TimeUnit.class).invoke(builder, TimeUnit.SECONDS);
            builder = builder.getClass().getMethod("convertDurationsTo", TimeUnit.class).invoke(builder, TimeUnit.SECONDS);
            Object built = builder.getClass().getMethod("build").invoke(builder);
            built.getClass().getMethod("start").invoke(built);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the jmx metrics reporter needs io.dropwizard.metrics:metrics-jmx", e);
        }
    }

    @Override
    public void addCounter(String name) {
        counters.computeIfAbsent(name, registry::counter);
    }

    @Override
    public void removeCounter(String name) {
        if (counters.remove(name) != null) {
            registry.remove(name);
        }
    }

    @Override
    public void incrementCounter(String name, int amount) {
        Counter c = counters.get(name);
        if (c != null) {
            c.inc(amount);
        }
    }

    @Override
    public void decrementCounter(String name, int amount) {
        Counter c = counters.get(name);
        if (c != null) {
            c.dec(amount);
        }
    }

    @Override
    public void addMeter(String name) {
        meters.computeIfAbsent(name, registry::meter);
    }

    @Override
    public void removeMeter(String name) {
        if (meters.remove(name) != null) {
            registry.remove(name);
        }
    }

    @Override
    public void markMeter(String name) {
        Meter m = meters.get(name);
        if (m != null) {
            m.mark();
        }
    }

    @Override
    public void addHistogram(String name) {
        histograms.computeIfAbsent(name, registry::histogram);
    }

    @Override
    public void removeHistogram(String name) {
        if (histograms.remove(name) != null) {
            registry.remove(name);
        }
    }

    @Override
    public void updateHistogram(String name, int amount) {
        Histogram h = histograms.get(name);
        if (h != null) {
            h.update(amount);
        }
    }
}
