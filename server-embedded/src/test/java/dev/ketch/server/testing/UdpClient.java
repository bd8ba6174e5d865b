package dev.ketch.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client for memcached's UDP protocol: frames requests, collects and reassembles reply datagrams. */
public final class UdpClient implements AutoCloseable {

    /** One reply datagram: its header fields and payload. */
    public record Datagram(int requestId, int sequence, int total, int reserved, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    public UdpClient(int port) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Sends {@code payload} in one datagram with memcached's header: request id, sequence 0, 1 datagram. */
    public UdpClient send(int requestId, String payload) throws IOException {
        return send(requestId, 0, 1, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends one framed datagram with the given header fields. */
    public UdpClient send(int requestId, int sequence, int total, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) requestId).putShort((short) sequence).putShort((short) total).putShort((short) 0).put(payload);
        return sendRaw(b.array());
    }

    /** Sends bytes as they are, without a header. */
    public UdpClient sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
        return this;
    }

    /** The request id {@link #callAndSync} marks the end of a request's replies with. */
    public static final int SYNC_ID = 0xFFFE;

    /** Every datagram that arrives until none has come for {@code quietMillis}. */
    public List<Datagram> receive(int quietMillis) throws IOException {
        return receive(quietMillis, quietMillis);
    }

    /** Waits up to {@code firstMillis} for a datagram, then takes more until none comes for {@code quietMillis}. */
    public List<Datagram> receive(int firstMillis, int quietMillis) throws IOException {
        List<Datagram> out = new ArrayList<>();
        byte[] buf = new byte[65536];
        socket.setSoTimeout(firstMillis);
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            int id = Short.toUnsignedInt(b.getShort());
            int seq = Short.toUnsignedInt(b.getShort());
            int total = Short.toUnsignedInt(b.getShort());
            int reserved = Short.toUnsignedInt(b.getShort());
            byte[] payload = new byte[p.getLength() - 8];
            b.get(payload);
            out.add(new Datagram(id, seq, total, reserved, payload));
            socket.setSoTimeout(quietMillis);
        }
    }

    /** Sends a request and returns the reply datagrams (waiting up to 3 s for the first). */
    public List<Datagram> call(int requestId, String payload) throws IOException {
        send(requestId, payload);
        return receive(3000, 300);
    }

    /**
     * Sends a request, then {@code version} with {@link #SYNC_ID}, and returns the datagrams that
     * came before the version reply: the request's replies, if the server handles datagrams in
     * order (one UDP connection per socket).
     */
    public List<Datagram> callAndSync(int requestId, String payload) throws IOException {
        send(requestId, payload);
        send(SYNC_ID, "version\r\n");
        List<Datagram> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (Datagram d : receive(5000, 5000 / 50)) {
                if (d.requestId() == SYNC_ID) {
                    return out;
                }
                out.add(d);
            }
        }
        throw new IOException("no reply to the sync request; got " + out);
    }

    /** The payloads of {@code datagrams} put in sequence-number order and joined (one response). */
    public static String reassemble(List<Datagram> datagrams) {
        List<Datagram> sorted = new ArrayList<>(datagrams);
        sorted.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Datagram d : sorted) {
            all.writeBytes(d.payload());
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        socket.close();
    }
}
