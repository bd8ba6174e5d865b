package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code -o read_buf_mem_limit}: with 1 MB over 32 workers each worker has two 16 KiB buffers for
 * read buffers and response objects, as in memcached's t/conn-limits.t.
 */
class ConnectionLimitsTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> {
        s.readBufMemLimit = 1024 * 1024;
        s.numThreads = 32;
        s.reqsPerEvent = 500;
    });

    private static String stat(TextClient c, String name) throws IOException {
        c.send("stats\r\n");
        String value = null;
        for (String l = c.line(); !l.equals("END"); l = c.line()) {
            if (l.startsWith("STAT " + name + " ")) {
                value = l.substring(name.length() + 6);
            }
        }
        return value;
    }

    @Test
    void aMultiGetWithoutResponseObjectsFails() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            String keys = "foo ".repeat(500).trim();
            assertEquals("SERVER_ERROR out of memory writing get response", c.call("get " + keys + "\r\n"));
            assertTrue(Long.parseLong(stat(c, "response_obj_oom")) > 0);
            assertEquals("STORED", c.call("set after 0 0 1\r\nx\r\n"), "the connection goes on");
        }
    }

    @Test
    void stackedResponsesBeyondTheBufferCloseTheConnection() throws IOException {
        try (TextClient c = new TextClient(memcached.port())) {
            c.send("mg foo v\r\n".repeat(500));
            assertEquals(-1, c.readOrEnd(), "closed without transmitting anything");
        }
    }

    @Test
    void connectionsWithoutReadBuffersAreClosed() throws IOException {
        List<TextClient> partial = new ArrayList<>();
        int closed = 0;
        try {
            // Each holds a read buffer while it waits for its data block; a worker has two buffers.
            for (int i = 0; i < 128; i++) {
                TextClient c = new TextClient(memcached.port());
                partial.add(c);
                c.send("set foo 0 0 2\r\n");
            }
            for (TextClient c : partial) {
                if (!completes(c)) {
                    closed++;
                }
            }
        } finally {
            for (TextClient c : partial) {
                c.close();
            }
        }
        assertTrue(closed > 0, "some of 128 connections found no read buffer");
        try (TextClient c = new TextClient(memcached.port())) {
            assertTrue(Long.parseLong(stat(c, "read_buf_oom")) >= closed);
        }
    }

    /** Sends the data block: true if the set completes, false if the server had closed the connection. */
    private static boolean completes(TextClient c) {
        try {
            return c.call("xx\r\n").equals("STORED");
        } catch (IOException closedOrReset) {
            return false;
        }
    }
}
