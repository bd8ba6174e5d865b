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
 * The server-selection vectors libmemcached produced ({@code ../shared/vectors}, read-only team
 * material beside the clone; see its README). They are part of the project: when the directory is
 * missing the tests fail rather than skip.
 */
final class Vectors {

    private Vectors() {
    }

    /** {@code -Dketch.vectors} (the client pom sets it), else {@code ../../shared/vectors} from the module. */
    static Path directory() {
        String configured = System.getProperty("ketch.vectors");
        Path dir = Path.of(configured != null ? configured : "../../shared/vectors").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("server-selection vectors not found at " + dir + ": the team's shared material "
                    + "(shared/vectors beside the clone) is required by these tests");
        }
        return dir;
    }

    /** Every {@code .tsv} file of the vectors directory, by name. */
    static List<Path> files() {
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

    static Table read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vectors file bundled with the tests (see the resource's own comments for its origin). */
    static Table resource(String name) {
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
    record Table(String name, Map<String, String> comments, List<String> columns, List<String[]> rows) {

        String comment(String key) {
            String value = comments.get(key);
            if (value == null) {
                throw new AssertionError(name + ": no '# " + key + ":' line");
            }
            return value;
        }

        /** The value of the comment whose name starts with {@code prefix}, or null. */
        String commentStartingWith(String prefix) {
            return comments.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        int column(String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new AssertionError(name + ": no column " + column + " in " + columns);
            }
            return index;
        }

        /** The servers of {@code # server_specs:}, as a client would be configured. */
        List<ServerAddress> servers() {
            return Arrays.stream(comment("server_specs").trim().split(" +")).map(ServerAddress::parse).toList();
        }
    }

    /** The vectors' key escaping undone: {@code \\} is a backslash, {@code \xNN} a byte. */
    static byte[] unescape(String escaped) {
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

    static int unsigned(String decimal) {
        return Integer.parseUnsignedInt(decimal);
    }
}
