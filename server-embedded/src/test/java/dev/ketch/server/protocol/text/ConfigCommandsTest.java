package dev.ketch.server.protocol.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ketch.server.ClusterConfig;
import dev.ketch.server.MemcachedServer;
import dev.ketch.server.config.ServerSettings;
import dev.ketch.server.junit.MemcachedServerExtension;
import dev.ketch.server.testing.LeakDetectionExtension;
import dev.ketch.server.testing.TextClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The configuration endpoint ({@code --enable-cluster-config}): the bytes of ElastiCache's {@code
 * config get cluster} reply, {@code config set cluster}, and {@code ERROR} when it is off.
 */
@ExtendWith(LeakDetectionExtension.class)
class ConfigCommandsTest {

    @RegisterExtension
    static MemcachedServerExtension endpoint = new MemcachedServerExtension(s -> s.clusterConfigCommand = true);

    @BeforeEach
    void clear() {
        endpoint.server().clusterConfig().clear();
    }

    /** AWS's documented example: version 12, two nodes. */
    private static final String EXAMPLE = "12\n"
            + "myCluster.pc4ldq.0001.use1.cache.amazonaws.com|10.82.235.120|11211 "
            + "myCluster.pc4ldq.0002.use1.cache.amazonaws.com|10.80.249.27|11211\n";

    @Test
    void getServesTheVersionLineAndTheNodeLineInElastiCachesFraming() throws IOException {
        endpoint.server().clusterConfig().set(12, List.of(
                "myCluster.pc4ldq.0001.use1.cache.amazonaws.com|10.82.235.120|11211",
                "myCluster.pc4ldq.0002.use1.cache.amazonaws.com|10.80.249.27|11211"));
        try (TextClient c = new TextClient(endpoint.port())) {
            c.send("config get cluster\r\n");
            assertEquals("CONFIG cluster 0 136", c.line(), "the length counts both lines and their \\n");
            String body = new String(c.bytes(136 + 2), StandardCharsets.US_ASCII);
            assertEquals(EXAMPLE + "\r\n", body);
            assertEquals("END", c.line());
        }
    }

    @Test
    void setStoresTheBlockAsGivenAndGetServesItBack() throws IOException {
        byte[] data = EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        try (TextClient c = new TextClient(endpoint.port())) {
            assertEquals("END", c.call("config get cluster\r\n"), "nothing set yet");
            assertEquals("STORED", c.call("config set cluster 7 " + data.length + "\r\n" + EXAMPLE + "\r\n"));
            c.send("config get cluster\r\n");
            assertEquals("CONFIG cluster 7 " + data.length, c.line());
            assertArrayEquals(data, c.bytes(data.length));
            assertEquals("", c.line());
            assertEquals("END", c.line());
            assertEquals(12, endpoint.server().clusterConfig().value().version());
            c.send("config set cluster 0 4 noreply\r\n3\nx\n\r\n");
            assertEquals("3\nx\n", new String(getValue(c), StandardCharsets.US_ASCII), "noreply: no STORED before it");
            assertEquals("DELETED", c.call("config delete cluster\r\n"));
            assertEquals("NOT_FOUND", c.call("config delete cluster\r\n"));
        }
    }

    private static byte[] getValue(TextClient c) throws IOException {
        c.send("config get cluster\r\n");
        String header = c.line();
        int length = Integer.parseInt(header.substring(header.lastIndexOf(' ') + 1));
        byte[] value = c.bytes(length);
        c.line();
        c.line();
        return value;
    }

    @Test
    void badLinesAndBadBlocks() throws IOException {
        try (TextClient c = new TextClient(endpoint.port())) {
            assertEquals("ERROR", c.call("config get\r\n"));
            assertEquals("ERROR", c.call("config get nodes\r\n"));
            assertEquals("ERROR", c.call("config list cluster\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("config set cluster x 4\r\n"));
            assertEquals("CLIENT_ERROR bad command line format", c.call("config set cluster 0 -1\r\n"));
            assertEquals("CLIENT_ERROR bad data chunk", c.call("config set cluster 0 2\r\nabcd\r\n"));
            assertEquals("ERROR", c.line(), "what follows the block is the next command, as after a bad set");
            assertEquals("END", c.call("config get cluster\r\n"), "a bad block stores nothing");
        }
    }

    @Test
    void publishCountsVersionsUpAndChecksNodes() {
        ClusterConfig config = endpoint.server().clusterConfig();
        assertEquals(1, config.publish(List.of("a|127.0.0.1|11211")));
        assertEquals(2, config.publish(List.of("a|127.0.0.1|11211", "b||11212")));
        assertEquals("2\na|127.0.0.1|11211 b||11212\n", new String(config.value().data(), StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> config.publish(List.of("a:11211")));
        assertThrows(IllegalArgumentException.class, () -> config.publish(List.of("a|1.2.3.4|0")));
    }

    @Test
    void offByDefaultAsInMemcached() throws IOException {
        try (MemcachedServer plain = MemcachedServer.builder().port(0).listenAddress("127.0.0.1")
                .settings(new ServerSettings()).start();
                TextClient c = new TextClient(plain.port())) {
            assertEquals("ERROR", c.call("config get cluster\r\n"));
        }
    }
}
