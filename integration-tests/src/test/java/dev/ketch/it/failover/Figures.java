package dev.ketch.it.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Where the failover tests report what they measured (time to eject, to rejoin, errors seen), for
 * the README's table: standard output and {@code target/failover-figures.txt}, one line each.
 */
public final class Figures {

    private Figures() {
    }

    public static synchronized void report(String scenario, String figures) {
        String line = "FAILOVER " + scenario + ": " + figures;
        System.out.println(line);
        Path dir = Path.of(System.getProperty("ketch.it.buildDir", "target"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("failover-figures.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(cannot write the figures file: " + e + ")");
        }
    }

    public static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
