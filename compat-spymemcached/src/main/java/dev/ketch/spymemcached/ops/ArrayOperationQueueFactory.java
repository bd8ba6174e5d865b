package dev.ketch.spymemcached.ops;

/** A bounded operation queue per server, as spymemcached's {@code ArrayOperationQueueFactory}. */
public class ArrayOperationQueueFactory implements OperationQueueFactory {

    private final int capacity;

    /** @param capacity the most operations outstanding on one server */
    public ArrayOperationQueueFactory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
