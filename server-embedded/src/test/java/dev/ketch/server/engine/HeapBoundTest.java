package dev.ketch.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.testing.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Items live outside the Java heap: a cache four times the heap's size fills up without an
 * OutOfMemoryError, and writing ten times the limit never takes more memory than the limit.
 * Each case runs in its own JVM with a small {@code -Xmx} ({@link HeapBoundProbe}).
 */
@Timeout(300)
class HeapBoundTest {

    @RegisterExtension
    static final ChildProcesses PROCESSES = new ChildProcesses();

    private static final Pattern RESULT = Pattern.compile(
            "items=(\\d+) bytes=(\\d+) malloced=(\\d+) heapUsed=(\\d+) heapMax=(\\d+)");

    private static Matcher probe(String xmx, long limitMb, long writeMb, int valueSize)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = PROCESSES.start(new ProcessBuilder(List.of(java.toString(), "-Xmx" + xmx,
                "-cp", System.getProperty("java.class.path"), HeapBoundProbe.class.getName(),
                Long.toString(limitMb), Long.toString(writeMb), Integer.toString(valueSize)))
                .redirectErrorStream(true));
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        Matcher m = RESULT.matcher(text);
        assertTrue(m.find(), text);
        return m;
    }

    @Test
    void millionsOfSmallItemsInAFourTimesSmallerHeap() throws Exception {
        Matcher m = probe("64m", 256, 280, 100);
        long items = Long.parseLong(m.group(1));
        assertTrue(items > 1_300_000, "items held: " + items);
        assertEquals(256L * 1024 * 1024, Long.parseLong(m.group(3)));
        assertTrue(Long.parseLong(m.group(4)) < 48L * 1024 * 1024, "heap used " + m.group(4));
    }

    @Test
    void writingTenTimesTheLimitNeverExceedsIt() throws Exception {
        Matcher m = probe("256m", 1024, 10 * 1024, 4000);
        long malloced = Long.parseLong(m.group(3));
        assertTrue(malloced <= 1024L * 1024 * 1024, "malloced " + malloced);
        assertTrue(Long.parseLong(m.group(2)) > 900L * 1024 * 1024, "bytes held " + m.group(2));
    }
}
