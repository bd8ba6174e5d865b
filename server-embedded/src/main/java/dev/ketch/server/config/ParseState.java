package dev.ketch.server.config;

/**
 * The settings being built while the command line is read, plus the facts memcached's
 * {@code main()} keeps in local variables because later checks depend on them.
 */
final class ParseState {

    final ServerSettings settings = new ServerSettings();
    /** {@code -B} was given: {@code -S} and {@code -Y} then check it instead of overriding it. */
    boolean protocolSpecified;
    boolean tcpSpecified;
    boolean udpSpecified;
    /** {@code -o slab_chunk_max} was given: neither {@code no_modern} nor a large {@code -I} resets it. */
    boolean slabChunkSizeChanged;
    /** {@code -o slab_sizes} (or, through memcached's fall-through, {@code worker_logbuf_size}). */
    String slabSizesUnparsed;
    /** Messages memcached prints to stderr and then carries on. */
    final StringBuilder warnings = new StringBuilder();

    void warn(String line) {
        warnings.append(line).append('\n');
    }
}
