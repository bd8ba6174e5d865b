package dev.ketch.server.stats;

import dev.ketch.server.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * Per key prefix counters ({@code stats detail on|off|dump}, memcached's {@code stats_prefix.c}).
 * A key's prefix is what comes before the first delimiter ({@code -D}, default {@code ':'}); keys
 * without the delimiter are not counted. Prefixes are kept in memcached's 256 hash buckets, newest
 * first within a bucket, so a dump lists them in memcached's order. As in memcached, a new prefix
 * matches an existing one that merely starts with it ({@code strncmp} over the new prefix's length).
 *
 * <p>Thread-safe (one lock, like memcached's {@code STATS_LOCK}).
 */
public final class PrefixStats {

    private static final int HASH_SIZE = 256;

    /** One prefix's counters, as passed to {@link #dump}. */
    public record Entry(byte[] prefix, long gets, long hits, long sets, long deletes) {
    }

    private static final class Prefix {
        final byte[] name;
        long gets;
        long hits;
        long sets;
        long deletes;
        Prefix next;

        Prefix(byte[] name, Prefix next) {
            this.name = name;
            this.next = next;
        }
    }

    private final byte delimiter;
    private final Prefix[] buckets = new Prefix[HASH_SIZE];

    public PrefixStats(char delimiter) {
        this.delimiter = (byte) delimiter;
    }

    public synchronized void recordGet(byte[] key, boolean hit) {
        Prefix p = find(key);
        if (p != null) {
            p.gets++;
            if (hit) {
                p.hits++;
            }
        }
    }

    public synchronized void recordSet(byte[] key) {
        Prefix p = find(key);
        if (p != null) {
            p.sets++;
        }
    }

    public synchronized void recordDelete(byte[] key) {
        Prefix p = find(key);
        if (p != null) {
            p.deletes++;
        }
    }

    /** {@code stats reset}: forgets every prefix. */
    public synchronized void clear() {
        java.util.Arrays.fill(buckets, null);
    }

    /** Every prefix in memcached's dump order. */
    public synchronized List<Entry> dump() {
        List<Entry> out = new ArrayList<>();
        for (Prefix head : buckets) {
            for (Prefix p = head; p != null; p = p.next) {
                out.add(new Entry(p.name.clone(), p.gets, p.hits, p.sets, p.deletes));
            }
        }
        return out;
    }

    private Prefix find(byte[] key) {
        int length = -1;
        for (int i = 0; i < key.length && key[i] != 0; i++) {
            if (key[i] == delimiter) {
                length = i;
                break;
            }
        }
        if (length < 0) {
            return null;
        }
        int bucket = Integer.remainderUnsigned(Storage.hash(key, length), HASH_SIZE);
        for (Prefix p = buckets[bucket]; p != null; p = p.next) {
            if (startsWith(p.name, key, length)) {
                return p;
            }
        }
        byte[] name = new byte[length];
        System.arraycopy(key, 0, name, 0, length);
        Prefix p = new Prefix(name, buckets[bucket]);
        buckets[bucket] = p;
        return p;
    }

    private static boolean startsWith(byte[] name, byte[] key, int length) {
        if (name.length < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name[i] != key[i]) {
                return false;
            }
        }
        return true;
    }
}
