package dev.ketch.client;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a client discovers its servers and how that went, in a {@link ClientHealth} snapshot.
 *
 * @param source what is asked, e.g. {@code config endpoint cfg.example:11211}
 * @param version the version of the list in use, as the source numbers it (ElastiCache's
 *     configuration version), or null if it does not number them or none was received
 * @param discovered true once the source has answered at least once
 * @param lastSuccess when it last answered, or null
 * @param lastError why the last attempt failed, or null if it succeeded
 * @param lastErrorAt when {@code lastError} happened, or null
 */
public record DiscoveryHealth(String source, String version, boolean discovered, Instant lastSuccess,
        String lastError, Instant lastErrorAt) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("discovery from ").append(source);
        if (!discovered) {
            sb.append(" has not answered yet, using the configured servers");
        } else {
            sb.append(version == null ? "" : " version " + version)
                    .append(", answered ").append(Duration.between(lastSuccess, Instant.now()).toSeconds())
                    .append("s ago");
        }
        if (lastError != null) {
            sb.append(", failing: ").append(lastError);
        }
        return sb.toString();
    }
}
