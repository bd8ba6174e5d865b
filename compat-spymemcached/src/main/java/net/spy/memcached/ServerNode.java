package net.spy.memcached;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import net.spy.memcached.ops.Operation;

/**
 * One of the client's servers, as its {@link NodeLocator} holds it: its address as the application
 * gave it, whether Ketch's connection to it is up, and how many connection attempts failed in a
 * row. Ketch's connections queue and write operations themselves, so this node has no queue or
 * buffer of its own: it reports none outstanding, and refuses the selector loop's methods.
 */
final class ServerNode implements MemcachedNode {

    private final InetSocketAddress address;
    private final ServerRegistry registry;
    private volatile MemcachedConnection connection;
    private final java.util.concurrent.atomic.AtomicInteger continuousTimeouts = new java.util.concurrent.atomic.AtomicInteger();

    ServerNode(InetSocketAddress address, ServerRegistry registry) {
        this.address = address;
        this.registry = registry;
    }

    private static UnsupportedOperationException noSelectorLoop() {
        return new UnsupportedOperationException("the drop-in's connections run on Ketch's Netty client:"
                + " there is no spymemcached selector loop, queue or buffer behind this node");
    }

    @Override
    public String toString() {
        return "{QA sa=" + address + ", active=" + isActive() + ", reconnects=" + getReconnectCount() + "}";
    }

    @Override
    public void copyInputQueue() {
        throw noSelectorLoop();
    }

    @Override
    public Collection<Operation> destroyInputQueue() {
        throw noSelectorLoop();
    }

    @Override
    public void setupResend() {
        throw noSelectorLoop();
    }

    @Override
    public void fillWriteBuffer(boolean optimizeGets) {
        throw noSelectorLoop();
    }

    @Override
    public void transitionWriteItem() {
        throw noSelectorLoop();
    }

    @Override
    public Operation getCurrentReadOp() {
        throw noSelectorLoop();
    }

    @Override
    public Operation removeCurrentReadOp() {
        throw noSelectorLoop();
    }

    @Override
    public Operation getCurrentWriteOp() {
        throw noSelectorLoop();
    }

    @Override
    public Operation removeCurrentWriteOp() {
        throw noSelectorLoop();
    }

    @Override
    public boolean hasReadOp() {
        return false;
    }

    @Override
    public boolean hasWriteOp() {
        return false;
    }

    @Override
    public void addOp(Operation op) {
        throw noSelectorLoop();
    }

    @Override
    public void insertOp(Operation o) {
        throw noSelectorLoop();
    }

    @Override
    public int getSelectionOps() {
        return 0;
    }

    @Override
    public ByteBuffer getRbuf() {
        throw noSelectorLoop();
    }

    @Override
    public ByteBuffer getWbuf() {
        throw noSelectorLoop();
    }

    @Override
    public SocketAddress getSocketAddress() {
        return address;
    }

    @Override
    public boolean isActive() {
        return registry.isActive(address);
    }

    @Override
    public boolean isAuthenticated() {
        return registry.isActive(address);
    }

    @Override
    public long lastReadDelta() {
        return registry.lastAnswerDelta(address);
    }

    @Override
    public void completedRead() {
        // Ketch's connections note their own reads (ServerRegistry.operationFinished)
    }

    @Override
    public void reconnecting() {
        throw noSelectorLoop();
    }

    @Override
    public void connected() {
        throw noSelectorLoop();
    }

    @Override
    public int getReconnectCount() {
        return registry.reconnectCount(address);
    }

    @Override
    public void registerChannel(SocketChannel ch, SelectionKey selectionKey) {
        throw noSelectorLoop();
    }

    @Override
    public void setChannel(SocketChannel to) {
        throw noSelectorLoop();
    }

    @Override
    public SocketChannel getChannel() {
        throw noSelectorLoop();
    }

    @Override
    public void setSk(SelectionKey to) {
        throw noSelectorLoop();
    }

    @Override
    public SelectionKey getSk() {
        throw noSelectorLoop();
    }

    @Override
    public int getBytesRemainingToWrite() {
        return 0;
    }

    @Override
    public void fixupOps() {
        throw noSelectorLoop();
    }

    @Override
    public void authComplete() {
        throw noSelectorLoop();
    }

    @Override
    public void setupForAuth() {
        throw noSelectorLoop();
    }

    @Override
    public void setContinuousTimeout(boolean isIncrease) {
        if (isIncrease) {
            continuousTimeouts.incrementAndGet();
        } else {
            continuousTimeouts.set(0);
        }
    }

    @Override
    public int getContinuousTimeout() {
        return continuousTimeouts.get();
    }

    @Override
    public MemcachedConnection getConnection() {
        return connection;
    }

    @Override
    public void setConnection(MemcachedConnection connection) {
        this.connection = connection;
    }

    @Override
    public int writeSome() throws IOException {
        throw noSelectorLoop();
    }
}
