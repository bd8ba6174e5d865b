package net.spy.memcached.ops;

/** Starts SASL authentication. */
public interface SASLAuthOperation extends Operation {
}
