package dev.ketch.spymemcached.testing;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/** A value class for the Java-serialization cases. */
public final class Pojo implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final int[] numbers;

    public Pojo(String name, int size) {
        this.name = name;
        this.numbers = new int[size];
        for (int i = 0; i < size; i++) {
            numbers[i] = i % 7;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pojo p && p.name.equals(name) && Arrays.equals(p.numbers, numbers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(numbers));
    }

    @Override
    public String toString() {
        return "Pojo[" + name + ", " + numbers.length + " numbers, sum " + Arrays.stream(numbers).sum() + "]";
    }
}
