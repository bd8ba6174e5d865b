package dev.ketch.client.node;

/**
 * How a node judges its server's health and probes it once dead.
 *
 * @param failureLimit soft failures in a row that declare the server dead
 * @param retryInitialNanos delay before the first probe of a dead server
 * @param retryMaxNanos longest delay between probes
 */
public record HealthSettings(int failureLimit, long retryInitialNanos, long retryMaxNanos) {

    public HealthSettings {
        if (failureLimit < 1) {
            throw new IllegalArgumentException("failure limit must be at least 1: " + failureLimit);
        }
        if (retryInitialNanos <= 0 || retryMaxNanos < retryInitialNanos) {
            throw new IllegalArgumentException("bad retry timeouts " + retryInitialNanos + ".." + retryMaxNanos);
        }
    }
}
