package net.spy.memcached.ops;

/** Asks the version of a server. */
public interface VersionOperation extends Operation {
}
