package net.spy.memcached.ops;

/** A round trip. */
public interface NoopOperation extends Operation {
}
