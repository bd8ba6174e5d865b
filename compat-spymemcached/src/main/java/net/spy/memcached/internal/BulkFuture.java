package net.spy.memcached.internal;

import net.spy.memcached.ops.OperationStatus;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The result of a bulk get, which can be read in part.
 *
 * @param <V> the result type (a map of keys to values)
 */
public interface BulkFuture<V> extends Future<V> {

    /** True once a {@code get} or {@link #getSome} found some server's part unanswered in time. */
    boolean isTimeout();

    /**
     * What has arrived within {@code timeout}: the values of the servers that answered (without
     * misses). Records a timeout ({@link #isTimeout()}) if some did not.
     */
    V getSome(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException;

    /** How the bulk get ended, after waiting for it. */
    OperationStatus getStatus();

    Future<V> addListener(BulkGetCompletionListener listener);

    Future<V> removeListener(BulkGetCompletionListener listener);
}
