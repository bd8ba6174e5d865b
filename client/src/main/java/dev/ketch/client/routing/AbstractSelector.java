package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.List;
import java.util.function.IntPredicate;

/** What both selectors share: the server list, which servers are members, and the one-server rule. */
abstract class AbstractSelector implements ServerSelector {

    final List<ServerAddress> servers;
    final Distribution distribution;
    final HashAlgorithm hash;
    /** Which servers take part; the others were left out by {@link #without}. */
    final boolean[] members;

    AbstractSelector(List<ServerAddress> servers, Distribution distribution, HashAlgorithm hash, boolean[] members) {
        this.servers = servers;
        this.distribution = distribution;
        this.hash = hash;
        this.members = members;
    }

    @Override
    public final List<ServerAddress> servers() {
        return servers;
    }

    @Override
    public final Distribution distribution() {
        return distribution;
    }

    @Override
    public final HashAlgorithm hashAlgorithm() {
        return hash;
    }

    @Override
    public final int indexFor(byte[] key) {
        if (servers.size() == 1) {
            return members[0] ? 0 : -1; // libmemcached does not hash with one server
        }
        return indexForHash(hash.hash(key));
    }

    @Override
    public final int indexFor(byte[] key, IntPredicate dead) {
        if (servers.size() == 1) {
            return members[0] && !dead.test(0) ? 0 : -1;
        }
        return indexForHash(hash.hash(key), dead);
    }

    @Override
    public final ServerSelector without(IntPredicate dead) {
        boolean[] remaining = members.clone();
        for (int i = 0; i < remaining.length; i++) {
            remaining[i] &= !dead.test(i);
        }
        return distribution.selector(servers, hash, remaining);
    }

    @Override
    public String toString() {
        return distribution + "/" + hash + servers;
    }
}
