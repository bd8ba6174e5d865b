package net.spy.memcached.protocol;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedConnection;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.compat.SpyObject;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;

/**
 * A node of spymemcached's own selector loop: an input queue that callers fill, a write queue
 * whose operations' bytes are copied into a write buffer, a read queue of operations waiting for
 * their replies, and the channel. The drop-in's clients send through Ketch's Netty connections
 * instead, so nodes of this class are made only when an application calls {@link
 * ConnectionFactory#createMemcachedNode} itself; their queue handling is spymemcached's.
 */
public abstract class TCPMemcachedNodeImpl extends SpyObject implements MemcachedNode {

    /** Operations waiting to be written. */
    protected final BlockingQueue<Operation> writeQ;
    /** The merged operation being written, if {@link #optimize()} made one. */
    protected Operation optimizedOp;

    private final SocketAddress socketAddress;
    private final ByteBuffer rbuf;
    private final ByteBuffer wbuf;
    private final BlockingQueue<Operation> readQ;
    private final BlockingQueue<Operation> inputQueue;
    private final long opQueueMaxBlockTime;
    private final long authWaitTime;
    private final ConnectionFactory connectionFactory;
    private final AtomicInteger reconnectAttempt = new AtomicInteger(1);
    private final AtomicInteger continuousTimeout = new AtomicInteger();
    private final boolean shouldAuth;
    private final long defaultOpTimeout;
    private volatile SocketChannel channel;
    private volatile SelectionKey sk;
    private volatile CountDownLatch authLatch;
    private volatile long lastReadTimestamp = System.nanoTime();
    private volatile MemcachedConnection connection;
    private int toWrite;
    private List<Operation> reconnectBlocked;

    /**
     * A node of server {@code sa} on channel {@code c}, with buffers of {@code bufSize} bytes.
     *
     * @param rq the read queue
     * @param wq the write queue
     * @param iq the input queue
     * @param opQueueMaxBlockTime how long {@link #addOp} waits for room, in milliseconds
     * @param waitForAuth true if operations wait for authentication
     * @param dt the operation timeout, in milliseconds
     * @param authWaitTime how long {@link #addOp} waits for authentication, in milliseconds
     */
    public TCPMemcachedNodeImpl(SocketAddress sa, SocketChannel c, int bufSize, BlockingQueue<Operation> rq,
            BlockingQueue<Operation> wq, BlockingQueue<Operation> iq, long opQueueMaxBlockTime, boolean waitForAuth,
            long dt, long authWaitTime, ConnectionFactory fact) {
        if (sa == null) {
            throw new IllegalArgumentException("No SocketAddress");
        }
        if (bufSize <= 0) {
            throw new IllegalArgumentException("Buffer size must be positive: " + bufSize);
        }
        socketAddress = sa;
        connectionFactory = fact;
        this.authWaitTime = authWaitTime;
        channel = c;
        rbuf = ByteBuffer.allocate(bufSize);
        wbuf = ByteBuffer.allocate(bufSize);
        readQ = rq;
        writeQ = wq;
        inputQueue = iq;
        this.opQueueMaxBlockTime = opQueueMaxBlockTime;
        shouldAuth = waitForAuth;
        defaultOpTimeout = dt;
        setupForAuth();
    }

    @Override
    public final void copyInputQueue() {
        Collection<Operation> moved = new ArrayList<>();
        inputQueue.drainTo(moved, writeQ.remainingCapacity());
        writeQ.addAll(moved);
    }

    @Override
    public Collection<Operation> destroyInputQueue() {
        Collection<Operation> rv = new ArrayList<>();
        inputQueue.drainTo(rv);
        return rv;
    }

    @Override
    public final void setupResend() {
        Operation op = getCurrentWriteOp();
        if (shouldAuth && op != null) {
            op.cancel();
        } else if (op != null) {
            ByteBuffer buf = op.getBuffer();
            if (buf != null) {
                buf.reset();
            } else {
                removeCurrentWriteOp();
            }
        }
        while (hasReadOp()) {
            op = removeCurrentReadOp();
            if (op != getCurrentWriteOp()) {
                getLogger().warn("Discarding partially completed op: %s", op);
                op.cancel();
            }
        }
        while (shouldAuth && hasWriteOp()) {
            op = removeCurrentWriteOp();
            getLogger().warn("Discarding partially completed op: %s", op);
            op.cancel();
        }
        wbuf.clear();
        rbuf.clear();
        toWrite = 0;
    }

    private void preparePending() {
        copyInputQueue();
        Operation next = getCurrentWriteOp();
        while (next != null && next.isCancelled()) {
            removeCurrentWriteOp();
            next = getCurrentWriteOp();
        }
    }

    @Override
    public final void fillWriteBuffer(boolean shouldOptimize) {
        if (toWrite != 0 || readQ.remainingCapacity() <= 0) {
            return;
        }
        wbuf.clear();
        Operation o = nextWritableOp();
        while (o != null && toWrite < wbuf.capacity()) {
            synchronized (o) {
                ByteBuffer obuf = o.getBuffer();
                int bytes = Math.min(wbuf.remaining(), obuf.remaining());
                byte[] b = new byte[bytes];
                obuf.get(b);
                wbuf.put(b);
                toWrite += bytes;
                if (!obuf.hasRemaining()) {
                    o.writeComplete();
                    transitionWriteItem();
                    preparePending();
                    if (shouldOptimize) {
                        optimize();
                    }
                    o = nextWritableOp();
                } else {
                    break;
                }
            }
        }
        wbuf.flip();
    }

    /** The next operation to write: cancelled and timed-out ones are dropped on the way. */
    private Operation nextWritableOp() {
        Operation o = getCurrentWriteOp();
        while (o != null && o.getState() == OperationState.WRITE_QUEUED) {
            synchronized (o) {
                if (o.isCancelled() || o.isTimedOut(defaultOpTimeout)) {
                    removeCurrentWriteOp();
                } else {
                    o.writing();
                    readQ.add(o);
                    return o;
                }
            }
            o = getCurrentWriteOp();
        }
        return o;
    }

    @Override
    public final void transitionWriteItem() {
        removeCurrentWriteOp();
    }

    /** Merges queued operations into one where the protocol allows. */
    protected abstract void optimize();

    @Override
    public final Operation getCurrentReadOp() {
        return readQ.peek();
    }

    @Override
    public final Operation removeCurrentReadOp() {
        return readQ.remove();
    }

    @Override
    public final Operation getCurrentWriteOp() {
        return optimizedOp == null ? writeQ.peek() : optimizedOp;
    }

    @Override
    public final Operation removeCurrentWriteOp() {
        Operation rv = optimizedOp;
        if (rv == null) {
            rv = writeQ.remove();
        } else {
            optimizedOp = null;
        }
        return rv;
    }

    @Override
    public final boolean hasReadOp() {
        return !readQ.isEmpty();
    }

    @Override
    public final boolean hasWriteOp() {
        return !(optimizedOp == null && writeQ.isEmpty());
    }

    /**
     * Queues {@code op}, waiting up to the authentication wait for authentication (then retried or
     * cancelled, as the failure mode says) and up to the queue's block time for room.
     *
     * @throws IllegalStateException if the queue stays full, or the thread is interrupted
     */
    @Override
    public final void addOp(Operation op) {
        try {
            if (!authLatch.await(authWaitTime, TimeUnit.MILLISECONDS)) {
                FailureMode mode = connectionFactory.getFailureMode();
                if ((mode == FailureMode.Redistribute || mode == FailureMode.Retry) && connection != null) {
                    connection.retryOperation(op);
                } else {
                    op.cancel();
                    getLogger().warn("Operation canceled because authentication or reconnection and authentication has"
                            + " taken more than " + authWaitTime + " milliseconds to complete on node " + this);
                }
                return;
            }
            if (!inputQueue.offer(op, opQueueMaxBlockTime, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Timed out waiting to add " + op + "(max wait=" + opQueueMaxBlockTime + "ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to add " + op);
        }
    }

    @Override
    public final void insertOp(Operation op) {
        List<Operation> tmp = new ArrayList<>(inputQueue.size() + 1);
        tmp.add(op);
        inputQueue.drainTo(tmp);
        inputQueue.addAll(tmp);
    }

    @Override
    public final int getSelectionOps() {
        SocketChannel c = channel;
        if (c == null || !c.isConnected()) {
            return SelectionKey.OP_CONNECT;
        }
        int rv = 0;
        if (hasReadOp()) {
            rv |= SelectionKey.OP_READ;
        }
        if (toWrite > 0 || hasWriteOp()) {
            rv |= SelectionKey.OP_WRITE;
        }
        return rv;
    }

    @Override
    public final ByteBuffer getRbuf() {
        return rbuf;
    }

    @Override
    public final ByteBuffer getWbuf() {
        return wbuf;
    }

    @Override
    public final SocketAddress getSocketAddress() {
        return socketAddress;
    }

    @Override
    public final boolean isActive() {
        SocketChannel c = channel;
        return reconnectAttempt.get() == 0 && c != null && c.isConnected();
    }

    @Override
    public boolean isAuthenticated() {
        return authLatch.getCount() == 0;
    }

    @Override
    public final void reconnecting() {
        reconnectAttempt.incrementAndGet();
        continuousTimeout.set(0);
    }

    @Override
    public final void connected() {
        reconnectAttempt.set(0);
        continuousTimeout.set(0);
    }

    @Override
    public final int getReconnectCount() {
        return reconnectAttempt.get();
    }

    @Override
    public final String toString() {
        SelectionKey key = sk;
        int sops = key != null && key.isValid() ? key.interestOps() : 0;
        return "{QA sa=" + socketAddress + ", #Rops=" + (readQ.size() + (optimizedOp == null ? 0 : 1)) + ", #Wops="
                + writeQ.size() + ", #iq=" + inputQueue.size() + ", topRop=" + getCurrentReadOp() + ", topWop="
                + getCurrentWriteOp() + ", toWrite=" + toWrite + ", interested=" + sops + "}";
    }

    @Override
    public final void registerChannel(SocketChannel ch, SelectionKey skey) {
        setChannel(ch);
        setSk(skey);
    }

    @Override
    public final void setChannel(SocketChannel to) {
        channel = to;
    }

    @Override
    public final SocketChannel getChannel() {
        return channel;
    }

    @Override
    public final void setSk(SelectionKey to) {
        sk = to;
    }

    @Override
    public final SelectionKey getSk() {
        return sk;
    }

    @Override
    public final int getBytesRemainingToWrite() {
        return toWrite;
    }

    @Override
    public final int writeSome() throws IOException {
        int wrote = channel.write(wbuf);
        toWrite -= wrote;
        return wrote;
    }

    /** Counts a timeout while connected, or ends the run. */
    @Override
    public void setContinuousTimeout(boolean timedOut) {
        if (timedOut && isActive()) {
            continuousTimeout.incrementAndGet();
        } else {
            continuousTimeout.set(0);
        }
    }

    @Override
    public int getContinuousTimeout() {
        return continuousTimeout.get();
    }

    @Override
    public final void fixupOps() {
        SelectionKey s = sk;
        if (s != null && s.isValid()) {
            s.interestOps(getSelectionOps());
        }
    }

    @Override
    public final void authComplete() {
        if (reconnectBlocked != null && !reconnectBlocked.isEmpty()) {
            inputQueue.addAll(reconnectBlocked);
        }
        authLatch.countDown();
    }

    @Override
    public final void setupForAuth() {
        if (shouldAuth) {
            authLatch = new CountDownLatch(1);
            if (!inputQueue.isEmpty()) {
                reconnectBlocked = new ArrayList<>(inputQueue.size() + 1);
                inputQueue.drainTo(reconnectBlocked);
            }
            setupResend();
        } else {
            authLatch = new CountDownLatch(0);
        }
    }

    @Override
    public long lastReadDelta() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReadTimestamp);
    }

    @Override
    public void completedRead() {
        lastReadTimestamp = System.nanoTime();
    }

    @Override
    public MemcachedConnection getConnection() {
        return connection;
    }

    @Override
    public void setConnection(MemcachedConnection connection) {
        this.connection = connection;
    }
}
