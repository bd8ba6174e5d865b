package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link ClientContract} against the bundled server in the text protocol. */
class BundledTextClientTest extends ClientContract {

    @Override
    TestServer startServer() {
        return TestServer.bundled();
    }

    @Override
    Protocol protocol() {
        return Protocol.TEXT;
    }
}
