package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.util.List;
import java.util.function.IntPredicate;

/** libmemcached's modula: the unsigned key hash modulo the number of (member) servers. */
final class ModulaSelector extends AbstractSelector {

    /** Indices of the member servers, ascending. */
    private final int[] live;

    ModulaSelector(List<ServerAddress> servers, Distribution distribution, HashAlgorithm hash, boolean[] members) {
        super(servers, distribution, hash, members);
        int count = 0;
        for (boolean member : members) {
            count += member ? 1 : 0;
        }
        live = new int[count];
        for (int i = 0, j = 0; i < members.length; i++) {
            if (members[i]) {
                live[j++] = i;
            }
        }
    }

    @Override
    public int indexForHash(int hash) {
        if (live.length == 0) {
            return -1;
        }
        return live[Integer.remainderUnsigned(hash, live.length)];
    }

    @Override
    public int indexForHash(int hash, IntPredicate dead) {
        int n = live.length;
        if (n == 0) {
            return -1;
        }
        int start = Integer.remainderUnsigned(hash, n);
        for (int step = 0; step < n; step++) {
            int position = start + step;
            int server = live[position < n ? position : position - n];
            if (!dead.test(server)) {
                return server;
            }
        }
        return -1;
    }
}
