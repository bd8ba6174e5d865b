package net.spy.memcached.internal;

/** A listener for a {@link BulkGetFuture}. */
public interface BulkGetCompletionListener extends GenericCompletionListener<BulkGetFuture<?>> {
}
