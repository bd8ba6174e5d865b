package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link LoadThroughContract} against a real memcached in the binary protocol: the add-lock form. */
class MemcachedBinaryLoadThroughTest extends LoadThroughContract {

    @Override
    TestServer startServer() {
        return TestServer.memcached();
    }

    @Override
    Protocol protocol() {
        return Protocol.BINARY;
    }
}
