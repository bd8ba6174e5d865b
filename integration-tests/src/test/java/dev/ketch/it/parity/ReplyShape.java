package dev.ketch.it.parity;

/**
 * How to find the end of a reply, and what (little) of it is normalized before servers are
 * compared.
 */
public enum ReplyShape {
    /** One line, compared byte for byte. */
    LINE,
    /** A fixed number of lines, compared byte for byte. */
    LINES,
    /**
     * A retrieval reply: VALUE lines with data blocks up to END (or an error line). Compared byte
     * for byte except CAS uniques, which are replaced by labels in order of first appearance
     * ({@code <cas1>}, {@code <cas2>}...) so that equal and different uniques stay recognizable.
     */
    VALUES,
    /**
     * A stats reply: lines up to END. Compared only by shape: "one or more STAT lines, then END"
     * (the values and the set of keys legitimately differ); any other reply is compared byte for byte.
     */
    STATS,
    /** Everything the server sends until it closes the connection (compared byte for byte). */
    CLOSE,
    /** A version reply: "VERSION 1.6..." is compared by that prefix only; anything else byte for byte. */
    VERSION,
    /**
     * A meta-command reply: one line, and after a {@code VA <size> ...} line its data block.
     * Compared byte for byte except: {@code c<digits>} flags and {@code cas=<digits>} become CAS
     * labels like {@link #VALUES}' uniques; the seconds of {@code t}, {@code l}, {@code exp=} and
     * {@code la=} (negative ones too) are rounded to the nearest 10 (the two servers' clocks tick independently, so a
     * TTL of 100 may read 100 on one and 99 on the other); {@code t-1} (no expiry) stays as is.
     */
    META
}
