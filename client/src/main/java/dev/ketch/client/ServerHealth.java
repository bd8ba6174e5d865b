package dev.ketch.client;

import java.time.Duration;
import java.time.Instant;

/**
 * One server's state in a {@link ClientHealth} snapshot.
 *
 * @param server the server as configured, {@code host:port}
 * @param state whether it serves its keys now
 * @param address the address its host name last resolved to, or null if it was not resolved by
 *     the client's DNS refresh (an address literal, or refresh off)
 * @param outstanding operations sent to it and not finished
 * @param latency a moving average of its operations' latency (from submission to completion; a
 *     sample of one operation in 16, the last 50 or so samples weighing most); zero before the
 *     first sample
 * @param lastError the last failure seen on it (an operation's, a connection's), or null
 * @param lastErrorAt when {@code lastError} happened, or null
 */
public record ServerHealth(String server, State state, String address, int outstanding, Duration latency,
        String lastError, Instant lastErrorAt) {

    /** Whether a server serves its keys. */
    public enum State {
        /** Connected: its keys go to it. */
        UP,
        /** Not connected yet, or reconnecting: operations wait for the connection within their timeout. */
        CONNECTING,
        /** Declared dead and ejected: its keys go to the next server until it answers a probe. */
        EJECTED,
        /** Declared dead, not ejected (fail-fast failover): its keys fail at once until it answers a probe. */
        DOWN
    }

    /** One line: {@code host:port UP 0.21ms 3 outstanding, last error ... 12s ago}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(server).append(' ').append(state);
        if (address != null) {
            sb.append(" at ").append(address);
        }
        sb.append(' ').append(String.format(java.util.Locale.ROOT, "%.2fms", latency.toNanos() / 1e6))
                .append(' ').append(outstanding).append(" outstanding");
        if (lastError != null) {
            sb.append(", last error: ").append(lastError);
            if (lastErrorAt != null) {
                sb.append(' ').append(Duration.between(lastErrorAt, Instant.now()).toSeconds()).append("s ago");
            }
        }
        return sb.toString();
    }
}
