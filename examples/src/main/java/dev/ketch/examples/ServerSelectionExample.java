package dev.ketch.examples;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.ServerAddress;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.routing.HashAlgorithm;

/** Where a key lives, computed as libmemcached computes it, without asking any server. */
public final class ServerSelectionExample {

    private ServerSelectionExample() {
    }

    /** The server of {@code user:42} on the documentation's three servers. */
    static ServerAddress serverOfUser42() {
        // tag::selection[]
        MemcacheClient<String> client = MemcacheClient.builder()
                .servers("10.0.0.1:11211", "10.0.0.2:11211:2", "[2001:db8::3]:11212")  // host[:port[:weight]]
                .distribution(Distribution.LIBMEMCACHED_KETAMA_WEIGHTED)   // default: LIBMEMCACHED_KETAMA
                .hash(HashAlgorithm.MD5)                                   // default: the distribution's
                .build();
        ServerAddress where = client.serverFor("user:42");                 // computed locally, no I/O
        // end::selection[]
        client.close();
        return where;
    }
}
