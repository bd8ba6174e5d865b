package net.spy.memcached;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Keys as bytes: their UTF-8 encoding. */
public final class KeyUtil {

    private KeyUtil() {
    }

    /** The UTF-8 bytes of {@code k}. */
    public static byte[] getKeyBytes(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of each key. */
    public static Collection<byte[]> getKeyBytes(Collection<String> keys) {
        List<byte[]> bytes = new ArrayList<>(keys.size());
        for (String k : keys) {
            bytes.add(getKeyBytes(k));
        }
        return bytes;
    }
}
