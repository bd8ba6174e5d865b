package net.spy.memcached;

import net.spy.memcached.metrics.MetricCollector;
import net.spy.memcached.metrics.MetricType;

/**
 * spymemcached's client metrics, by its names, fed by the drop-in's operations: requests and
 * responses (success or failure), time from sending to the answer, and bytes per request and per
 * answer as the protocol encodes them (spymemcached measures bytes per socket write and read,
 * which batch several requests; the drop-in's transport is Ketch's, so it counts each request).
 */
final class ClientMetrics {

    static final String OVERALL_REQUEST_METRIC = "[MEM] Request Rate: All";
    static final String OVERALL_AVG_BYTES_WRITE_METRIC = "[MEM] Average Bytes written to OS per write";
    static final String OVERALL_AVG_BYTES_READ_METRIC = "[MEM] Average Bytes read from OS per read";
    static final String OVERALL_AVG_TIME_ON_WIRE_METRIC = "[MEM] Average Time on wire for operations (µs)";
    static final String OVERALL_RESPONSE_METRIC = "[MEM] Response Rate: All (Failure + Success + Retry)";
    static final String OVERALL_RESPONSE_RETRY_METRIC = "[MEM] Response Rate: Retry";
    static final String OVERALL_RESPONSE_FAIL_METRIC = "[MEM] Response Rate: Failure";
    static final String OVERALL_RESPONSE_SUCC_METRIC = "[MEM] Response Rate: Success";
    static final String RECON_QUEUE_METRIC = "[MEM] Reconnecting Nodes (ReconnectQueue)";
    static final String SHUTD_QUEUE_METRIC = "[MEM] Shutting Down Nodes (NodesToShutdown)";

    /** The size of a binary request or response header. */
    static final int HEADER = 24;

    private ClientMetrics() {
    }

    /** Registers what spymemcached registers for {@code type}. */
    static void register(MetricCollector metrics, MetricType type) {
        if (type == MetricType.DEBUG || type == MetricType.PERFORMANCE) {
            metrics.addHistogram(OVERALL_AVG_BYTES_READ_METRIC);
            metrics.addHistogram(OVERALL_AVG_BYTES_WRITE_METRIC);
            metrics.addHistogram(OVERALL_AVG_TIME_ON_WIRE_METRIC);
            metrics.addMeter(OVERALL_RESPONSE_METRIC);
            metrics.addMeter(OVERALL_REQUEST_METRIC);
            if (type == MetricType.DEBUG) {
                metrics.addCounter(RECON_QUEUE_METRIC);
                metrics.addCounter(SHUTD_QUEUE_METRIC);
                metrics.addMeter(OVERALL_RESPONSE_RETRY_METRIC);
                metrics.addMeter(OVERALL_RESPONSE_SUCC_METRIC);
                metrics.addMeter(OVERALL_RESPONSE_FAIL_METRIC);
            }
        }
    }

    /** A request of {@code bytes} was sent. */
    static void sent(MetricCollector metrics, MetricType type, int bytes) {
        if (type != MetricType.OFF) {
            metrics.markMeter(OVERALL_REQUEST_METRIC);
            metrics.updateHistogram(OVERALL_AVG_BYTES_WRITE_METRIC, bytes);
        }
    }

    /** An answer of {@code bytes} came {@code micros} after the request, successful or not. */
    static void answered(MetricCollector metrics, MetricType type, boolean success, long micros, int bytes) {
        if (type != MetricType.OFF) {
            metrics.updateHistogram(OVERALL_AVG_BYTES_READ_METRIC, bytes);
            metrics.updateHistogram(OVERALL_AVG_TIME_ON_WIRE_METRIC, (int) Math.min(Integer.MAX_VALUE, micros));
            metrics.markMeter(OVERALL_RESPONSE_METRIC);
            if (type == MetricType.DEBUG) {
                metrics.markMeter(success ? OVERALL_RESPONSE_SUCC_METRIC : OVERALL_RESPONSE_FAIL_METRIC);
            }
        }
    }
}
