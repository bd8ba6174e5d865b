package net.spy.memcached.ops;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Unbounded queues. */
public class LinkedOperationQueueFactory implements OperationQueueFactory {

    /** Unbounded queues. */
    public LinkedOperationQueueFactory() {
    }

    @Override
    public BlockingQueue<Operation> create() {
        return new LinkedBlockingQueue<>();
    }
}
