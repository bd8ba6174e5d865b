package net.spy.memcached;

/**
 * spymemcached sends an expiry as it is. In the text protocol memcached reads a negative one as
 * "expired", as Ketch does in every protocol; in the binary protocol memcached reads the 32 bits as
 * an unsigned unix time, so -1 keeps the item until 2106. Ketch's API names times up to 2038 only:
 * a negative binary expiry becomes that furthest one.
 */
final class BinaryExpiry {

    private BinaryExpiry() {
    }

    /** The expiry to ask of Ketch for the binary protocol's {@code exp}. */
    static int of(int exp) {
        return exp < 0 ? Integer.MAX_VALUE : exp;
    }
}
