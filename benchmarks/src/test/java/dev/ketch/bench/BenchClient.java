package dev.ketch.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One client library, in one protocol, as the throughput harness drives it (public for {@link Baseline}). */
public interface BenchClient extends AutoCloseable {

    /** The library and protocol, e.g. {@code ketch-text}. */
    String name();

    /** An asynchronous get; the future completes when the reply is in. */
    CompletableFuture<?> get(String key);

    /** An asynchronous set of a value that never expires. */
    CompletableFuture<?> set(String key, byte[] value);

    /** An asynchronous multi-get; the future completes with the keys found. */
    CompletableFuture<? extends Map<String, ?>> getMulti(List<String> keys);

    /** A get that blocks until the reply is in. */
    Object getBlocking(String key) throws Exception;

    /** True if {@link #get} and {@link #set} really are asynchronous (false: they block the caller). */
    default boolean asynchronous() {
        return true;
    }

    @Override
    void close() throws Exception;
}
