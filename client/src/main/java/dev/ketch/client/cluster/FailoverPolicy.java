package dev.ketch.client.cluster;

/**
 * What the client does with the keys of a server it has declared dead (see {@link Failover} for
 * when that happens and how it comes back).
 */
public enum FailoverPolicy {

    /**
     * The dead server is ejected by skipping its points on the unchanged ring: its keys go to the
     * next live server clockwise, and no other key moves (OMcache's failover; past the end of the
     * ring the walk resumes at the first point, where OMcache skips it). When the server rejoins,
     * exactly its keys move back. The default.
     */
    EJECT_SKIP,

    /**
     * The dead server is ejected by rebuilding the ring over the live servers, exactly as
     * libmemcached's {@code MEMCACHED_BEHAVIOR_REMOVE_FAILED_SERVERS} does. For unweighted ketama
     * this sends every key where {@link #EJECT_SKIP} does; for weighted rings the point counts are
     * recomputed, so some keys of live servers move too, as they do for libmemcached clients
     * sharing the cluster. With {@code MODULA} most keys move.
     */
    EJECT_REBUILD,

    /**
     * Nothing is ejected: the ring stays as configured and operations on a dead server's keys fail
     * at once with {@link dev.ketch.client.MemcacheUnavailableException}, without waiting for a
     * timeout. For applications that would rather see the error than read or write elsewhere.
     */
    FAIL_FAST;

    /** True for the policies that send a dead server's keys to other servers. */
    public boolean ejects() {
        return this != FAIL_FAST;
    }
}
