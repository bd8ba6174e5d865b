package net.spy.memcached.ops;

/** Invalidates every item of a server. */
public interface FlushOperation extends Operation {
}
