package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link MetaLoadThroughContract} against the bundled server. */
class BundledMetaLoadThroughTest extends MetaLoadThroughContract {

    @Override
    TestServer startServer() {
        return TestServer.bundled();
    }
}
