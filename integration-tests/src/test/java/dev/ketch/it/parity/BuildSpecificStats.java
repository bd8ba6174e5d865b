package dev.ketch.it.parity;

/**
 * Statistics that exist only in some memcached builds. Debian's memcached is built with extstore
 * and TLS, which add {@code ext_*}, {@code ssl_*} and {@code slab_automove_freeratio} to
 * {@code stats settings}; Ketch reproduces a build without those features, so parity checks leave
 * these keys out on both sides.
 */
final class BuildSpecificStats {

    private BuildSpecificStats() {
    }

    static boolean isBuildSpecific(String statName) {
        return statName.startsWith("ext_") || statName.startsWith("ssl_") || statName.equals("slab_automove_freeratio");
    }
}
