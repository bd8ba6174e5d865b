package net.spy.memcached.protocol.ascii;

import net.spy.memcached.ops.GetlOperation;

/** {@code getl} (Couchbase): get and lock. */
class GetlOperationImpl extends BaseGetOpImpl implements GetlOperation {

    private static final String CMD = "getl";

    public GetlOperationImpl(String key, int exp, GetlOperation.Callback c) {
        super(CMD, exp, c, key);
    }

    @Override
    public int getExpiration() {
        return exp;
    }
}
