package net.spy.memcached.ops;

import java.util.Collection;

/** An operation on keys. */
public interface KeyedOperation extends Operation {

    /** The keys. */
    Collection<String> getKeys();
}
