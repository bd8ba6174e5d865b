package dev.ketch.client;

import dev.ketch.client.testing.TestServer;

/** {@link ClientContract} against the memcached server in the meta protocol. */
class MemcachedMetaClientTest extends ClientContract {

    @Override
    TestServer startServer() {
        return TestServer.memcached();
    }

    @Override
    Protocol protocol() {
        return Protocol.META;
    }
}
