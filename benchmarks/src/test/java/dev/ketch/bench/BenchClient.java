package dev.ketch.bench;

import java.util.concurrent.CompletableFuture;

/** One client library as the throughput harness drives it. */
interface BenchClient extends AutoCloseable {

    String name();

    /** An asynchronous get; the future completes when the reply is in. */
    CompletableFuture<?> get(String key);

    /** An asynchronous set of a value that never expires. */
    CompletableFuture<?> set(String key, byte[] value);

    /** A get that blocks until the reply is in. */
    Object getBlocking(String key) throws Exception;

    /** True if {@link #get} and {@link #set} really are asynchronous (false: they block the caller). */
    default boolean asynchronous() {
        return true;
    }

    @Override
    void close() throws Exception;
}
