package net.spy.memcached;

/**
 * A value with its CAS unique, from {@code gets} and {@code getAndTouch}.
 *
 * @param <T> the value type
 */
public class CASValue<T> {

    private final long cas;
    private final T value;

    /** A value with the CAS unique it was read with. */
    public CASValue(long cas, T value) {
        this.cas = cas;
        this.value = value;
    }

    /** The CAS unique, for a later {@code cas}. */
    public long getCas() {
        return cas;
    }

    /** The value. */
    public T getValue() {
        return value;
    }

    @Override
    public String toString() {
        return "{CasValue " + cas + "/" + value + "}";
    }
}
