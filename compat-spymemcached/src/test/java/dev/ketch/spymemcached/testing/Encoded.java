package dev.ketch.spymemcached.testing;

import java.util.Arrays;
import java.util.HexFormat;

/** A value's flags and bytes, comparable, and shared by both implementations' class loaders. */
public record Encoded(int flags, byte[] data) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoded e && e.flags == flags && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return flags * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "flags " + flags + ", " + (data.length > 64 ? data.length + " bytes" : HexFormat.of().formatHex(data));
    }
}
