package dev.ketch.client.protocol;

/** A keyed operation answered by exactly one reply, turned into the result by a {@link ReplyMapper}. */
public abstract class SingleReplyOperation<T> extends KeyedOperation<T> {

    private final ReplyMapper<T> mapper;

    protected SingleReplyOperation(OpKind kind, byte[] key, ReplyMapper<T> mapper) {
        super(kind, key);
        this.mapper = mapper;
    }

    @Override
    public final boolean onReply(Reply reply) {
        T result;
        try {
            result = mapper.map(reply);
        } catch (RuntimeException e) {
            fail(e);
            return true;
        }
        complete(result);
        return true;
    }
}
