package net.spy.memcached.ops;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Bounded queues: at most {@code cap} operations outstanding on one server. */
public class ArrayOperationQueueFactory implements OperationQueueFactory {

    private final int capacity;

    /**
     * Queues of {@code cap} operations.
     *
     * @throws IllegalArgumentException if {@code cap} is not positive
     */
    public ArrayOperationQueueFactory(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1: " + cap);
        }
        this.capacity = cap;
    }

    @Override
    public BlockingQueue<Operation> create() {
        return new ArrayBlockingQueue<>(capacity);
    }
}
