package dev.ketch.it.clients;

/**
 * A connected third-party client and the way to shut it down; use it in try-with-resources so the
 * client is shut down on every path, failures and timeouts included.
 *
 * @param client   the client, as a user of the library would hold it
 * @param shutdown stops the client and waits (bounded) for its threads to end
 * @param <C>      the client's type
 */
public record ClientHandle<C>(C client, Runnable shutdown) implements AutoCloseable {

    @Override
    public void close() {
        shutdown.run();
    }
}
