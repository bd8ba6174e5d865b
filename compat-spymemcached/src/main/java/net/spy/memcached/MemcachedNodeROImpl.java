package net.spy.memcached;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import net.spy.memcached.ops.Operation;

/**
 * A read-only view of a node, as {@link NodeLocator#getReadonlyCopy()} hands it out: it answers
 * where the server is and how its connection stands, and throws {@link
 * UnsupportedOperationException} for everything else.
 */
public class MemcachedNodeROImpl implements MemcachedNode {

    private final MemcachedNode root;

    /** A view of {@code n}. */
    public MemcachedNodeROImpl(MemcachedNode n) {
        root = n;
    }

    /** The viewed node's. */
    @Override
    public String toString() {
        return root.toString();
    }

    @Override
    public void copyInputQueue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<Operation> destroyInputQueue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setupResend() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void fillWriteBuffer(boolean optimizeGets) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void transitionWriteItem() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Operation getCurrentReadOp() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Operation removeCurrentReadOp() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Operation getCurrentWriteOp() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Operation removeCurrentWriteOp() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasReadOp() {
        return root.hasReadOp();
    }

    @Override
    public boolean hasWriteOp() {
        return root.hasReadOp(); // as spymemcached 2.12.3 answers
    }

    @Override
    public void addOp(Operation op) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void insertOp(Operation o) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getSelectionOps() {
        return root.getSelectionOps();
    }

    @Override
    public ByteBuffer getRbuf() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ByteBuffer getWbuf() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SocketAddress getSocketAddress() {
        return root.getSocketAddress();
    }

    @Override
    public boolean isActive() {
        return root.isActive();
    }

    @Override
    public boolean isAuthenticated() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long lastReadDelta() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void completedRead() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reconnecting() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void connected() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getReconnectCount() {
        return root.getReconnectCount();
    }

    @Override
    public void registerChannel(SocketChannel ch, SelectionKey selectionKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setChannel(SocketChannel to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SocketChannel getChannel() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setSk(SelectionKey to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SelectionKey getSk() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getBytesRemainingToWrite() {
        return root.getBytesRemainingToWrite();
    }

    @Override
    public void fixupOps() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void authComplete() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setupForAuth() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setContinuousTimeout(boolean isIncrease) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getContinuousTimeout() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MemcachedConnection getConnection() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setConnection(MemcachedConnection connection) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int writeSome() throws IOException {
        throw new UnsupportedOperationException();
    }
}
