package net.spy.memcached.internal;

/** A listener for a {@link GetFuture}. */
public interface GetCompletionListener extends GenericCompletionListener<GetFuture<?>> {
}
