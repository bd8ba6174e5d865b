package dev.ketch.examples;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.routing.Distribution;
import dev.ketch.client.transcode.SerializingTranscoder;

/** A Ketch client sharing a cluster, and its values, with applications still on spymemcached. */
public final class SpymemcachedRingExample {

    private SpymemcachedRingExample() {
    }

    /** A client of {@code servers} that places keys and writes values as spymemcached's KetamaConnectionFactory does. */
    static MemcacheClient<Object> client(String... servers) {
        // tag::spymemcached-ring[]
        MemcacheClient<Object> client = MemcacheClient.builder()
                .servers(servers)                                          // e.g. "10.0.0.1:11211", "10.0.0.2:11211"
                .distribution(Distribution.SPYMEMCACHED_KETAMA)            // KETAMA_HASH (MD5) keys by default
                .transcoder(SerializingTranscoder.allowing("com.example.model.*", "java.util.*", "java.lang.*"))
                .build();
        // end::spymemcached-ring[]
        return client;
    }
}
