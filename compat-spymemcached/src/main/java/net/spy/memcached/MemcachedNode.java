package net.spy.memcached;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import net.spy.memcached.ops.Operation;

/**
 * A server and the connection to it. The drop-in's own nodes ({@link MemcachedClient#getNodeLocator()})
 * answer the questions about the server (its address, whether it is connected, how often it
 * reconnected, whether operations are outstanding); the methods that drive spymemcached's
 * selector loop (buffers, channels, queues) throw {@link UnsupportedOperationException}, because
 * Ketch's connections run on Netty and keep none of that state. A {@link NodeLocator} or a test
 * may implement this interface with nodes of its own.
 */
public interface MemcachedNode {

    /** Moves operations from the input queue to the write queue. */
    void copyInputQueue();

    /** Empties the input queue and returns what it held. */
    Collection<Operation> destroyInputQueue();

    /** Prepares outstanding operations to be sent again after a reconnect. */
    void setupResend();

    /** Fills the write buffer from the write queue. */
    void fillWriteBuffer(boolean optimizeGets);

    /** Moves the current write operation to the read queue. */
    void transitionWriteItem();

    /** The operation whose reply is being read. */
    Operation getCurrentReadOp();

    /** Removes and returns the operation whose reply was read. */
    Operation removeCurrentReadOp();

    /** The operation being written. */
    Operation getCurrentWriteOp();

    /** Removes and returns the operation that was written. */
    Operation removeCurrentWriteOp();

    /** True if operations wait for replies. */
    boolean hasReadOp();

    /** True if operations wait to be written. */
    boolean hasWriteOp();

    /** Queues an operation. */
    void addOp(Operation op);

    /** Queues an operation ahead of the others. */
    void insertOp(Operation o);

    /** The selector interest set. */
    int getSelectionOps();

    /** The read buffer. */
    ByteBuffer getRbuf();

    /** The write buffer. */
    ByteBuffer getWbuf();

    /** The address of the server. */
    SocketAddress getSocketAddress();

    /** True while a connection to the server is established. */
    boolean isActive();

    /** True once the connection is authenticated. */
    boolean isAuthenticated();

    /** Milliseconds since the last read. */
    long lastReadDelta();

    /** Notes a read. */
    void completedRead();

    /** Notes that the connection is being re-established. */
    void reconnecting();

    /** Notes that the connection is established. */
    void connected();

    /** How many times in a row connecting failed. */
    int getReconnectCount();

    /** Registers the channel with the selector. */
    void registerChannel(SocketChannel ch, SelectionKey selectionKey);

    /** Sets the channel. */
    void setChannel(SocketChannel to);

    /** The channel. */
    SocketChannel getChannel();

    /** Sets the selection key. */
    void setSk(SelectionKey to);

    /** The selection key. */
    SelectionKey getSk();

    /** Bytes still to write. */
    int getBytesRemainingToWrite();

    /**
     * Writes what it can.
     *
     * @throws IOException if writing fails
     */
    int writeSome() throws IOException;

    /** Updates the selection interest after a change of queues. */
    void fixupOps();

    /** Notes that authentication finished. */
    void authComplete();

    /** Prepares the connection for authentication. */
    void setupForAuth();

    /** Counts (true) or resets (false) consecutive timeouts. */
    void setContinuousTimeout(boolean isIncrease);

    /** Consecutive timeouts. */
    int getContinuousTimeout();

    /** The connection this node belongs to. */
    MemcachedConnection getConnection();

    /** Sets the connection this node belongs to. */
    void setConnection(MemcachedConnection connection);
}
