package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
            // Each holds a read buffer while it waits for its data block. Connections go to the 32
            // workers in turn, so each worker gets 4 of them and has 2 buffers: at least half are
            // closed. No data block is sent until they are, because a completed set frees a buffer
            // that a connection the server has not read yet would take.
            for (int i = 0; i < 128; i++) {
                TextClient c = new TextClient(memcached.port());
                partial.add(c);
                c.send("set foo 0 0 2\r\n");
            }
            List<TextClient> open = new ArrayList<>(partial);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (closed < partial.size() / 2 && System.nanoTime() < deadline) {
                for (Iterator<TextClient> it = open.iterator(); it.hasNext(); ) {
                    if (it.next().closedByServer(10)) {
                        it.remove();
                        closed++;
                    }
                }
            }
            assertTrue(closed >= partial.size() / 2, closed + " of 128 connections found no read buffer, expected 64");
            int stored = 0;
            for (TextClient c : open) {
                if (completes(c)) {
                    stored++;
                } else {
                    closed++;
                }
            }
            assertTrue(stored > 0, "the connections that kept a read buffer complete their set");
        } finally {
            for (TextClient c : partial) {
                c.close();
            }
        }
        assertTrue(Long.parseLong(statOnAFreedWorker("read_buf_oom")) >= closed);
    }

    /** A worker may not have seen its closed connections yet; a stats connection it closes is retried. */
    private static String statOnAFreedWorker(String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (TextClient c = new TextClient(memcached.port())) {
                return stat(c, name);
            } catch (IOException closedForWantOfABuffer) {
                if (attempt == 50) {
                    throw closedForWantOfABuffer;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
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
