package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.spymemcached.testing.Encoded;
import dev.ketch.spymemcached.testing.Impl;
import dev.ketch.spymemcached.testing.Pojo;
import dev.ketch.spymemcached.testing.Values;
import java.util.Date;
import java.util.List;
import java.util.Map;
import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.SerializingTranscoder;
import org.junit.jupiter.api.Test;

/**
 * The drop-in's transcoders against spymemcached's, value by value: identical flags and bytes,
 * each decoding the other's, under every setting spymemcached has (compression threshold,
 * charset), for values too odd to store through a server (compressed primitives, corrupt data).
 * {@link Encoded} is shared by both class loaders' scenarios, so the encodings can cross over.
 */
class TranscoderCompatibilityTest {

    private static void assertSameOnBoth(String method, Object... args) {
        Object theirs = Impl.SPYMEMCACHED.call("Transcoding", method, args);
        assertEquals(theirs, Impl.KETCH.call("Transcoding", method, args), method);
    }

    @Test
    void everyValueEncodesToSpymemcachedsBytesAndDecodesBothWays() {
        Map<String, Object> values = Values.all();
        for (int threshold : new int[] {SerializingTranscoder.DEFAULT_COMPRESSION_THRESHOLD, 0, 100}) {
            for (String charset : List.of("UTF-8", "UTF-16", "ISO-8859-1")) {
                String setting = "threshold " + threshold + ", " + charset;
                Map<String, Encoded> bySpy = Impl.SPYMEMCACHED.call("Transcoding", "encodeAll", threshold, charset, values);
                Map<String, Encoded> byUs = Impl.KETCH.call("Transcoding", "encodeAll", threshold, charset, values);
                assertEquals(bySpy, byUs, setting);
                // Latin-1 loses what it cannot encode, in both: expect what spymemcached reads back
                Map<String, Object> expected = Impl.SPYMEMCACHED.call("Transcoding", "decodeAll", threshold, charset, bySpy);
                Map<String, Object> spyReadByUs = Impl.KETCH.call("Transcoding", "decodeAll", threshold, charset, bySpy);
                Map<String, Object> oursReadBySpy = Impl.SPYMEMCACHED.call("Transcoding", "decodeAll", threshold, charset, byUs);
                for (String name : values.keySet()) {
                    Object value = charset.equals("ISO-8859-1") && values.get(name) instanceof String ? expected.get(name)
                            : values.get(name);
                    CrossReadTest.assertValue(name + ", " + setting + ", spymemcached's read by the drop-in", value,
                            spyReadByUs.get(name));
                    CrossReadTest.assertValue(name + ", " + setting + ", the drop-in's read by spymemcached", value,
                            oursReadBySpy.get(name));
                }
            }
        }
    }

    /** Numbers, booleans and dates are never large enough to be compressed, but a compressed one still reads. */
    @Test
    void compressedFormsOfEveryTypeDecodeAlike() {
        Map<String, Object> values = Values.all();
        for (Impl impl : Impl.values()) {
            Map<String, Object> decoded = impl.call("Transcoding", "decodeCompressed", values);
            values.forEach((name, value) -> CrossReadTest.assertValue(impl + ": " + name + " compressed", value, decoded.get(name)));
        }
    }

    @Test
    void undecodableValuesAreNullAsInSpymemcached() {
        assertSameOnBoth("decodeOdd");
    }

    @Test
    void largerThanTheMaximumIsRefusedByBoth() {
        assertSameOnBoth("tooLarge");
    }

    @Test
    void longAndIntegerTranscodersAndTheirNumbersMatch() {
        List<String> theirs = Impl.SPYMEMCACHED.call("Transcoding", "numbers");
        assertTrue(theirs.size() > 1000);
        assertSameOnBoth("numbers");
    }

    @Test
    void theAllowListRefusesOtherClassesAsUnreadable() {
        SerializingTranscoder allowing = new SerializingTranscoder();
        allowing.setAllowedClasses("dev.ketch.spymemcached.testing.Pojo", "[I");
        CachedData pojo = allowing.encode(new Pojo("allowed", 3));
        CachedData date = allowing.encode(new java.util.ArrayList<>(List.of(new Date(1))));
        assertEquals(new Pojo("allowed", 3), allowing.decode(pojo));
        assertNull(allowing.decode(date), "a class outside the allow-list decodes as unreadable");
        assertEquals(new java.util.ArrayList<>(List.of(new Date(1))), new SerializingTranscoder().decode(date),
                "without an allow-list anything deserializes, as in spymemcached");
        assertThrows(IllegalArgumentException.class, () -> allowing.setAllowedClasses("*"));
        assertThrows(IllegalArgumentException.class, () -> allowing.setAllowedClasses("!com.example.Foo"));
    }
}
