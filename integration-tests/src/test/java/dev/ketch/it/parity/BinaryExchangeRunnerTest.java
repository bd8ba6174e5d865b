package dev.ketch.it.parity;

import static dev.ketch.it.parity.BinaryCodes.GET;
import static dev.ketch.it.parity.BinaryCodes.KEY_ENOENT;
import static dev.ketch.it.parity.BinaryCodes.NOOP;
import static dev.ketch.it.parity.BinaryCodes.SET;
import static dev.ketch.it.parity.BinaryExpect.status;
import static dev.ketch.it.parity.BinaryRequest.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BinaryExchangeRunnerTest {

    private static final BinaryExchangeRunner RUNNER = new BinaryExchangeRunner(Duration.ofMillis(300));

    @Test
    void aRequestIsEncodedAsTheProtocolLaysItOut() {
        byte[] packet = request(SET).key("{k}a").flagsAndExpiry(0xcafe, 60).value("hi").cas(7)
                .encode("r000_", 0, 42);
        assertEquals("80" + "01" + "0006" + "08" + "00" + "0000" + "00000010" + "0000002a" + "0000000000000007"
                + "0000cafe0000003c" + HexFormat.of().formatHex("r000_a".getBytes(StandardCharsets.US_ASCII))
                + HexFormat.of().formatHex("hi".getBytes(StandardCharsets.US_ASCII)),
                HexFormat.of().formatHex(packet));
    }

    @Test
    void malformedHeadersCanBeAnnounced() {
        byte[] packet = request(GET).key("{k:8}").magic(0x81).announcedBodyLength(2).encode("r000_", 0, 1);
        assertEquals(0x81, packet[0] & 0xff);
        assertEquals(2, ByteBuffer.wrap(packet, 8, 4).getInt());
        assertArrayEquals("r000_xxx".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(packet, 24, 32));
    }

    @Test
    void casValuesBecomeLabelsAndAreSentBackVerbatim() throws Exception {
        List<Long> casReceived = new CopyOnWriteArrayList<>();
        try (FakeBinaryServer server = new FakeBinaryServer(packet -> {
            casReceived.add(ByteBuffer.wrap(packet, 16, 8).getLong());
            return reply(packet, 0, 9876543210L, new byte[0]);
        })) {
            BinaryExchange row = BinaryExchange.named("cas")
                    .send(request(SET).key("{k}a").flagsAndExpiry(0, 0).value("x")).reply(status(0))
                    .send(request(SET).key("{k}a").flagsAndExpiry(0, 0).value("y").casOfLastReply()).reply();
            Transcript transcript = RUNNER.run(row, server.port(), "r000_");
            assertEquals(List.of(0L, 9876543210L, 0L), casReceived, "the last one is the NOOP probe");
            assertTrue(transcript.text().contains("opaque=0x00000002 cas=<cas1>"), transcript.text());
            assertTrue(transcript.text().endsWith("= connection still usable (probe NOOP answered)"), transcript.text());
            assertTrue(transcript.expectationFailures().isEmpty(), transcript.expectationFailures().toString());
        }
    }

    @Test
    void aTextReplyEndsTheRowAtOnceInsteadOfWaitingForABinaryHeader() throws Exception {
        try (FakeBinaryServer server = new FakeBinaryServer(packet -> "ERROR\r\n".getBytes(StandardCharsets.US_ASCII))) {
            BinaryExchange row = BinaryExchange.named("text").send(request(NOOP)).reply().send(request(NOOP)).reply();
            Transcript transcript = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> RUNNER.run(row, server.port(), "r000_"));
            assertTrue(transcript.text().contains("< <not a binary response: ERROR\\r\\n>"), transcript.text());
            assertTrue(transcript.text().endsWith("= connection state unknown: a reply was not a binary packet"));
        }
    }

    @Test
    void aSilentServerCannotHangTheRowAndMissingDocumentedRepliesFailTheDocumentation() throws Exception {
        try (FakeBinaryServer silent = new FakeBinaryServer(packet -> new byte[0])) {
            BinaryExchange row = BinaryExchange.named("silent")
                    .send(request(GET).key("{k}a")).reply(status(KEY_ENOENT))
                    .send(request(GET).key("{k}b")).reply(status(KEY_ENOENT));
            Transcript transcript = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> RUNNER.run(row, silent.port(), "r000_"));
            assertTrue(transcript.text().contains("<skipped: an earlier step timed out>"), transcript.text());
            assertEquals(2, transcript.expectationFailures().size(), transcript.expectationFailures().toString());
        }
    }

    @Test
    void statPacketsAreSummarizedByTheShapeOfTheirKeys() throws Exception {
        try (FakeBinaryServer server = new FakeBinaryServer(packet -> {
            if (packet[1] != BinaryCodes.STAT) {
                return reply(packet, 0, 0, new byte[0]);
            }
            return concat(stat(packet, "items:1:number", "5"), stat(packet, "items:12:number", "7"),
                    stat(packet, "pid", "99"), stat(packet, "", ""));
        })) {
            Transcript transcript = RUNNER.run(BinaryExchange.named("stats").send(request(BinaryCodes.STAT)).stats(),
                    server.port(), "r000_");
            assertTrue(transcript.text().contains("keys (digits as N): items:N:number pid\n"), transcript.text());
        }
    }

    private static byte[] stat(byte[] request, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = reply(request, 0, 0, concat(k, v));
        ByteBuffer.wrap(packet).putShort(2, (short) k.length);
        return packet;
    }

    /** A response to {@code request} with the given status, CAS and body (no extras, no key). */
    private static byte[] reply(byte[] request, int status, long cas, byte[] body) {
        return concat(ByteBuffer.allocate(24).put((byte) 0x81).put(request[1]).putShort((short) 0).put((byte) 0)
                .put((byte) 0).putShort((short) status).putInt(body.length).put(request, 12, 4).putLong(cas).array(), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Answers each complete request packet with what {@code script} returns (empty: nothing). */
    private static final class FakeBinaryServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

        FakeBinaryServer(Function<byte[], byte[]> script) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        serve(socket, script);
                    } catch (IOException e) {
                        // listener closed or the runner hung up
                    }
                }
            }, "fake-binary-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void serve(Socket socket, Function<byte[], byte[]> script) throws IOException {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] header = new byte[24];
                in.readFully(header);
                byte[] body = new byte[ByteBuffer.wrap(header, 8, 4).getInt()];
                in.readFully(body);
                out.write(script.apply(concat(header, body)));
                out.flush();
            }
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
