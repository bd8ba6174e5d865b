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
    VERSION
}
