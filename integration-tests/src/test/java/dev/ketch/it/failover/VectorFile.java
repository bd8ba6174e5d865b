package dev.ketch.it.failover;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * One of libmemcached's key vector files ({@code client/src/test/resources/vectors}, format in its README): each
 * key (its raw bytes) and the server libmemcached sent it to.
 */
public final class VectorFile {

    /** One row: the key's bytes and its server as {@code host:port}. */
    public record Row(String escaped, byte[] key, String server) {
    }

    private final List<Row> rows;

    private VectorFile(List<Row> rows) {
        this.rows = rows;
    }

    /** Reads {@code name} from {@code -Dketch.vectors}; fails the test if it is missing. */
    public static VectorFile read(String name) throws IOException {
        Path dir = Path.of(System.getProperty("ketch.vectors", "../client/src/test/resources/vectors"));
        Path file = dir.resolve(name);
        Assertions.assertTrue(Files.isRegularFile(file), "libmemcached's vectors are missing: " + file.toAbsolutePath());
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (header) {
                header = false; // key hash server index
                continue;
            }
            String[] cells = line.split("\t");
            rows.add(new Row(cells[0], unescape(cells[0]), cells[2]));
        }
        return new VectorFile(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** A byte 0x21..0x7e other than {@code \} stands for itself, {@code \\} is {@code \}, else {@code \xNN}. */
    static byte[] unescape(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                out.write(c);
            } else if (escaped.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else {
                out.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
                i += 3;
            }
        }
        return out.toByteArray();
    }
}
