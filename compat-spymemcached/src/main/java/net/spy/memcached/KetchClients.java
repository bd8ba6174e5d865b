package net.spy.memcached;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.MemcacheClientBuilder;
import dev.ketch.client.Protocol;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.TlsSettings;
import dev.ketch.client.transcode.CachedData;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Builds the Ketch client a {@link MemcachedClient} runs on from spymemcached's settings. */
final class KetchClients {

    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(50);

    private KetchClients() {
    }

    static MemcacheClient<CachedData> build(ConnectionFactory cf, List<ServerAddress> servers, ServerRegistry registry,
            boolean binary, ServerSelection.Routing routing, FailureMode failureMode, long lifetimeMillis) {
        Duration maxReconnect = Duration.ofSeconds(cf.getMaxReconnectDelay());
        MemcacheClientBuilder<CachedData> builder = MemcacheClient.builder()
                .transcoder(RawTranscoder.INSTANCE)
                .servers(servers)
                .distribution(routing.distribution())
                .hash(routing.hash())
                .protocol(binary ? Protocol.BINARY : Protocol.TEXT)
                .operationTimeout(Duration.ofMillis(lifetimeMillis))
                .maxOutstanding(Math.max(1, cf.createOperationQueue().remainingCapacity()))
                // the transcoder enforces its own limit; larger items are refused by the server, as with spymemcached
                .maxItemSize(Integer.MAX_VALUE)
                .reconnectDelay(FIRST_RECONNECT_DELAY.compareTo(maxReconnect) < 0 ? FIRST_RECONNECT_DELAY : maxReconnect,
                        maxReconnect)
                .listener(registry);
        if (cf.getAuthDescriptor() != null) {
            SaslCredentials credentials = SaslCredentials.of(cf.getAuthDescriptor());
            builder.credentials(credentials.username(), credentials.password());
        }
        SSLContext tls = cf.getSSLContext();
        if (tls != null) {
            TlsSettings.Builder settings = TlsSettings.builder().sslContext(() -> tls)
                    .hostnameVerification(!cf.skipTlsHostnameVerification());
            if (cf.getHostnameForTlsVerification() != null) {
                settings.verifiedHostName(cf.getHostnameForTlsVerification());
            }
            builder.tls(settings.build());
        }
        FailoverMapping.apply(failureMode, builder);
        return builder.build();
    }
}
