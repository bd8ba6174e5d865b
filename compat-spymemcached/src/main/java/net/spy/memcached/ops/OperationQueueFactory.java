package net.spy.memcached.ops;

import java.util.concurrent.BlockingQueue;

/**
 * Creates the operation queue of a server. The drop-in sends operations through Ketch's
 * connections, which keep no such queue: it creates one queue and takes the capacity of the new
 * queue ({@link BlockingQueue#remainingCapacity()}) as the most operations outstanding on one
 * server.
 */
public interface OperationQueueFactory {

    /** A new, empty queue. */
    BlockingQueue<Operation> create();
}
