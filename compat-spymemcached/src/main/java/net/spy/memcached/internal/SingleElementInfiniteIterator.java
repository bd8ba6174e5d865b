package net.spy.memcached.internal;

import java.util.Iterator;

/**
 * An iterator that returns the same element forever.
 *
 * @param <T> the element's type
 */
public class SingleElementInfiniteIterator<T> implements Iterator<T> {

    private final T element;

    /** An iterator of {@code element}, repeated. */
    public SingleElementInfiniteIterator(T element) {
        this.element = element;
    }

    /** Always true. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The element. */
    @Override
    public T next() {
        return element;
    }

    /** Refused: there is nothing to remove. */
    @Override
    public void remove() {
        throw new UnsupportedOperationException("Cannot remove from this iterator.");
    }
}
