package dev.ketch.client.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ketch.client.ServerAddress;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JDK's JNDI DNS provider behind {@link SrvLookup#JNDI}, asking a DNS responder of the test's
 * own on 127.0.0.1 (no real DNS): SRV answers become servers.
 */
class JndiSrvLookupTest {

    private static final String NAME = "_memcache._tcp.cache.test";

    @Test
    void srvRecordsFromADnsServer() throws Exception {
        try (Responder dns = new Responder()) {
            String url = "dns://127.0.0.1:" + dns.port();
            List<SrvLookup.SrvRecord> records = SrvLookup.jndi(NAME, url);
            assertEquals(List.of(new SrvLookup.SrvRecord(10, 60, 11212, "b.cache.test"),
                    new SrvLookup.SrvRecord(10, 40, 11211, "a.cache.test")), records);
            DiscoveredServers found = ServerDiscovery.dnsSrv(NAME, name -> SrvLookup.jndi(name, url))
                    .discover(Duration.ofSeconds(1));
            assertEquals(List.of(new ServerAddress("a.cache.test", 11211), new ServerAddress("b.cache.test", 11212)),
                    found.servers());
        }
    }

    /** Answers every query with two SRV records for {@link #NAME}. */
    private static final class Responder implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final Thread thread = new Thread(this::serve, "test-dns");

        Responder() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                    socket.receive(query);
                    byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static byte[] answer(ByteBuffer query) throws IOException {
            int id = query.getShort(0) & 0xffff;
            int questionEnd = 12;
            while (query.get(questionEnd) != 0) {
                questionEnd += (query.get(questionEnd) & 0xff) + 1;
            }
            questionEnd += 1 + 4; // the root label, QTYPE, QCLASS
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeShort(id);
            out.writeShort(0x8180); // a response, recursion desired and available, no error
            out.writeShort(1);
            out.writeShort(2);
            out.writeShort(0);
            out.writeShort(0);
            out.write(query.array(), query.arrayOffset() + 12, questionEnd - 12);
            srv(out, 10, 60, 11212, "b.cache.test");
            srv(out, 10, 40, 11211, "a.cache.test");
            return bytes.toByteArray();
        }

        private static void srv(DataOutputStream out, int priority, int weight, int port, String target)
                throws IOException {
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            for (String label : target.split("\\.")) {
                name.write(label.length());
                name.write(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            name.write(0);
            out.writeShort(0xc00c); // the question's name
            out.writeShort(33); // SRV
            out.writeShort(1); // IN
            out.writeInt(60);
            out.writeShort(6 + name.size());
            out.writeShort(priority);
            out.writeShort(weight);
            out.writeShort(port);
            out.write(name.toByteArray());
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(10_000);
        }
    }
}
