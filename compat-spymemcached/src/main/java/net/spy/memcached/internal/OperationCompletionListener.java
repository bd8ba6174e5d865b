package net.spy.memcached.internal;

/** A listener for an {@link OperationFuture}. */
public interface OperationCompletionListener extends GenericCompletionListener<OperationFuture<?>> {
}
