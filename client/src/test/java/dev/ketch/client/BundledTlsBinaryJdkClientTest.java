package dev.ketch.client;

import dev.ketch.client.testing.TestServer;
import dev.ketch.client.testing.TlsFixtures;
import dev.ketch.server.testing.LeakDetectionExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ClientContract} against the bundled server with TLS, in the binary protocol, through the JDK TLS provider. */
@ExtendWith(LeakDetectionExtension.class)
class BundledTlsBinaryJdkClientTest extends ClientContract {

    @Override
    TestServer startServer() {
        return TestServer.bundledTls(TlsFixtures.get().server(), null);
    }

    @Override
    Protocol protocol() {
        return Protocol.BINARY;
    }

    @Override
    MemcacheClientBuilder<String> configure(MemcacheClientBuilder<String> builder) {
        return builder.tls(TlsFixtures.get().trusting().provider(TlsSettings.Provider.JDK).build());
    }
}
