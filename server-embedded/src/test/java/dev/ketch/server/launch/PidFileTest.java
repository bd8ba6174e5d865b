package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void writesThePidAndANewlineWithoutLeavingTheTemporaryFile() throws Exception {
        Path file = dir.resolve("memcached.pid");
        assertEquals("", PidFile.write(file, 4242));
        assertEquals("4242\n", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("memcached.pid.tmp")));
    }

    @Test
    void warnsWhenTheOldFileNamesARunningProcess() throws Exception {
        Path file = dir.resolve("pid");
        long running = ProcessHandle.current().pid();
        Files.writeString(file, running + "\n");
        assertEquals("WARNING: The pid file contained the following (running) pid: " + running + "\n",
                PidFile.write(file, 7));
        assertEquals("7\n", Files.readString(file));
    }

    @Test
    void aStaleOrGarbledOldFileIsReplacedSilently() throws Exception {
        Path file = dir.resolve("pid");
        Files.writeString(file, "garbage\n");
        assertEquals("", PidFile.write(file, 8));
        assertEquals("8\n", Files.readString(file));
    }

    @Test
    void anUnwritableLocationIsReportedNotFatal() {
        String messages = PidFile.write(dir.resolve("missing/dir/pid"), 9);
        assertTrue(messages.startsWith("Could not open the pid file " + dir.resolve("missing/dir/pid.tmp")
                + " for writing: "), messages);
    }
}
