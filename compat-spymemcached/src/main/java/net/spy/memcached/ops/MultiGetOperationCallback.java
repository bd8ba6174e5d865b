package net.spy.memcached.ops;

/** A {@link MultiOperationCallback} of gets: values go straight to the original callback. */
public class MultiGetOperationCallback extends MultiOperationCallback implements GetOperation.Callback {

    /** A join of {@code todo} gets for {@code original}. */
    public MultiGetOperationCallback(OperationCallback original, int todo) {
        super(original, todo);
    }

    @Override
    public void gotData(String key, int flags, byte[] data) {
        ((GetOperation.Callback) originalCallback).gotData(key, flags, data);
    }
}
