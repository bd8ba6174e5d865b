package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link LoadThroughContract} against the bundled server in the text protocol: the add-lock form. */
class BundledTextLoadThroughTest extends LoadThroughContract {

    @Override
    TestServer startServer() {
        return TestServer.bundled();
    }

    @Override
    Protocol protocol() {
        return Protocol.TEXT;
    }
}
