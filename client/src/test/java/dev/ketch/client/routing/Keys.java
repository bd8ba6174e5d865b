package dev.ketch.client.routing;

import dev.ketch.client.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Reproducible random keys and server lists for the distribution tests. */
final class Keys {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-";

    private Keys() {
    }

    /** {@code count} keys of 8 to 40 printable ASCII bytes, the same for the same seed. */
    static byte[][] random(int count, long seed) {
        Random random = new Random(seed);
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[8 + random.nextInt(33)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            keys[i] = key;
        }
        return keys;
    }

    /** {@code 10.0.0.1:11211} ... {@code 10.0.0.n:11211}, each of {@code weights[i]} (1 if absent). */
    static List<ServerAddress> servers(int n, int... weights) {
        List<ServerAddress> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            servers.add(new ServerAddress("10.0.0." + (i + 1), 11211, i < weights.length ? weights[i] : 1));
        }
        return servers;
    }

    /** Each key's server index. */
    static int[] place(ServerSelector selector, byte[][] keys) {
        int[] placed = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            placed[i] = selector.indexFor(keys[i]);
        }
        return placed;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
