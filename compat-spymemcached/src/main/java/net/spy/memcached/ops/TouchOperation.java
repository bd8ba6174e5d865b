package net.spy.memcached.ops;

/** Sets the expiry of a key. */
public interface TouchOperation extends KeyedOperation {

    /** The expiry. */
    int getExpiration();
}
