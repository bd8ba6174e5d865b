package dev.ketch.client.node;

import dev.ketch.client.OperationTrace;
import dev.ketch.client.protocol.MultiGetOperation;
import dev.ketch.client.protocol.Operation;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Ends an operation's {@link OperationTrace} when its future completes, with the keys it found. */
final class Traces {

    private Traces() {
    }

    static void attach(Operation<?> op, OperationTrace trace) {
        op.future().whenComplete((result, failure) -> {
            if (failure != null) {
                trace.ended(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure, 0, 0);
            } else if (op instanceof MultiGetOperation<?, ?> multi) {
                int found = result instanceof Map<?, ?> map ? map.size() : 0;
                trace.ended(null, found, multi.keys().size() - found);
            } else if (op.kind().isRead()) {
                trace.ended(null, result != null ? 1 : 0, result != null ? 0 : 1);
            } else {
                trace.ended(null, 0, 0);
            }
        });
    }
}
