package dev.ketch.client;

import dev.ketch.client.testing.TestServer;
import dev.ketch.client.testing.TlsFixtures;
import dev.ketch.server.testing.LeakDetectionExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ClientContract} against the memcached server (-Z) with mutual TLS (client certificates required), in the text protocol, through the JDK TLS provider. */
@ExtendWith(LeakDetectionExtension.class)
class MemcachedTlsTextJdkClientTest extends ClientContract {

    @Override
    TestServer startServer() {
        return TestServer.memcachedTls(TlsFixtures.get().server(), TlsFixtures.get().ca().certificate());
    }

    @Override
    Protocol protocol() {
        return Protocol.TEXT;
    }

    @Override
    MemcacheClientBuilder<String> configure(MemcacheClientBuilder<String> builder) {
        return builder.tls(TlsFixtures.get().mutual().provider(TlsSettings.Provider.JDK).build());
    }
}
