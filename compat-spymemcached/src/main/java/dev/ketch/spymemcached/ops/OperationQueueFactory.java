package dev.ketch.spymemcached.ops;

/**
 * How many operations may be outstanding on one server, given to {@code
 * ConnectionFactoryBuilder.setOpQueueFactory}. spymemcached's factories create its internal
 * queues; here only their capacity matters: it becomes the Ketch client's {@code maxOutstanding}.
 */
public interface OperationQueueFactory {

    /** The most operations one server's queue holds; {@link Integer#MAX_VALUE} for no bound. */
    int capacity();
}
