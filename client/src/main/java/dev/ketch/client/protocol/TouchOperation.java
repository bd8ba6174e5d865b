package dev.ketch.client.protocol;

/** touch: a new expiry for a key. */
public final class TouchOperation extends SingleReplyOperation<Boolean> {

    private final int exptime;

    public TouchOperation(byte[] key, int exptime) {
        super(OpKind.TOUCH, key, Results.FOUND);
        this.exptime = exptime;
    }

    public int exptime() {
        return exptime;
    }
}
