package net.spy.memcached.metrics;

/** Which metrics a client collects. */
public enum MetricType {
    /** None. */
    OFF,
    /** Request and response rates per server. */
    PERFORMANCE,
    /** Also byte counts, time on the wire and response kinds. */
    DEBUG
}
