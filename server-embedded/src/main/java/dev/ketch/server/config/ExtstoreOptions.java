package dev.ketch.server.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code -o ext_*} suboptions (and {@code slab_automove_freeratio}) of a memcached 1.6.18
 * built with extstore ({@code storage_read_config}), with its messages and its order rules: the
 * page size must come before any path, since a path's page count is fixed when it is read.
 */
final class ExtstoreOptions {

    private static final int MB = 1024 * 1024;
    private static final Pattern DOUBLE = Pattern.compile(
            "\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*");

    private ExtstoreOptions() {
    }

    /** Applies {@code name=value} if it is an extstore option; returns false if it is not one. */
    static boolean apply(ExtstoreSettings ext, String name, String value) throws StopParsing {
        switch (name) {
            case "ext_page_size" -> {
                if (!ext.paths.isEmpty()) {
                    throw fail("Must specify ext_page_size before any ext_path arguments");
                }
                ext.pageSize = unsigned(value, "ext_page_size") * MB;
            }
            case "ext_wbuf_size" -> ext.wbufSize = unsigned(value, "ext_wbuf_size") * MB;
            case "ext_threads" -> ext.ioThreads = unsigned(value, "ext_threads");
            case "ext_io_depth" -> ext.ioDepth = unsigned(value, "ext_io_depth");
            case "ext_item_size" -> ext.itemSize = unsigned(value, "ext_item_size");
            case "ext_item_age" -> ext.itemAge = unsigned(value, "ext_item_age");
            case "ext_low_ttl" -> ext.lowTtl = unsigned(value, "ext_low_ttl");
            case "ext_recache_rate" -> ext.recacheRate = unsigned(value, "ext_recache_rate");
            case "ext_compact_under" -> ext.compactUnder = unsigned(value, "ext_compact_under");
            case "ext_drop_under" -> ext.dropUnder = unsigned(value, "ext_drop_under");
            case "ext_max_sleep" -> ext.maxSleep = unsigned(value, "ext_max_sleep");
            case "ext_max_frag" -> ext.maxFrag = fraction(value, "ext_max_frag");
            case "slab_automove_freeratio" -> ext.slabAutomoveFreeratio = fraction(value, "slab_automove_freeratio");
            case "ext_drop_unread" -> ext.dropUnread = true;
            case "ext_path" -> {
                if (value == null) {
                    throw fail("missing argument to ext_path, ie: ext_path=/d/file:5G");
                }
                ext.paths.add(path(value, ext.pageSize));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code /path/to/file:64m[:bucket]}: the page count is the whole pages that fit the size. */
    private static ExtstoreSettings.Path path(String value, int pageSize) throws StopParsing {
        String[] parts = value.split(":", -1);
        String file = parts[0];
        if (file.isEmpty() || parts.length < 2 || parts[1].isEmpty()) {
            throw fail(file.isEmpty() ? "failed to parse ext_path argument"
                    : "must supply size to ext_path, ie: ext_path=/f/e:64m (M|G|T|P supported)\n"
                            + "failed to parse ext_path argument");
        }
        String size = parts[1];
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long multiplier = switch (unit) {
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            case 'p' -> 1L << 50;
            default -> 0;
        };
        long bytes = multiplier * CNumbers.atoi(size.substring(0, size.length() - 1));
        if (parts.length > 2) {
            String bucket = parts[2].toLowerCase(Locale.ROOT);
            switch (bucket) {
                case "default" -> {
                }
                case "compact", "lowttl", "chunked" -> throw fail(
                        "ext_path only presently supports the default bucket\nfailed to parse ext_path argument");
                default -> throw fail("Unknown extstore bucket: " + parts[2] + "\nfailed to parse ext_path argument");
            }
        }
        long pages = pageSize == 0 ? 0 : bytes / Integer.toUnsignedLong(pageSize);
        return new ExtstoreSettings.Path(file, (int) Math.min(pages, Integer.MAX_VALUE));
    }

    private static int unsigned(String value, String name) throws StopParsing {
        if (value == null) {
            throw fail("Missing " + name + " argument");
        }
        Integer parsed = CNumbers.safeStrtoul(value);
        if (parsed == null) {
            throw fail("could not parse argument to " + name);
        }
        return parsed;
    }

    private static double fraction(String value, String name) throws StopParsing {
        if (value == null) {
            throw fail("Missing " + name + " argument");
        }
        if (!DOUBLE.matcher(value).matches()) {
            throw fail("could not parse argument to " + name);
        }
        return Double.parseDouble(value.trim());
    }

    private static StopParsing fail(String message) {
        return StopParsing.error(ExitStatus.FAILURE, message);
    }
}
