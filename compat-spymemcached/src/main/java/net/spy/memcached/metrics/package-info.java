/**
 * spymemcached's metric collectors; {@code DefaultMetricCollector} needs Dropwizard Metrics
 * ({@code io.dropwizard.metrics:metrics-core}, an optional dependency) on the class path.
 */
package net.spy.memcached.metrics;
