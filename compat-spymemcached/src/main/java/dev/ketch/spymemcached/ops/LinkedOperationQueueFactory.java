package dev.ketch.spymemcached.ops;

/** An unbounded operation queue per server, as spymemcached's {@code LinkedOperationQueueFactory}. */
public class LinkedOperationQueueFactory implements OperationQueueFactory {

    @Override
    public int capacity() {
        return Integer.MAX_VALUE;
    }
}
