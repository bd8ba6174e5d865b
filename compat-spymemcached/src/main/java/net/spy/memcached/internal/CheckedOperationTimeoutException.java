package net.spy.memcached.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.TimeoutException;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.ops.Operation;

/**
 * Operations did not complete in time; the message names the servers they went to ({@code
 * <unknown>} for an operation without one).
 */
public class CheckedOperationTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 139074906690883031L;

    private final transient Collection<Operation> operations;

    /** {@code op} (may be null) did not complete in time. */
    public CheckedOperationTimeoutException(String message, Operation op) {
        this(message, Collections.singleton(op));
    }

    /** {@code ops} did not complete in time. */
    public CheckedOperationTimeoutException(String message, Collection<Operation> ops) {
        super(message(message, ops));
        operations = ops;
    }

    private static String message(String message, Collection<Operation> ops) {
        StringBuilder text = new StringBuilder(message).append(" - failing node").append(ops.size() == 1 ? ": " : "s: ");
        boolean first = true;
        for (Operation op : ops) {
            MemcachedNode node = op == null ? null : op.getHandlingNode();
            text.append(first ? "" : ", ").append(node == null ? "<unknown>" : node.getSocketAddress());
            first = false;
        }
        return text.toString();
    }

    /** The operations that did not complete. */
    public Collection<Operation> getOperations() {
        return operations;
    }
}
