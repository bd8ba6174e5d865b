package net.spy.memcached;

/**
 * The change {@link CASMutator} applies, retried until it wins.
 *
 * @param <T> the value type
 */
public interface CASMutation<T> {

    /** The new value for {@code current}; may be called several times, so no side effects. */
    T getNewValue(T current);
}
