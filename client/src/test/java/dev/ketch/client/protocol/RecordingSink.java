package dev.ketch.client.protocol;

import dev.ketch.client.MemcacheConnectionException;
import java.util.ArrayDeque;

/** A connection's reply side without the connection: in-flight operations in send order. */
public final class RecordingSink implements ReplySink {

    private final ArrayDeque<Operation<?>> inFlight = new ArrayDeque<>();
    private String protocolError;

    /** Sends {@code op} (in the test: puts it in flight with {@code opaque}). */
    public <T> Operation<T> send(Operation<T> op, int opaque) {
        op.opaque(opaque);
        inFlight.add(op);
        return op;
    }

    public String protocolError() {
        return protocolError;
    }

    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public Operation<?> awaiting() {
        return inFlight.peekFirst();
    }

    @Override
    public void deliver(Reply reply) {
        Operation<?> op = inFlight.peekFirst();
        if (op != null && op.onReply(reply)) {
            inFlight.pollFirst();
        }
    }

    @Override
    public void protocolError(String reason) {
        protocolError = reason;
        Operation<?> op;
        while ((op = inFlight.poll()) != null) {
            op.fail(new MemcacheConnectionException("bad reply: " + reason));
        }
    }
}
