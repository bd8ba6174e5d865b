package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link LoadThroughContract} against the bundled server in the binary protocol: the add-lock form. */
class BundledBinaryLoadThroughTest extends LoadThroughContract {

    @Override
    TestServer startServer() {
        return TestServer.bundled();
    }

    @Override
    Protocol protocol() {
        return Protocol.BINARY;
    }
}
