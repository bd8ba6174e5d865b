package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server-selection vectors libmemcached produced ({@code src/test/resources/vectors}, see the
 * README there). They are part of the project: when the directory is missing the tests fail rather
 * than skip.
 */
public final class Vectors {

    private Vectors() {
    }

    /** {@code -Dketch.vectors} (the client pom sets it), else {@code src/test/resources/vectors} of the module. */
    public static Path directory() {
        String configured = System.getProperty("ketch.vectors");
        Path dir = Path.of(configured != null ? configured : "src/test/resources/vectors").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("server-selection vectors not found at " + dir);
        }
        return dir;
    }

    /** Every {@code .tsv} file of the vectors directory, by name. */
    public static List<Path> files() {
        try (Stream<Path> list = Files.list(directory())) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
            if (files.isEmpty()) {
                throw new AssertionError("no .tsv files in " + directory());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Table read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vectors file bundled with the tests (see the resource's own comments for its origin). */
    public static Table resource(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return parse(name, text.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Table parse(String name, List<String> lines) {
        Map<String, String> comments = new LinkedHashMap<>();
        List<String> columns = null;
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    comments.put(line.substring(2, colon), line.substring(colon + 2));
                }
            } else if (columns == null) {
                columns = List.of(line.split("\t", -1));
            } else if (!line.isEmpty()) {
                String[] cells = line.split("\t", -1);
                if (cells.length != columns.size()) {
                    throw new AssertionError(name + ": row with " + cells.length + " cells: " + line);
                }
                rows.add(cells);
            }
        }
        if (columns == null || rows.isEmpty()) {
            throw new AssertionError(name + ": no header or no rows");
        }
        return new Table(name, comments, columns, rows);
    }

    /**
     * One file: its {@code # name: value} comments, column names and rows.
     */
    public record Table(String name, Map<String, String> comments, List<String> columns, List<String[]> rows) {

        public String comment(String key) {
            String value = comments.get(key);
            if (value == null) {
                throw new AssertionError(name + ": no '# " + key + ":' line");
            }
            return value;
        }

        /** The value of the comment whose name starts with {@code prefix}, or null. */
        public String commentStartingWith(String prefix) {
            return comments.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        public int column(String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new AssertionError(name + ": no column " + column + " in " + columns);
            }
            return index;
        }

        /** The distribution libmemcached ran with, in Ketch's terms, from the header. */
        public Distribution distribution() {
            String libmemcached = comment("distribution");
            boolean weighted = comment("weighted_ketama").equals("yes");
            if (libmemcached.equals("MEMCACHED_DISTRIBUTION_MODULA")) {
                return Distribution.MODULA;
            }
            if (comment("generator").contains("libmemcached 1.0.8")) {
                if (!weighted) {
                    throw new AssertionError(name + ": 1.0.8 builds the weighted ring for ketama");
                }
                return Distribution.LIBMEMCACHED_KETAMA_PRE1010;
            }
            if (!weighted) {
                return Distribution.LIBMEMCACHED_KETAMA;
            }
            // pylibmc's "ketama" on weighted servers also lands here: see Distribution's Javadoc
            return hash() == HashAlgorithm.MD5 ? Distribution.LIBMEMCACHED_KETAMA_WEIGHTED
                    : Distribution.LIBMEMCACHED_CONSISTENT_WEIGHTED;
        }

        /** The key hash, from the header. */
        public HashAlgorithm hash() {
            String hash = comment("key_hash");
            return hash.equals("default") ? HashAlgorithm.ONE_AT_A_TIME
                    : HashAlgorithm.valueOf(hash.toUpperCase(java.util.Locale.ROOT));
        }

        /** The servers libmemcached ejected (the failover files), as configured; empty if none. */
        public List<ServerAddress> ejected() {
            String ejected = commentStartingWith("ejected");
            return ejected == null ? List.of()
                    : Arrays.stream(ejected.trim().split(" +")).map(ServerAddress::parse).toList();
        }

        /** The servers of {@code # server_specs:}, as a client would be configured. */
        public List<ServerAddress> servers() {
            return Arrays.stream(comment("server_specs").trim().split(" +")).map(ServerAddress::parse).toList();
        }
    }

    /** The vectors' key escaping undone: {@code \\} is a backslash, {@code \xNN} a byte. */
    public static byte[] unescape(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                out.write(c);
            } else if (escaped.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (escaped.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                throw new AssertionError("bad escape in key " + escaped);
            }
        }
        return out.toByteArray();
    }

    public static int unsigned(String decimal) {
        return Integer.parseUnsignedInt(decimal);
    }
}
