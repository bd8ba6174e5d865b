package net.spy.memcached.protocol;

import net.spy.memcached.ops.GetOperation;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * One get's callback inside a merged get: it reports {@code END} as soon as its own keys have all
 * arrived, and ignores statuses after it completed.
 */
public class GetCallbackWrapper implements GetOperation.Callback {

    private static final OperationStatus END = new OperationStatus(true, "END", StatusCode.SUCCESS);

    private final GetOperation.Callback cb;
    private int remainingKeys;
    private boolean completed;

    /** Wraps {@code c}, which waits for {@code k} keys. */
    public GetCallbackWrapper(int k, GetOperation.Callback c) {
        remainingKeys = k;
        cb = c;
    }

    @Override
    public void gotData(String key, int flags, byte[] data) {
        cb.gotData(key, flags, data);
        if (--remainingKeys == 0) {
            receivedStatus(END);
        }
    }

    @Override
    public void receivedStatus(OperationStatus status) {
        if (!completed) {
            cb.receivedStatus(status);
        }
    }

    @Override
    public void complete() {
        cb.complete();
        completed = true;
    }
}
