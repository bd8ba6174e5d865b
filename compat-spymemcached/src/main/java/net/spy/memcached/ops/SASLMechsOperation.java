package net.spy.memcached.ops;

/** Lists the SASL mechanisms of a server. */
public interface SASLMechsOperation extends Operation {
}
