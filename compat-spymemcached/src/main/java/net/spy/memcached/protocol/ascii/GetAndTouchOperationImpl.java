package net.spy.memcached.protocol.ascii;

import net.spy.memcached.ops.GetAndTouchOperation;

/** Get and touch, as spymemcached writes it: the command, the key, then the expiry. */
public class GetAndTouchOperationImpl extends BaseGetOpImpl implements GetAndTouchOperation {

    /** Command {@code c} of {@code k}, setting expiry {@code e}. */
    public GetAndTouchOperationImpl(String c, int e, GetAndTouchOperation.Callback cb, String k) {
        super(c, e, cb, k);
    }

    @Override
    public int getExpiration() {
        return exp;
    }
}
