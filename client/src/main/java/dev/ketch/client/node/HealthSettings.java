package dev.ketch.client.node;

/**
 * How a node judges its server's health and probes it once dead.
 *
 * @param failureLimit soft failures in a row that declare the server dead
 * @param retryInitialNanos delay before the first probe of a dead server
 * @param retryMaxNanos longest delay between probes
 * @param silence how a server that stops answering is noticed before its operations time out, or
 *     null to rely on timeouts alone
 */
public record HealthSettings(int failureLimit, long retryInitialNanos, long retryMaxNanos, Silence silence) {

    /**
     * A connection is silent when it has had requests outstanding, and read nothing, for longer
     * than {@code max(floorNanos, multiple × p99)} of its recent such waits (at most the operation
     * timeout, or the floor if that is longer); its server is then probed on a fresh connection
     * and declared dead if it does not answer within {@code probeTimeoutNanos}.
     */
    public record Silence(long floorNanos, int multiple, long probeTimeoutNanos) {
        public Silence {
            if (floorNanos <= 0 || multiple < 1 || probeTimeoutNanos <= 0) {
                throw new IllegalArgumentException("bad silence detection " + floorNanos + " ns, x" + multiple + ", "
                        + probeTimeoutNanos + " ns");
            }
        }
    }

    public HealthSettings {
        if (failureLimit < 1) {
            throw new IllegalArgumentException("failure limit must be at least 1: " + failureLimit);
        }
        if (retryInitialNanos <= 0 || retryMaxNanos < retryInitialNanos) {
            throw new IllegalArgumentException("bad retry timeouts " + retryInitialNanos + ".." + retryMaxNanos);
        }
    }

    /** Without silence detection. */
    public HealthSettings(int failureLimit, long retryInitialNanos, long retryMaxNanos) {
        this(failureLimit, retryInitialNanos, retryMaxNanos, null);
    }
}
