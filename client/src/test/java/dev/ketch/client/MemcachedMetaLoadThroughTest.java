package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link MetaLoadThroughContract} against a real memcached. */
class MemcachedMetaLoadThroughTest extends MetaLoadThroughContract {

    @Override
    TestServer startServer() {
        return TestServer.memcached();
    }
}
