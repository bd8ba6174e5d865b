package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link ClientContract} against the bundled server in the meta protocol. */
class BundledMetaClientTest extends ClientContract {

    @Override
    TestServer startServer() {
        return TestServer.bundled();
    }

    @Override
    Protocol protocol() {
        return Protocol.META;
    }
}
