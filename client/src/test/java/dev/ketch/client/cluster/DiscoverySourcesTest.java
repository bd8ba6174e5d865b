package dev.ketch.client.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.HostResolver;
import dev.ketch.client.ServerAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each discovery source makes of its answers, without a network. */
class DiscoverySourcesTest {

    /** AWS's documented example reply: version 12, two nodes; 136 bytes of configuration. */
    private static final String AWS_EXAMPLE = "CONFIG cluster 0 136\r\n"
            + "12\n"
            + "myCluster.pc4ldq.0001.use1.cache.amazonaws.com|10.82.235.120|11211 "
            + "myCluster.pc4ldq.0002.use1.cache.amazonaws.com|10.80.249.27|11211\n"
            + "\r\nEND\r\n";

    private static DiscoveredServers parse(String reply) throws IOException {
        return ConfigurationEndpoint.parseReply(new ByteArrayInputStream(reply.getBytes(StandardCharsets.US_ASCII)),
                "test");
    }

    @Test
    void configGetClusterReply() throws Exception {
        DiscoveredServers found = parse(AWS_EXAMPLE);
        assertEquals(12, found.version());
        assertEquals(List.of(new ServerAddress("myCluster.pc4ldq.0001.use1.cache.amazonaws.com", 11211),
                new ServerAddress("myCluster.pc4ldq.0002.use1.cache.amazonaws.com", 11211)), found.servers(),
                "the ring hashes the names, in the endpoint's order");
        assertEquals(InetAddress.getByName("10.80.249.27"),
                found.addresses().get("myCluster.pc4ldq.0002.use1.cache.amazonaws.com"));
        DiscoveredServers noIp = parse("CONFIG cluster 0 18\r\n3\nnew.node||11212\n\r\nEND\r\n");
        assertTrue(noIp.addresses().isEmpty(), "an empty ip: the name is resolved");
    }

    @Test
    void repliesThatAreNotAConfiguration() {
        assertTrue(assertThrows(IOException.class, () -> parse("END\r\n")).getMessage()
                .contains("has no cluster configuration"));
        assertTrue(assertThrows(IOException.class, () -> parse("ERROR\r\n")).getMessage()
                .contains("does not serve config get cluster"));
        assertThrows(IOException.class, () -> parse("CONFIG cluster 0 x\r\n"));
        assertThrows(IOException.class, () -> parse("CONFIG cluster 0 136\r\n12\n"), "cut short");
        assertThrows(IOException.class, () -> parse(AWS_EXAMPLE.replace("\r\nEND", "\r\nEN")));
        assertThrows(IOException.class, () -> parse("CONFIG cluster 0 4\r\n12\n\n\r\nEND\r\n"), "no node line");
        assertThrows(IOException.class, () -> parse("CONFIG cluster 0 12\r\nv2\na|b|1\n\r\nEND\r\n".replace("12", "10")));
        assertThrows(IOException.class, () -> ConfigurationEndpoint.parseConfig("1\nhost:11211\n", "t"));
        assertThrows(IOException.class, () -> ConfigurationEndpoint.parseConfig("1\nh|1.2.3.4|0\n", "t"));
        assertThrows(IOException.class, () -> ConfigurationEndpoint.parseConfig("1\nh|nonsense|11211\n", "t"));
        assertThrows(IOException.class, () -> ConfigurationEndpoint.parseConfig("1\nh||1 h||1\n", "t"));
    }

    @Test
    void dnsAddressesAreServersSortedByAddress() throws Exception {
        HostResolver rotating = host -> List.of(InetAddress.getByName("10.0.0.3"), InetAddress.getByName("10.0.0.1"),
                InetAddress.getByName("10.0.0.2"));
        DiscoveredServers found = ServerDiscovery.dnsAddresses("cache.test", 11311, rotating).discover(Duration.ZERO);
        assertEquals(List.of(new ServerAddress("10.0.0.1", 11311), new ServerAddress("10.0.0.2", 11311),
                new ServerAddress("10.0.0.3", 11311)), found.servers());
    }

    @Test
    void srvTargetsAreServersSortedByTargetAndPort() throws Exception {
        SrvLookup lookup = name -> {
            assertEquals("_memcache._tcp.cache.test", name);
            return List.of(new SrvLookup.SrvRecord(10, 5, 11212, "b.cache.test"),
                    new SrvLookup.SrvRecord(10, 5, 11211, "a.cache.test"),
                    new SrvLookup.SrvRecord(20, 0, 11211, "b.cache.test"));
        };
        DiscoveredServers found = ServerDiscovery.dnsSrv("_memcache._tcp.cache.test", lookup).discover(Duration.ZERO);
        assertEquals(List.of(new ServerAddress("a.cache.test", 11211), new ServerAddress("b.cache.test", 11211),
                new ServerAddress("b.cache.test", 11212)), found.servers());
        assertThrows(java.net.UnknownHostException.class,
                () -> ServerDiscovery.dnsSrv("none", name -> List.of()).discover(Duration.ZERO));
    }

    @Test
    void aSupplierIsAskedOnEveryPoll() throws Exception {
        List<List<ServerAddress>> answers = List.of(List.of(ServerAddress.parse("a:1")),
                List.of(ServerAddress.parse("a:1"), ServerAddress.parse("b:1")));
        int[] calls = {0};
        ServerDiscovery discovery = ServerDiscovery.of(() -> answers.get(calls[0]++));
        assertEquals(answers.get(0), discovery.discover(Duration.ZERO).servers());
        assertEquals(answers.get(1), discovery.discover(Duration.ZERO).servers());
        assertThrows(IllegalArgumentException.class, () -> DiscoveredServers.of(List.of()), "never an empty ring");
    }
}
