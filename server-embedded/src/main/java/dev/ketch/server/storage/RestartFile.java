package dev.ketch.server.storage;

import static dev.ketch.server.storage.ItemLayout.CHUNK;
import static dev.ketch.server.storage.ItemLayout.CHUNKED;
import static dev.ketch.server.storage.ItemLayout.LINKED;
import static dev.ketch.server.storage.ItemLayout.SLABBED;

import dev.ketch.server.ServerStartException;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.logging.EventLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code -e <file>}: memcached's restartable cache. When the server stops gracefully (SIGUSR1 or
 * {@code shutdown graceful}) its item memory is written to {@code <file>} and its state to
 * {@code <file>.meta}; the next start with the same memory settings reads both back and serves
 * the same items, with their CAS uniques, times and expiries (time spent stopped counts).
 *
 * <p>Both files have memcached's layout: the memory file is the slab memory as one region of
 * {@code -m} bytes, a page at each multiple of the page size (its first chunk names its class,
 * class 0 for a page not in use), item links pointing into that region as if it started at the
 * base the metadata names; the metadata is memcached's tagged {@code key value} lines. Ketch's
 * pages are allocated one by one, so links are translated page by page on the way out and on
 * the way in; the hash index and the LRU heads are rebuilt from the items, free chunks put back
 * on their lists.
 */
public final class RestartFile {

    private static final String TAG = "main";
    /** memcached's {@code RESTART_REQUIRED_META}. */
    private static final int REQUIRED_LINES = 17;
    /** Where the saved region is taken to start (memcached writes its mmap address). */
    private static final long SAVED_BASE = 0x7f0000000000L;
    private static final int COPY_BUFFER = 1 << 20;

    /** What a previous run left for this one. */
    public record Saved(long base, long nextCas, long oldestCas, int oldestLive, long loggerGid, int currentTime,
            long secondsStopped, long processStarted, int hashpower) {
    }

    private RestartFile() {
    }

    private static Path metaOf(String file) {
        return Path.of(file + ".meta");
    }

    private static String slabConfig(ServerSettings s) {
        return s.slabConfig != null ? s.slabConfig : "1.25";
    }

    /**
     * memcached's {@code restart_check}: reads and deletes {@code <file>.meta}. Returns what to
     * resume from, or null to start with a clean cache (no metadata, or settings that differ:
     * said on {@code err}).
     *
     * @throws ServerStartException when the metadata is corrupt (memcached aborts)
     */
    public static Saved check(ServerSettings settings, PrintStream err) {
        Path meta = metaOf(settings.memoryFile);
        Map<String, String> values = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(meta, StandardCharsets.ISO_8859_1)) {
            String first = in.readLine();
            if (first == null || !first.startsWith("T")) {
                if (first != null && !first.startsWith("K")) {
                    err.println("[restart] invalid metadata line:\n\n" + first + "\n");
                    throw abort(err, "[restart] corrupt metadata file");
                }
                throw abort(err, "[restart] Failed to read a tag from metadata file");
            }
            if (!first.substring(1).equals(TAG)) {
                err.println("[restart] internal handler for metadata tag not found: " + first.substring(1) + ":");
                throw abort(err, "[restart] corrupt metadata file");
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("K")) {
                    err.println("[restart] invalid metadata line:\n\n" + line + "\n");
                    break;
                }
                int space = line.indexOf(' ');
                values.put(space < 0 ? line.substring(1) : line.substring(1, space), space < 0 ? "" : line.substring(space + 1));
            }
        } catch (NoSuchFileException e) {
            err.println("[restart] no metadata save file, starting with a clean cache");
            return null;
        } catch (IOException e) {
            err.println("[restart] no metadata save file, starting with a clean cache");
            return null;
        } finally {
            try {
                Files.deleteIfExists(meta);
            } catch (IOException e) {
                // memcached ignores a failed unlink too
            }
        }
        Saved saved = validate(settings, values, err);
        if (saved == null) {
            err.println("[restart] failed to validate metadata, starting with a clean cache");
        }
        return saved;
    }

    private static ServerStartException abort(PrintStream err, String message) {
        // memcached abort()s: the status a shell reports for SIGABRT
        return new ServerStartException(message, 134, null);
    }

    private static Saved validate(ServerSettings s, Map<String, String> v, PrintStream err) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("maxbytes", Long.toString(s.maxBytes));
        expected.put("chunk_size", Integer.toString(s.chunkSize));
        expected.put("item_size_max", Integer.toString(s.itemSizeMax));
        expected.put("slab_chunk_size_max", Integer.toString(s.slabChunkSizeMax));
        expected.put("slab_page_size", Integer.toString(s.slabPageSize));
        expected.put("slab_config", slabConfig(s));
        expected.put("use_cas", Boolean.toString(s.useCas));
        expected.put("slab_reassign", Boolean.toString(s.slabReassign));
        for (Map.Entry<String, String> e : v.entrySet()) {
            String want = expected.get(e.getKey());
            if (want != null && !want.equals(e.getValue())) {
                err.println("[restart] restart incompatible due to setting for [" + e.getKey() + "] [old value: "
                        + e.getValue() + "]");
                return null;
            }
        }
        try {
            long stopTime = Long.parseLong(v.get("stop_time"));
            long stopped = System.currentTimeMillis() / 1000 - stopTime;
            if (stopped <= 0) {
                // memcached: the clock has done something it cannot account for
                err.println("[restart] restart incompatible due to setting for [stop_time] [old value: " + stopTime + "]");
                return null;
            }
            if (v.size() < REQUIRED_LINES) {
                err.println("[restart] missing some metadata lines");
                return null;
            }
            return new Saved(Long.parseUnsignedLong(v.get("mmap_oldbase").replaceFirst("^0x", ""), 16),
                    Long.parseUnsignedLong(v.get("current_cas")), Long.parseUnsignedLong(v.get("oldest_cas")),
                    Integer.parseUnsignedInt(v.get("oldest_live")), Long.parseUnsignedLong(v.get("logger_gid")),
                    Integer.parseUnsignedInt(v.get("current_time")), stopped,
                    Long.parseUnsignedLong(v.get("process_started")), Integer.parseUnsignedInt(v.get("hashpower")));
        } catch (RuntimeException e) {
            err.println("[restart] missing some metadata lines");
            return null;
        }
    }

    // ------------------------------------------------------------------ save

    /**
     * Writes the item memory and the metadata (storage lock held, nothing else running): the
     * pages of every class in turn, links translated into the saved region.
     */
    public static void save(Storage storage, EventLog log, PrintStream err) {
        ServerSettings s = storage.settings;
        SlabAllocator slabs = storage.slabs;
        int pageSize = s.slabPageSize;
        // Page i goes to offset i * pageSize. With slab_reassign off and no_modern's 1 MiB chunks a
        // page is shorter than pageSize and -m can hold more pages than the region has slots:
        // those go after it (memcached packs such pages and cannot restart from them at all).
        PageMap pages = new PageMap(pageSize);
        for (int id = SlabAllocator.POWER_SMALLEST; id <= slabs.largestClass(); id++) {
            for (long page : slabs.pagesOf(id)) {
                pages.add(page, slabs.pageLength(id), id);
            }
        }
        pages.seal();
        Path file = Path.of(s.memoryFile);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer copy = ByteBuffer.allocateDirect(COPY_BUFFER);
            byte[] bytes = new byte[COPY_BUFFER];
            long scratch = NativeMemory.allocate(pageSize);
            try {
                for (int i = 0; i < pages.size(); i++) {
                    NativeMemory.zero(scratch, pageSize);
                    NativeMemory.copy(pages.start(i), scratch, pages.length(i));
                    translate(scratch, pages.start(i), pages.clsid(i), slabs, p -> toSaved(pages, p));
                    writeAt(ch, scratch, pageSize, (long) i * pageSize, copy, bytes);
                }
            } finally {
                NativeMemory.free(scratch);
            }
            if (ch.size() < s.maxBytes) {
                ch.truncate(s.maxBytes);
                ch.write(ByteBuffer.wrap(new byte[1]), s.maxBytes - 1);
            }
        } catch (IOException e) {
            err.println("[restart] failed to save metadata");
            return;
        }
        writeMeta(storage, log, err);
    }

    private static long toSaved(PageMap pages, long address) {
        int i = pages.find(address);
        return i < 0 ? 0 : SAVED_BASE + (long) i * pages.pageSize + (address - pages.start(i));
    }

    private static void writeAt(FileChannel ch, long from, int length, long position, ByteBuffer copy, byte[] bytes)
            throws IOException {
        for (int done = 0; done < length; ) {
            int n = Math.min(bytes.length, length - done);
            NativeMemory.copyToArray(from + done, bytes, 0, n);
            copy.clear();
            copy.put(bytes, 0, n).flip();
            while (copy.hasRemaining()) {
                ch.write(copy, position + done + copy.position());
            }
            done += n;
        }
    }

    private static void writeMeta(Storage storage, EventLog log, PrintStream err) {
        ServerSettings s = storage.settings;
        Path meta = metaOf(s.memoryFile);
        try {
            Files.deleteIfExists(meta);
            Files.createFile(meta, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(meta, StandardCharsets.ISO_8859_1)) {
                w.write("T" + TAG + "\n");
                kv(w, "slab_config", slabConfig(s));
                kv(w, "maxbytes", Long.toString(s.maxBytes));
                kv(w, "chunk_size", Integer.toString(s.chunkSize));
                kv(w, "item_size_max", Integer.toString(s.itemSizeMax));
                kv(w, "slab_chunk_size_max", Integer.toString(s.slabChunkSizeMax));
                kv(w, "slab_page_size", Integer.toString(s.slabPageSize));
                kv(w, "use_cas", Boolean.toString(s.useCas));
                kv(w, "slab_reassign", Boolean.toString(s.slabReassign));
                kv(w, "current_time", Integer.toUnsignedString(storage.clock.now()));
                kv(w, "process_started", Long.toString(storage.clock.processStarted()));
                kv(w, "stop_time", Long.toString(System.currentTimeMillis() / 1000));
                kv(w, "current_cas", Long.toUnsignedString(storage.takeCasForSave()));
                kv(w, "oldest_cas", Long.toUnsignedString(storage.oldestCas()));
                kv(w, "logger_gid", Long.toUnsignedString(log.takeGidForSave()));
                kv(w, "hashpower", Integer.toString(storage.hashPowerLevel()));
                kv(w, "oldest_live", Integer.toUnsignedString(storage.oldestLive()));
                kv(w, "mmap_oldbase", "0x" + Long.toHexString(SAVED_BASE));
            }
        } catch (IOException e) {
            err.println("failed to write metadata file: " + e.getMessage());
        }
    }

    private static void kv(Writer w, String key, String value) throws IOException {
        w.write("K" + key + " " + value + "\n");
    }

    // ------------------------------------------------------------------ restore

    /**
     * Reads the memory file back (storage lock held, before the server serves): every page in use
     * gets memory of its own again, links are translated to it, free chunks go back on their lists
     * and linked items into the index and their LRU.
     */
    public static void restore(Storage storage, EventLog log, Clock clock, Saved saved) throws IOException {
        ServerSettings s = storage.settings;
        SlabAllocator slabs = storage.slabs;
        int pageSize = s.slabPageSize;
        long[] pageAt;
        int[] classOf;
        int regionPages;
        try (FileChannel ch = FileChannel.open(Path.of(s.memoryFile), StandardOpenOption.READ)) {
            regionPages = (int) Math.min(Integer.MAX_VALUE, ch.size() / pageSize);
            pageAt = new long[regionPages];
            classOf = new int[regionPages];
            ByteBuffer copy = ByteBuffer.allocateDirect(COPY_BUFFER);
            byte[] bytes = new byte[COPY_BUFFER];
            long scratch = NativeMemory.allocate(pageSize);
            try {
                for (int i = 0; i < regionPages; i++) {
                    if (!readAt(ch, scratch, pageSize, (long) i * pageSize, copy, bytes)) {
                        break;
                    }
                    int id = pageClass(scratch);
                    if (id < SlabAllocator.POWER_SMALLEST || id > slabs.largestClass()) {
                        continue; // not in use
                    }
                    long page = slabs.restorePage(id);
                    if (page == 0) {
                        // half a cache would hold links into pages that are not there
                        throw new IOException("no memory for page " + i + " of the memory file");
                    }
                    NativeMemory.copy(scratch, page, slabs.pageLength(id));
                    pageAt[i] = page;
                    classOf[i] = id;
                }
            } finally {
                NativeMemory.free(scratch);
            }
        }
        for (int i = 0; i < regionPages; i++) {
            if (pageAt[i] != 0) {
                long page = pageAt[i];
                translate(page, page, classOf[i], slabs, p -> fromSaved(saved.base(), pageSize, pageAt, p));
            }
        }
        for (int i = 0; i < regionPages; i++) {
            if (pageAt[i] != 0) {
                relink(storage, pageAt[i], classOf[i]);
            }
        }
        storage.restoreCounters(saved.nextCas(), saved.oldestLive(), saved.oldestCas());
        log.continueGids(saved.loggerGid());
        clock.resume(saved.processStarted(), saved.currentTime(), saved.secondsStopped());
    }

    /**
     * The class of a saved page, from its first chunk. The header of a chunked item names the class
     * of the whole value rather than its own (memcached's restart reads that class and walks the
     * page with the wrong chunk size); its own class is in its chunk header.
     */
    private static int pageClass(long page) {
        int flags = ItemLayout.flags(page);
        if ((flags & CHUNKED) != 0 && (flags & SLABBED) == 0) {
            return ItemLayout.chunkOrigClsid(ItemLayout.headerChunk(page));
        }
        return ItemLayout.clsid(page);
    }

    private static long fromSaved(long base, int pageSize, long[] pageAt, long address) {
        long offset = address - base;
        if (address == 0 || offset < 0) {
            return 0;
        }
        int i = (int) (offset / pageSize);
        return i < pageAt.length && pageAt[i] != 0 ? pageAt[i] + offset % pageSize : 0;
    }

    private static boolean readAt(FileChannel ch, long to, int length, long position, ByteBuffer copy, byte[] bytes)
            throws IOException {
        for (int done = 0; done < length; ) {
            int n = Math.min(bytes.length, length - done);
            copy.clear().limit(n);
            while (copy.hasRemaining()) {
                if (ch.read(copy, position + done + copy.position()) < 0) {
                    return false;
                }
            }
            copy.flip();
            copy.get(bytes, 0, n);
            NativeMemory.copyFromArray(bytes, 0, to + done, n);
            done += n;
        }
        return true;
    }

    /** Puts the chunks of a restored page where they belong: free lists, or the index and the LRUs. */
    private static void relink(Storage storage, long page, int id) {
        SlabAllocator slabs = storage.slabs;
        int size = slabs.chunkSize(id);
        for (int x = 0; x < slabs.perslab(id); x++) {
            long it = page + (long) x * size;
            int flags = ItemLayout.flags(it);
            if ((flags & SLABBED) != 0 || flags == 0) {
                slabs.restoreFree(it, id);
            } else if ((flags & LINKED) != 0 && (flags & CHUNK) == 0) {
                ItemLayout.hNext(it, 0);
                ItemLayout.refcount(it, 1);
                storage.relinkRestored(it);
            }
        }
    }

    /** Translates the links of the chunks of one page copy at {@code copy} (its memory is at {@code page}). */
    private static void translate(long copy, long page, int id, SlabAllocator slabs, java.util.function.LongUnaryOperator map) {
        int size = slabs.chunkSize(id);
        for (int x = 0; x < slabs.perslab(id); x++) {
            long it = copy + (long) x * size;
            int flags = ItemLayout.flags(it);
            if ((flags & SLABBED) != 0) {
                ItemLayout.next(it, 0);
                ItemLayout.prev(it, 0);
                continue;
            }
            if ((flags & LINKED) != 0 && (flags & CHUNK) == 0) {
                ItemLayout.next(it, map.applyAsLong(ItemLayout.next(it)));
                ItemLayout.prev(it, map.applyAsLong(ItemLayout.prev(it)));
                ItemLayout.hNext(it, 0);
            }
            long ch = (flags & CHUNKED) != 0 ? ItemLayout.headerChunk(it) : (flags & CHUNK) != 0 ? it : 0;
            if (ch != 0) {
                ItemLayout.next(ch, map.applyAsLong(ItemLayout.next(ch)));
                ItemLayout.prev(ch, map.applyAsLong(ItemLayout.prev(ch)));
                ItemLayout.chunkHead(ch, map.applyAsLong(ItemLayout.chunkHead(ch)));
            }
        }
    }

    /** The pages being saved, in file order, and a lookup from an address to its page. */
    private static final class PageMap {
        private long[] starts = new long[64];
        private int[] lengths = new int[64];
        private int[] classes = new int[64];
        private int count;
        private long[] sortedStarts;
        private int[] sortedIndex;
        final int pageSize;

        PageMap(int pageSize) {
            this.pageSize = pageSize;
        }

        void add(long start, int length, int clsid) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
                classes = Arrays.copyOf(classes, count * 2);
            }
            starts[count] = start;
            lengths[count] = length;
            classes[count] = clsid;
            count++;
        }

        void seal() {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compareUnsigned(starts[a], starts[b]));
            sortedStarts = new long[count];
            sortedIndex = new int[count];
            for (int i = 0; i < count; i++) {
                sortedStarts[i] = starts[order[i]];
                sortedIndex[i] = order[i];
            }
        }

        int size() {
            return count;
        }

        long start(int i) {
            return starts[i];
        }

        int length(int i) {
            return lengths[i];
        }

        int clsid(int i) {
            return classes[i];
        }

        /** The page holding {@code address}, or -1. */
        int find(long address) {
            int lo = 0;
            int hi = count - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(sortedStarts[mid], address) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found < 0) {
                return -1;
            }
            int i = sortedIndex[found];
            return address - starts[i] < lengths[i] ? i : -1;
        }
    }
}
