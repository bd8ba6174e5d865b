package net.spy.memcached.protocol.binary;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.protocol.TCPMemcachedNodeImpl;

/** A binary protocol node: consecutive single-key gets in its write queue are merged into one multi-get. */
public class BinaryMemcachedNodeImpl extends TCPMemcachedNodeImpl {

    private static final int MAX_GET_OPTIMIZATION_COUNT = 4096;

    /** See {@link TCPMemcachedNodeImpl}. */
    public BinaryMemcachedNodeImpl(SocketAddress sa, SocketChannel c, int bufSize, BlockingQueue<Operation> rq,
            BlockingQueue<Operation> wq, BlockingQueue<Operation> iq, Long opQueueMaxBlockTimeNs, boolean waitForAuth,
            long dt, long at, ConnectionFactory fa) {
        super(sa, c, bufSize, rq, wq, iq, opQueueMaxBlockTimeNs, waitForAuth, dt, at, fa);
    }

    @Override
    protected void optimize() {
        Operation first = writeQ.peek();
        if (first instanceof GetOperationImpl && first.getState() == OperationState.WRITE_QUEUED) {
            optimizedOp = writeQ.remove();
            if (writeQ.peek() instanceof GetOperationImpl) {
                OptimizedGetImpl merged = new OptimizedGetImpl((GetOperation) optimizedOp);
                optimizedOp = merged;
                while (writeQ.peek() instanceof GetOperationImpl && merged.size() < MAX_GET_OPTIMIZATION_COUNT) {
                    merged.addOperation((GetOperation) writeQ.remove());
                }
                merged.setHandlingNode(this);
                merged.initialize();
            }
        }
    }
}
