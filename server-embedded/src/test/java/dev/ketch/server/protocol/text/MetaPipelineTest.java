package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pipelined meta commands with quiet mode and {@code mn}, mixed with the classic commands. Expected
 * bytes were taken from memcached 1.6.18 ({@code /usr/bin/memcached}) for the same input.
 */
class MetaPipelineTest {

    @RegisterExtension
    static MemcachedServerExtension memcached = new MemcachedServerExtension(s -> s.debugTimeCommand = true);

    @BeforeAll
    static void prepare() throws IOException {
        MetaTestTarget.prepare(memcached);
    }

    private static TextClient client() throws IOException {
        return MetaTestTarget.client(memcached);
    }

    @Test
    void quietPipelineEndsWithMn() throws IOException {
        try (TextClient c = client()) {
            c.send("ms q1 2 q\r\nab\r\nms q2 2 q\r\ncd\r\nmg q1 v q k\r\nmg q3 v q k\r\nmg q2 v q k O2\r\n"
                    + "md q3 q\r\nmd q2 q\r\nmd q2 q\r\nma q4 q\r\nma q4 q N0\r\nma q4 q\r\nma q4 q v\r\nmn\r\n");
            assertEquals("VA 2 kq1\r\nab\r\nVA 2 kq2 O2\r\ncd\r\nNF\r\nNF\r\nNF\r\nHD\r\nMN\r\n", c.untilMn());
            assertEquals("", c.beforeMn(), "nothing after MN");
        }
    }

    @Test
    void metaGetsWithOpaquesMatchRequestsToReplies() throws IOException {
        try (TextClient c = client()) {
            c.send("ms p1 1\r\na\r\nms p3 1\r\nc\r\n");
            assertEquals("HD", c.line());
            assertEquals("HD", c.line());
            c.send("mg p1 v q O1\r\nmg p2 v q O2\r\nmg p3 v q O3\r\nmn\r\n");
            assertEquals("VA 1 O1\r\na\r\nVA 1 O3\r\nc\r\nMN\r\n", c.untilMn());
            assertEquals("", c.beforeMn(), "nothing after MN");
        }
    }

    @Test
    void quitEndsThePipeline() throws IOException {
        try (TextClient c = client()) {
            c.send("ms pq 2 T100\r\nna\r\nmg pq s\r\nmg pq s\r\nquit\r\nmg pq s\r\n");
            assertEquals("HD", c.line());
            assertEquals("HD s2", c.line());
            assertEquals("HD s2", c.line());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void metaAndClassicCommandsMix() throws IOException {
        try (TextClient c = client()) {
            c.send("set mix 5 0 1\r\n1\r\nma mix v\r\nincr mix 1\r\nmg mix f v\r\nget mix\r\nmd mix\r\ndelete mix\r\n");
            assertEquals("STORED\r\nVA 1\r\n2\r\n3\r\nVA 1 f5\r\n3\r\nVALUE mix 5 1\r\n3\r\nEND\r\nHD\r\nNOT_FOUND\r\n",
                    c.beforeMn());
        }
    }

    @Test
    void dataBlockErrorsInAPipeline() throws IOException {
        try (TextClient c = client()) {
            c.send("ms pe 2 Mz\r\nxx\r\nms pe 2 q\r\nxxx\r\nmg pe v\r\nmn\r\n");
            assertEquals("CLIENT_ERROR invalid mode for ms M token\r\nCLIENT_ERROR bad data chunk\r\nERROR\r\nEN\r\nMN\r\n",
                    c.untilMn());
            assertEquals("", c.beforeMn(), "nothing after MN");
        }
    }
}
