package dev.ketch.client;

import dev.ketch.client.testing.TestServer;
import dev.ketch.client.testing.TlsFixtures;
import dev.ketch.server.testing.LeakDetectionExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ClientContract} against the bundled server with TLS, in the text protocol, through the OPENSSL TLS provider. */
@ExtendWith(LeakDetectionExtension.class)
class BundledTlsTextOpenSslClientTest extends ClientContract {

    @Override
    TestServer startServer() {
        return TestServer.bundledTls(TlsFixtures.get().server(), null);
    }

    @Override
    Protocol protocol() {
        return Protocol.TEXT;
    }

    @Override
    MemcacheClientBuilder<String> configure(MemcacheClientBuilder<String> builder) {
        return builder.tls(TlsFixtures.get().trusting().provider(TlsSettings.Provider.OPENSSL).build());
    }
}
