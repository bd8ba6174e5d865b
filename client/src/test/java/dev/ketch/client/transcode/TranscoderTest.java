package dev.ketch.client.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscoderTest {

    /** A value class of "ours", allowed by the tests' allow-list. */
    record Profile(String name, int visits) implements Serializable {
    }

    private static final SerializingTranscoder SERIALIZING =
            SerializingTranscoder.allowing("dev.ketch.client.transcode.TranscoderTest$Profile", "java.util.ArrayList",
                    "java.lang.*");

    private static Object roundTrip(Object value) {
        return SERIALIZING.decode(SERIALIZING.encode(value));
    }

    @Test
    void stringsAreUtf8WithFlagsZero() {
        CachedData data = StringTranscoder.UTF8.encode("päivää");
        assertEquals(0, data.flags());
        assertArrayEquals("päivää".getBytes(StandardCharsets.UTF_8), data.data());
        assertEquals("päivää", StringTranscoder.UTF8.decode(data));
    }

    @Test
    void longsAreDecimalTextSoIncrCanWorkOnThem() {
        assertArrayEquals("18446744073709551615".getBytes(StandardCharsets.US_ASCII), LongTranscoder.INSTANCE.encode(-1L).data());
        assertEquals(42L, LongTranscoder.INSTANCE.decode(new CachedData(0, "42  ".getBytes(StandardCharsets.US_ASCII))),
                "memcached pads a shrunken incr result with spaces");
        assertThrows(IllegalArgumentException.class,
                () -> LongTranscoder.INSTANCE.decode(new CachedData(0, "abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void bytesPassThroughUntouched() {
        byte[] bytes = {0, (byte) 0xff};
        assertEquals(bytes, ByteArrayTranscoder.INSTANCE.decode(ByteArrayTranscoder.INSTANCE.encode(bytes)));
    }

    @Test
    void serializingKeepsEveryTypeAndRecordsItInTheFlags() {
        for (Object value : List.of("text", 42, -7L, Long.MIN_VALUE, true, false, (byte) 3, 1.5f, -2.25d, new Date(1234567890L),
                new Profile("ann", 3))) {
            assertEquals(value, roundTrip(value), value.getClass().getName());
        }
        assertArrayEquals(new byte[] {1, 2}, (byte[]) roundTrip(new byte[] {1, 2}));
        assertEquals(0, SERIALIZING.encode("s").flags());
        assertEquals(SerializingTranscoder.TYPE_LONG, SERIALIZING.encode(5L).flags());
        assertArrayEquals(new byte[] {5}, SERIALIZING.encode(5L).data(), "spymemcached drops leading zero bytes");
        assertEquals(SerializingTranscoder.SERIALIZED, SERIALIZING.encode(new Profile("a", 1)).flags());
    }

    @Test
    void largeValuesAreCompressedAndFlaggedSo() {
        String big = "x".repeat(100_000);
        CachedData data = SERIALIZING.encode(big);
        assertTrue((data.flags() & SerializingTranscoder.COMPRESSED) != 0);
        assertTrue(data.data().length < 10_000);
        assertEquals(big, SERIALIZING.decode(data));
        ArrayList<Profile> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(new Profile("p" + i, i));
        }
        assertEquals(many, roundTrip(many));
    }

    @Test
    void classesOutsideTheAllowListAreRefused() {
        CachedData date = SerializingTranscoder.allowing("java.lang.*").encode(new java.util.HashMap<String, String>());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SERIALIZING.decode(date));
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SerializingTranscoder.allowing("*"));
        assertThrows(IllegalArgumentException.class, () -> SERIALIZING.encode(new Object()));
    }
}
