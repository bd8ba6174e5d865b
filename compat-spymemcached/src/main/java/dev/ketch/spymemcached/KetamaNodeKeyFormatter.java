package dev.ketch.spymemcached;

/**
 * How ketama names a server's points. This client builds spymemcached's default ({@link
 * Format#SPYMEMCACHED}) ring only; for libmemcached's naming use the Ketch client directly with a
 * {@code LIBMEMCACHED_} distribution.
 */
public class KetamaNodeKeyFormatter {

    /** The naming schemes. */
    public enum Format {
        /** The server's socket address as Java prints it, without the leading {@code '/'}. */
        SPYMEMCACHED,
        /** libmemcached's {@code host} or {@code host:port}; not supported by this client. */
        LIBMEMCACHED
    }

    private final Format format;

    /** The {@link Format#SPYMEMCACHED} naming. */
    public KetamaNodeKeyFormatter() {
        this(Format.SPYMEMCACHED);
    }

    public KetamaNodeKeyFormatter(Format format) {
        this.format = format;
    }

    public Format getFormat() {
        return format;
    }
}
