package net.spy.memcached.internal;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An operation did not complete in time, naming the servers that did not answer, as spymemcached's
 * futures report it. Its cause, when set, is why Ketch gave up (for instance a connection failure
 * reported as a timeout, as spymemcached reports a server that is down).
 */
public class CheckedOperationTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    private final List<SocketAddress> nodes;

    /** @param node the server that did not answer, or null if unknown */
    public CheckedOperationTimeoutException(String message, SocketAddress node) {
        this(message, java.util.Collections.singletonList(node));
    }

    /** @param nodes the servers that did not answer (null elements for unknown ones) */
    public CheckedOperationTimeoutException(String message, Collection<? extends SocketAddress> nodes) {
        super(message(message, nodes));
        this.nodes = List.copyOf(nodes.stream().map(n -> n == null ? UNKNOWN : n).toList());
    }

    private static final SocketAddress UNKNOWN = new SocketAddress() {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "<unknown>";
        }
    };

    private static String message(String message, Collection<? extends SocketAddress> nodes) {
        StringBuilder text = new StringBuilder(message).append(" - failing node").append(nodes.size() == 1 ? ": " : "s: ");
        boolean first = true;
        for (SocketAddress node : nodes) {
            text.append(first ? "" : ", ").append(node == null ? "<unknown>" : node);
            first = false;
        }
        return text.toString();
    }

    /** The servers that did not answer. */
    public List<SocketAddress> getFailingNodes() {
        return nodes;
    }
}
