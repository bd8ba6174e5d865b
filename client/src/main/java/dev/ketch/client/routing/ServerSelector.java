package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Picks the server for a key, as libmemcached (or spymemcached, for the {@code SPYMEMCACHED_}
 * distributions) does for the same {@link Distribution}, key hash and server list. Pure (no I/O) and immutable: built once per membership change, lookups
 * allocate nothing beyond what the key hash needs (only the MD5 and CRC hashes allocate).
 *
 * <p>Servers are named by their index in {@link #servers()}. With one server every key goes to it
 * without hashing, as in libmemcached. For failover there are two ways to leave servers out, and
 * both keep every server's index:
 * <ul>
 *   <li>skip them per lookup ({@link #indexFor(byte[], IntPredicate)}): the ring is unchanged and a
 *       dead server's keys go to the next live point, OMcache's way;</li>
 *   <li>rebuild without them ({@link #without(IntPredicate)}): libmemcached's {@code
 *       REMOVE_FAILED_SERVERS}. For unweighted ketama this gives the same answers as skipping;
 *       weighted rings recount every server's points, so some keys of live servers move too.</li>
 * </ul>
 * With {@link Distribution#MODULA} (which libmemcached never ejects from) skipping takes the next
 * live index and rebuilding takes the hash modulo the live servers.
 */
public interface ServerSelector {

    /** Shorthand for {@code distribution.selector(servers, hash)}. */
    static ServerSelector of(List<ServerAddress> servers, Distribution distribution, HashAlgorithm hash) {
        return distribution.selector(servers, hash);
    }

    /** Every configured server, in configuration order; indices refer to this list. */
    List<ServerAddress> servers();

    /** The distribution this selector reproduces. */
    Distribution distribution();

    /** The key hash. */
    HashAlgorithm hashAlgorithm();

    /** The key's 32-bit hash (unsigned, in an {@code int}), computed even with one server. */
    default int hash(byte[] key) {
        return hashAlgorithm().hash(key);
    }

    /** The index of the key's server; -1 only if this selector was built {@link #without} every server. */
    int indexFor(byte[] key);

    /** The index of the server for a key of {@code hash} (any value with one server). */
    int indexForHash(int hash);

    /**
     * The index of the key's server when the servers {@code dead} accepts are skipped; -1 if all
     * are dead. {@code dead} is asked about server indices only.
     */
    int indexFor(byte[] key, IntPredicate dead);

    /** {@link #indexFor(byte[], IntPredicate)} for a key of {@code hash}. */
    int indexForHash(int hash, IntPredicate dead);

    /**
     * A selector rebuilt without the servers {@code dead} accepts (asked once per server, now),
     * indices unchanged.
     */
    ServerSelector without(IntPredicate dead);

    /** The key's server; null only if this selector was built without every server. */
    default ServerAddress serverFor(byte[] key) {
        int index = indexFor(key);
        return index < 0 ? null : servers().get(index);
    }
}
