package net.spy.memcached;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hash algorithms by name (case-insensitive), for configurations that name one: every {@link
 * DefaultHashAlgorithm} by its constant name without {@code _HASH} ({@code native}, {@code crc},
 * {@code fnv1_64}, {@code fnv1a_64}, {@code fnv1_32}, {@code fnv1a_32}, {@code ketama}), and
 * whatever is registered.
 */
public final class HashAlgorithmRegistry {

    private static final Map<String, HashAlgorithm> REGISTRY = new HashMap<>();

    static {
        for (DefaultHashAlgorithm alg : DefaultHashAlgorithm.values()) {
            REGISTRY.put(alg.name().replace("_HASH", "").toLowerCase(Locale.ROOT), alg);
        }
    }

    private HashAlgorithmRegistry() {
    }

    /**
     * Registers {@code alg} under {@code name}.
     *
     * @throws IllegalArgumentException if either is null or the name is empty
     */
    public static synchronized void registerHashAlgorithm(String name, HashAlgorithm alg) {
        checkName(name);
        if (alg == null) {
            throw new IllegalArgumentException("HashAlgorithm instance should be provided in order to register a new algorithm");
        }
        REGISTRY.put(name.toLowerCase(Locale.ROOT), alg);
    }

    /** The algorithm registered under {@code name}, or null. */
    public static synchronized HashAlgorithm lookupHashAlgorithm(String name) {
        checkName(name);
        return REGISTRY.get(name.toLowerCase(Locale.ROOT));
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("HashAlgorithm name should beprovided in order to perform the lookup: "
                    + "either NULL or empty string has been provided");
        }
    }
}
