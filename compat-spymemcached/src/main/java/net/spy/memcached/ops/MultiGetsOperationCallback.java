package net.spy.memcached.ops;

/** A {@link MultiOperationCallback} of gets with CAS uniques. */
public class MultiGetsOperationCallback extends MultiOperationCallback implements GetsOperation.Callback {

    /** A join of {@code todo} gets for {@code original}. */
    public MultiGetsOperationCallback(OperationCallback original, int todo) {
        super(original, todo);
    }

    @Override
    public void gotData(String key, int flags, long cas, byte[] data) {
        ((GetsOperation.Callback) originalCallback).gotData(key, flags, cas, data);
    }
}
