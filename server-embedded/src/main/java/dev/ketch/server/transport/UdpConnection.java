package dev.ketch.server.transport;

import dev.ketch.server.stats.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread's share of a UDP socket: memcached's UDP "connection". It reads request
 * datagrams as memcached's {@code try_read_udp} does and runs them through a protocol handler
 * living in an in-memory channel, whose replies {@link UdpResponseWriter} frames into datagrams.
 *
 * <ul>
 *   <li>Datagrams of 8 bytes or less are ignored; so are requests announcing more than one
 *       datagram (memcached does not reassemble requests).
 *   <li>Each request starts afresh: a command line left incomplete by the previous datagram is
 *       forgotten.
 *   <li>While the handler waits for the rest of a data block, the next datagram is read whole,
 *       header included, as that rest, cut to the bytes still needed; replies still go to the
 *       request that started the command.
 *   <li>A handler that closes its channel ({@code quit}, errors) only ends the request: the
 *       connection goes back to waiting for datagrams.
 * </ul>
 *
 * <p>Confined to its worker's event loop: {@link #receive} and {@link #close} run there.
 */
final class UdpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(UdpConnection.class);
    /** Yields of one request are resumed at once; this only guards against a handler that never stops. */
    private static final int MAX_TASK_ROUNDS = 1_000_000;

    private final Connection connection;
    private final DatagramChannel socket;
    private final EventLoop loop;
    private final DatagramProtocols protocols;
    private final ServerStats stats;
    private EmbeddedChannel session;
    private ChannelHandler handler;
    private boolean binarySession;
    private InetSocketAddress replyTo;
    private int requestId;
    private boolean closed;

    UdpConnection(Connection connection, DatagramChannel socket, EventLoop loop, DatagramProtocols protocols,
            ServerStats stats) {
        this.connection = connection;
        this.socket = socket;
        this.loop = loop;
        this.protocols = protocols;
        this.stats = stats;
    }

    Connection connection() {
        return connection;
    }

    EventLoop loop() {
        return loop;
    }

    DatagramChannel socket() {
        return socket;
    }

    /** The sender of the request being answered. */
    InetSocketAddress replyTo() {
        return replyTo;
    }

    /** The id of the request being answered. */
    int requestId() {
        return requestId;
    }

    /** Serves one datagram from {@code sender}; takes ownership of {@code datagram}. */
    void receive(ByteBuf datagram, InetSocketAddress sender) {
        try {
            if (closed) {
                return;
            }
            int awaited = awaitedBytes();
            if (awaited > 0) {
                continueDataBlock(datagram, awaited);
            } else {
                startRequest(datagram, sender);
            }
        } finally {
            datagram.release();
        }
    }

    private void startRequest(ByteBuf datagram, InetSocketAddress sender) {
        int length = datagram.readableBytes();
        if (length <= UdpHeader.SIZE) {
            return;
        }
        requestId = UdpHeader.requestId(datagram);
        replyTo = sender;
        if (!UdpHeader.isSingleDatagram(datagram)) {
            stats.bytesRead.add(length);
            return;
        }
        stats.bytesRead.add(UdpHeader.SIZE); // the handler counts the payload
        datagram.skipBytes(UdpHeader.SIZE);
        connection.requestFrom(sender);
        openSession(protocols.isBinary(datagram.getUnsignedByte(datagram.readerIndex())));
        if (handler instanceof DatagramSession s) {
            s.discardInput();
        }
        feed(datagram.retain());
    }

    /** memcached reads the datagram with {@code read()} into the value: the rest of the datagram is lost. */
    private void continueDataBlock(ByteBuf datagram, int awaited) {
        if (!datagram.isReadable()) {
            // read() returning 0 is end of stream to memcached: the command is abandoned
            closeSession();
            return;
        }
        feed(datagram.retainedSlice(datagram.readerIndex(), Math.min(awaited, datagram.readableBytes())));
    }

    private int awaitedBytes() {
        if (session != null && session.isOpen() && handler instanceof DatagramSession s) {
            return s.awaitedBytes();
        }
        return 0;
    }

    private void openSession(boolean binary) {
        if (session != null && (!session.isOpen() || binarySession != binary)) {
            closeSession();
        }
        if (session == null) {
            handler = protocols.newHandler(binary, connection);
            binarySession = binary;
            session = new EmbeddedChannel(new UdpResponseWriter(this, stats), handler);
        }
    }

    private void feed(ByteBuf payload) {
        try {
            session.pipeline().fireChannelRead(payload);
            if (session.isOpen()) {
                session.pipeline().fireChannelReadComplete();
            }
            for (int round = 0; session.hasPendingTasks() && round < MAX_TASK_ROUNDS; round++) {
                session.runPendingTasks();
            }
        } catch (RuntimeException e) {
            LOG.warn("UDP connection {} failed on a request", connection.id(), e);
            closeSession();
        }
        socket.flush();
        if (session != null && !session.isOpen()) {
            closeSession();
        }
    }

    /** Ends the request being served: the handler's state and unsent replies are dropped. */
    private void closeSession() {
        if (session == null) {
            return;
        }
        EmbeddedChannel s = session;
        session = null;
        handler = null;
        try {
            s.finishAndReleaseAll();
        } catch (RuntimeException e) {
            LOG.debug("UDP connection {}: {}", connection.id(), e.toString());
        }
        connection.state(ConnectionState.READ);
    }

    /** Frees the protocol handler's state; the connection serves no more requests. */
    void close() {
        closed = true;
        closeSession();
    }
}
