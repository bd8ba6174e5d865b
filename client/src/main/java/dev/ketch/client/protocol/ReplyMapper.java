package dev.ketch.client.protocol;

/**
 * Turns a single reply into an operation's result, or throws (typically a
 * {@link dev.ketch.client.MemcacheServerException}) to fail the operation.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ReplyMapper<T> {
    T map(Reply reply);
}
