package dev.ketch.examples;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.TlsSettings;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;

/** TLS to memcached -Z or a managed service, mutual TLS included. */
public final class TlsExample {

    private TlsExample() {
    }

    /** A client trusting the authority in {@code caPem} and presenting {@code clientPem}/{@code clientKey}. */
    static MemcacheClient<String> client(Path caPem, Path clientPem, Path clientKey, String... servers) {
        // tag::client[]
        MemcacheClient<String> client = MemcacheClient.builder()
                .servers(servers)                                                  // e.g. "cache-1.example.com:11211"
                .tls(TlsSettings.builder()
                        .trustedCertificates(caPem)                                // omit: the JVM's CAs
                        .clientCertificate(clientPem, clientKey)                   // mutual TLS (optional)
                        .build())
                .build();
        // end::client[]
        return client;
    }

    /** The spymemcached drop-in's connection factory for TLS through {@code sslContext}. */
    static ConnectionFactory spymemcachedFactory(SSLContext sslContext) {
        // tag::spymemcached[]
        ConnectionFactory factory = new ConnectionFactoryBuilder()
                .setSSLContext(sslContext)                          // null (the default): plaintext
                .setHostnameForTlsVerification("cache.example")      // optional: one name for every server
                .setSkipTlsHostnameVerification(false)               // optional: true accepts any host name
                .build();
        // end::spymemcached[]
        return factory;
    }
}
