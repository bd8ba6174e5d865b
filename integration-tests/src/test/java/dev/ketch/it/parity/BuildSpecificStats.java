package dev.ketch.it.parity;

/**
 * Statistics that exist only in some memcached builds. Debian's memcached is built with extstore,
 * which adds {@code ext_*} and {@code slab_automove_freeratio} to {@code stats settings}; Ketch
 * reproduces a build with TLS and without extstore, so parity checks leave these keys out on both
 * sides (and compare the {@code ssl_*} ones).
 */
final class BuildSpecificStats {

    private BuildSpecificStats() {
    }

    static boolean isBuildSpecific(String statName) {
        return statName.startsWith("ext_") || statName.equals("slab_automove_freeratio");
    }
}
