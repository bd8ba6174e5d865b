package dev.ketch.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** memcached's per-worker read buffers and response bundles, counted as memcached counts them. */
class ConnectionMemoryTest {

    @Test
    void theLimitIsSharedByTheWorkersInSixteenKilobyteBuffers() {
        assertEquals(0, ConnectionMemory.buffersPerWorker(0, 4));
        assertEquals(2, ConnectionMemory.buffersPerWorker(1024 * 1024, 32));
        assertEquals(1, ConnectionMemory.buffersPerWorker(1024 * 1024, 100), "at least one buffer");
        assertEquals(64, ConnectionMemory.buffersPerWorker(1024 * 1024, 1));
    }

    @Test
    void thirteenResponsesShareABufferAndTheLastBundleIsKept() {
        ConnectionMemory m = new ConnectionMemory(2);
        assertTrue(m.takeReadBuffer());
        for (int i = 0; i < 13; i++) {
            assertTrue(m.startResponse(), "response " + i);
        }
        assertFalse(m.startResponse(), "a fourteenth needs a second bundle: no buffer left");
        assertEquals(1, m.responseOom());
        assertFalse(m.takeReadBuffer());
        assertEquals(1, m.readOom());
        m.finishResponses(13);
        assertEquals(1, m.bundles(), "memcached keeps its last bundle for reuse");
        assertEquals(0, m.free());
        m.releaseReadBuffer();
        assertTrue(m.takeReadBuffer(), "a released read buffer is reused");
        assertEquals(2, m.total());
    }

    @Test
    void withoutALimitBuffersAreAllocatedAndCachedForReuse() {
        ConnectionMemory m = new ConnectionMemory(0);
        assertTrue(m.takeReadBuffer());
        for (int i = 0; i < 100; i++) {
            assertTrue(m.startResponse());
        }
        assertEquals(8, m.bundles());
        m.finishResponses(100);
        m.releaseReadBuffer();
        assertEquals(9, m.total(), "as memcached's read_buf_count after a 100-key get");
        assertEquals(8, m.free());
    }
}
