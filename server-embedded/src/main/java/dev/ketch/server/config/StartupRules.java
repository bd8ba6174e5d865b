package dev.ketch.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What memcached's {@code main()} checks and derives once every option is read, in its order: item
 * size limits, the slab chunk size rules, custom slab sizes, LRU percentages, the protocol that
 * {@code -S} and {@code -Y} imply or require, and the port.
 */
final class StartupRules {

    private static final int MB = 1024 * 1024;
    private static final int CHUNK_ALIGN_BYTES = 8;
    /** memcached's MAX_NUMBER_OF_SLAB_CLASSES: 64 entries, the last one a terminator. */
    private static final int MAX_SLAB_CLASSES = 64;
    private static final int MAX_LRU_PCT_SUM = 80;
    private static final int MAX_PORT = 65535;
    private static final String DEFAULT_SLAB_CONFIG = "1.25";

    private StartupRules() {
    }

    static void apply(ParseState state) throws StopParsing {
        ServerSettings s = state.settings;
        if (s.numNapiIds > s.numThreads) {
            throw usage("Number of napi_ids(" + s.numNapiIds + ") cannot be greater than number of threads("
                    + s.numThreads + ")");
        }
        itemSizeAndChunks(state);
        extstore(s);
        slabSizes(state);
        if (s.hotLruPct + s.warmLruPct > MAX_LRU_PCT_SUM) {
            throw usage("hot_lru_pct + warm_lru_pct cannot be more than 80% combined");
        }
        if (s.tempLru && !s.lruMaintainerThread) {
            throw usage("temporary_ttl requires lru_maintainer to be enabled");
        }
        authentication(state);
        if (state.udpSpecified && s.udpPort != 0 && !state.tcpSpecified) {
            s.port = s.udpPort;
        }
        if (s.port > MAX_PORT) {
            throw usage("ERROR: Invalid port number " + s.port + ".");
        }
        if (s.sslEnabled && s.port == 0) {
            throw usage("ERROR: You cannot enable SSL without a TCP port.");
        }
        // memcached checks this only after dropping privileges, just before loading the file.
        if (s.authFile != null && s.udpPort != 0) {
            throw usage("Cannot use UDP with ascii authentication enabled (-U 0 to disable)");
        }
    }

    private static void itemSizeAndChunks(ParseState state) throws StopParsing {
        ServerSettings s = state.settings;
        if (s.itemSizeMax < ServerSettings.ITEM_SIZE_MAX_LOWER_LIMIT) {
            throw usage("Item max size cannot be less than 1024 bytes.");
        }
        if (s.itemSizeMax > s.maxBytes / 2) {
            throw usage("Cannot set item size limit higher than 1/2 of memory max.");
        }
        if (s.itemSizeMax > ServerSettings.ITEM_SIZE_MAX_UPPER_LIMIT) {
            throw usage("Cannot set item size limit higher than a gigabyte.");
        }
        if (s.itemSizeMax > MB && !state.slabChunkSizeChanged) {
            // Large items are always chunked, even after no_modern or no_chunked_items.
            s.slabChunkSizeMax = s.slabPageSize / 2;
        }
        if (s.slabChunkSizeMax > s.itemSizeMax) {
            throw usage("slab_chunk_max (bytes: " + s.slabChunkSizeMax + ") cannot be larger than -I (item_size_max "
                    + s.itemSizeMax + ")");
        }
        if (s.slabChunkSizeMax <= 0) {
            // memcached divides by it next and dies of SIGFPE (0) or runs with broken slab classes (< 0).
            throw usage("slab_chunk_max (bytes: " + s.slabChunkSizeMax + ") must be greater than 0");
        }
        if (s.itemSizeMax % s.slabChunkSizeMax != 0) {
            throw usage("-I (item_size_max: " + s.itemSizeMax + ") must be evenly divisible by slab_chunk_max (bytes: "
                    + s.slabChunkSizeMax + ")");
        }
        if (s.slabPageSize % s.slabChunkSizeMax != 0) {
            throw usage("slab_chunk_max (bytes: " + s.slabChunkSizeMax + ") must divide evenly into "
                    + s.slabPageSize + " (slab_page_size)");
        }
    }

    /** {@code storage_check_config}: an item must fit a write buffer, and no UDP. */
    private static void extstore(ServerSettings s) throws StopParsing {
        if (!s.ext.enabled()) {
            return;
        }
        if (s.itemSizeMax > s.ext.wbufSize) {
            throw usage("-I (item_size_max: " + s.itemSizeMax + ") cannot be larger than ext_wbuf_size: "
                    + s.ext.wbufSize);
        }
        if (s.udpPort != 0) {
            throw usage("Cannot use UDP with extstore enabled (-U 0 to disable)");
        }
    }

    /** {@code -o slab_sizes=96-128-...}: strictly growing, 8 bytes apart, within the chunk limits. */
    private static void slabSizes(ParseState state) throws StopParsing {
        ServerSettings s = state.settings;
        String spec = state.slabSizesUnparsed;
        if (spec == null) {
            if (s.slabConfig == null) {
                s.slabConfig = DEFAULT_SLAB_CONFIG;
            }
            return;
        }
        if (spec.isEmpty()) {
            throw StopParsing.silent(ExitStatus.USAGE, "Missing slab_sizes value"); // memcached prints nothing here
        }
        List<Integer> sizes = new ArrayList<>();
        long last = 0;
        for (String part : spec.split("-")) {
            if (part.isEmpty()) {
                continue; // strtok skips empty fields
            }
            Integer parsed = CNumbers.safeStrtoul(part);
            long size = parsed == null ? 0 : Integer.toUnsignedLong(parsed);
            // memcached compares with the int settings converted to unsigned.
            if (parsed == null || size < Integer.toUnsignedLong(s.chunkSize)
                    || size > Integer.toUnsignedLong(s.slabChunkSizeMax)) {
                throw usage("slab size " + size + " is out of valid range");
            }
            if (last >= size) {
                throw usage("slab size " + size + " cannot be lower than or equal to a previous class size");
            }
            if (size <= last + CHUNK_ALIGN_BYTES) {
                throw usage("slab size " + size + " must be at least " + CHUNK_ALIGN_BYTES
                        + " bytes larger than previous class");
            }
            sizes.add((int) size);
            last = size;
            if (sizes.size() >= MAX_SLAB_CLASSES - 1) {
                throw usage("too many slab classes specified");
            }
        }
        s.slabSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        s.slabConfig = spec;
    }

    /** {@code -S} means binary only and no UDP; {@code -Y} means ascii only. */
    private static void authentication(ParseState state) throws StopParsing {
        ServerSettings s = state.settings;
        if (s.sasl) {
            if (!state.protocolSpecified) {
                s.bindingProtocol = ServerSettings.Protocol.BINARY;
            } else if (s.bindingProtocol != ServerSettings.Protocol.BINARY) {
                throw usage("ERROR: You cannot allow the ASCII protocol while using SASL.");
            }
            if (s.udpPort != 0) {
                throw usage("ERROR: Cannot enable UDP while using binary SASL authentication.");
            }
        }
        if (s.authFile != null) {
            if (!state.protocolSpecified) {
                s.bindingProtocol = ServerSettings.Protocol.ASCII;
            } else if (s.bindingProtocol != ServerSettings.Protocol.ASCII) {
                throw usage("ERROR: You cannot allow the BINARY protocol while using ascii authentication tokens.");
            }
        }
    }

    private static StopParsing usage(String message) {
        return StopParsing.error(ExitStatus.USAGE, message);
    }
}
