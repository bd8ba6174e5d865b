package net.spy.memcached;

import java.util.concurrent.CountDownLatch;
import net.spy.memcached.ops.Operation;

/** Makes the operation sent to each server by a broadcast. */
public interface BroadcastOpFactory {

    /** The operation for node {@code n}; its callback counts {@code latch} down when complete. */
    Operation newOp(MemcachedNode n, CountDownLatch latch);
}
