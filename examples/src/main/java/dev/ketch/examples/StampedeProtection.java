package dev.ketch.examples;

import dev.ketch.client.MemcacheClient;
import dev.ketch.client.Protocol;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** One loader call per key, however many callers miss it at once. */
public final class StampedeProtection {

    private StampedeProtection() {
    }

    /** A meta-protocol client of {@code servers}. */
    static MemcacheClient<String> client(String... servers) {
        // tag::client[]
        MemcacheClient<String> client = MemcacheClient.builder()
                .servers(servers)                              // e.g. "cache1:11211", "cache2:11211"
                .protocol(Protocol.META)                       // memcached 1.6 or later
                .build();
        // end::client[]
        return client;
    }

    /** The page through the cache, rendered by {@code render} on {@code appExecutor} by one caller only. */
    static CompletableFuture<String> page(MemcacheClient<String> client, Function<String, String> render,
                                          Executor appExecutor) {
        // tag::async[]
        // async: the loader is called on an I/O thread and must return at once with a stage
        CompletableFuture<String> page = client.getOrLoad("page:42", 300,
                key -> CompletableFuture.supplyAsync(() -> render.apply(key), appExecutor));
        // end::async[]
        return page;
    }

    /** The same, blocking: if this caller wins, {@code render} runs on this thread. */
    static String pageBlocking(MemcacheClient<String> client, Function<String, String> render) {
        // tag::blocking[]
        // blocking: if this caller wins, the loader runs on this thread
        String same = client.blocking().getOrLoad("page:42", 300, key -> render.apply(key));
        // end::blocking[]
        return same;
    }

    /** The page changed: readers keep the old one while one of them renders the new one. */
    static void pageChanged(MemcacheClient<String> client) {
        // tag::invalidate[]
        // the data changed: readers keep the old page while exactly one of them re-renders it
        client.invalidate("page:42");
        // end::invalidate[]
    }
}
