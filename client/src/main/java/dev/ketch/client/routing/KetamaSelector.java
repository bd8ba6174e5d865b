package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.List;
import java.util.function.IntPredicate;

/** A ketama distribution: the key hash's place on a {@link Continuum}. */
final class KetamaSelector extends AbstractSelector {

    private final Continuum continuum;

    KetamaSelector(List<ServerAddress> servers, Distribution distribution, HashAlgorithm hash, boolean[] members,
            Continuum continuum) {
        super(servers, distribution, hash, members);
        this.continuum = continuum;
    }

    Continuum continuum() {
        return continuum;
    }

    @Override
    public int indexForHash(int hash) {
        if (servers.size() == 1) {
            return members[0] ? 0 : -1;
        }
        return continuum.serverFor(hash);
    }

    @Override
    public int indexForHash(int hash, IntPredicate dead) {
        if (servers.size() == 1) {
            return members[0] && !dead.test(0) ? 0 : -1;
        }
        return continuum.serverFor(hash, dead);
    }
}
