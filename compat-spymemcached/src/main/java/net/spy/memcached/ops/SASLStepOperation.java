package net.spy.memcached.ops;

/** Continues SASL authentication. */
public interface SASLStepOperation extends Operation {
}
