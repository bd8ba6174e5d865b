package dev.ketch.client.protocol;

/** delete, optionally only if the CAS unique still matches (binary protocol). */
public final class DeleteOperation<T> extends SingleReplyOperation<T> {

    private final long cas;

    public DeleteOperation(byte[] key, long cas, ReplyMapper<T> mapper) {
        super(OpKind.DELETE, key, mapper);
        this.cas = cas;
    }

    public long cas() {
        return cas;
    }
}
