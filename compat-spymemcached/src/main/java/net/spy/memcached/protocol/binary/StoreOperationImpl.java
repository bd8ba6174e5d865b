package net.spy.memcached.protocol.binary;

import net.spy.memcached.ops.CASOperation;
import net.spy.memcached.ops.StoreOperation;
import net.spy.memcached.ops.StoreType;

/** {@code set}, {@code add}, {@code replace}, with a CAS unique to compare (0 for none). */
class StoreOperationImpl extends SingleKeyOperationImpl implements StoreOperation, CASOperation {

    private static final byte SET = 0x01;
    private static final byte ADD = 0x02;
    private static final byte REPLACE = 0x03;
    static final byte SETQ = 0x11;
    static final byte ADDQ = 0x12;
    static final byte REPLACEQ = 0x13;
    static final int EXTRA_LEN = 8;

    private final StoreType storeType;
    private final int flags;
    private final int exp;
    private final long cas;
    private final byte[] data;

    private static byte cmdMap(StoreType t) {
        switch (t) {
            case set:
                return SET;
            case add:
                return ADD;
            default:
                return REPLACE;
        }
    }

    public StoreOperationImpl(StoreType t, String k, int f, int e, byte[] d, long c, StoreOperation.Callback cb) {
        super(cmdMap(t), generateOpaque(), k, cb);
        storeType = t;
        flags = f;
        exp = e;
        data = d;
        cas = c;
    }

    @Override
    public void initialize() {
        prepareBuffer(key, cas, data, flags, exp);
    }

    @Override
    public long getCasValue() {
        return cas;
    }

    @Override
    public int getExpiration() {
        return exp;
    }

    @Override
    public int getFlags() {
        return flags;
    }

    @Override
    public byte[] getData() {
        return data;
    }

    @Override
    public StoreType getStoreType() {
        return storeType;
    }

    @Override
    protected void decodePayload(byte[] pl) {
        super.decodePayload(pl);
        ((StoreOperation.Callback) getCallback()).gotData(key, responseCas);
    }

    @Override
    public String toString() {
        return super.toString() + " Cas: " + cas + " Exp: " + exp + " Flags: " + flags + " Data Length: " + data.length;
    }
}
