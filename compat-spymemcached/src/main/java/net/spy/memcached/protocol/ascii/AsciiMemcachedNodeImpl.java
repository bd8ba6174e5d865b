package net.spy.memcached.protocol.ascii;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.Operation;
import net.spy.memcached.ops.OperationState;
import net.spy.memcached.protocol.TCPMemcachedNodeImpl;

/** A text protocol node: consecutive gets in its write queue are merged into one {@code get}. */
public final class AsciiMemcachedNodeImpl extends TCPMemcachedNodeImpl {

    /** See {@link TCPMemcachedNodeImpl}; text connections do not authenticate. */
    public AsciiMemcachedNodeImpl(SocketAddress sa, SocketChannel c, int bufSize, BlockingQueue<Operation> rq,
            BlockingQueue<Operation> wq, BlockingQueue<Operation> iq, Long opQueueMaxBlockTimeNs, long dt, long at,
            ConnectionFactory fa) {
        super(sa, c, bufSize, rq, wq, iq, opQueueMaxBlockTimeNs, false, dt, at, fa);
    }

    @Override
    protected void optimize() {
        Operation first = writeQ.peek();
        if (first instanceof GetOperation && first.getState() == OperationState.WRITE_QUEUED) {
            optimizedOp = writeQ.remove();
            if (writeQ.peek() instanceof GetOperation) {
                OptimizedGetImpl merged = new OptimizedGetImpl((GetOperation) optimizedOp);
                optimizedOp = merged;
                while (writeQ.peek() instanceof GetOperation) {
                    merged.addOperation((GetOperation) writeQ.remove());
                }
                merged.setHandlingNode(this);
                merged.initialize();
            }
        }
    }
}
