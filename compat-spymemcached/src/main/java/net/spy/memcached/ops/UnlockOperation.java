package net.spy.memcached.ops;

/** Unlocks a key (Couchbase). */
public interface UnlockOperation extends KeyedOperation {
}
