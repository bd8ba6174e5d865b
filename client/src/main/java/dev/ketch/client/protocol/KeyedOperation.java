package dev.ketch.client.protocol;

/** An operation on one key. */
public abstract class KeyedOperation<T> extends Operation<T> {

    private final byte[] key;

    protected KeyedOperation(OpKind kind, byte[] key) {
        super(kind);
        this.key = key;
    }

    public final byte[] key() {
        return key;
    }
}
