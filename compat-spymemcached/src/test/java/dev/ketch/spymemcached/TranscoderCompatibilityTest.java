package dev.ketch.spymemcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ketch.spymemcached.testing.Pojo;
import dev.ketch.spymemcached.testing.Values;
import dev.ketch.spymemcached.transcoders.IntegerTranscoder;
import dev.ketch.spymemcached.transcoders.LongTranscoder;
import dev.ketch.spymemcached.transcoders.SerializingTranscoder;
import dev.ketch.spymemcached.transcoders.TranscoderUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The adapter's transcoders against spymemcached's, value by value: identical flags and bytes,
 * each decoding the other's, under every setting spymemcached has (compression threshold,
 * charset), for values too odd to store through a server (compressed primitives, corrupt data).
 */
class TranscoderCompatibilityTest {

    private static void assertSameEncoding(String what, net.spy.memcached.CachedData spy, CachedData ours) {
        assertEquals(spy.getFlags(), ours.getFlags(), what + ": flags");
        assertArrayEquals(spy.getData(), ours.getData(), what + ": bytes");
    }

    @Test
    void everyValueEncodesToSpymemcachedsBytesAndDecodesBothWays() {
        for (int threshold : new int[] {SerializingTranscoder.DEFAULT_COMPRESSION_THRESHOLD, 0, 100}) {
            for (String charset : List.of("UTF-8", "UTF-16", "ISO-8859-1")) {
                net.spy.memcached.transcoders.SerializingTranscoder spy = new net.spy.memcached.transcoders.SerializingTranscoder();
                SerializingTranscoder ours = new SerializingTranscoder();
                spy.setCompressionThreshold(threshold);
                ours.setCompressionThreshold(threshold);
                spy.setCharset(charset);
                ours.setCharset(charset);
                for (Map.Entry<String, Object> value : Values.all().entrySet()) {
                    String what = value.getKey() + ", threshold " + threshold + ", " + charset;
                    net.spy.memcached.CachedData bySpy = spy.encode(value.getValue());
                    CachedData byUs = ours.encode(value.getValue());
                    assertSameEncoding(what, bySpy, byUs);
                    Object expected = charset.equals("ISO-8859-1") && value.getValue() instanceof String s
                            ? spy.decode(bySpy) : value.getValue(); // Latin-1 loses what it cannot encode, in both
                    CrossReadTest.assertValue(what + ", spymemcached's read by us", expected,
                            ours.decode(new CachedData(bySpy.getFlags(), bySpy.getData(), CachedData.MAX_SIZE)));
                    CrossReadTest.assertValue(what + ", ours read by spymemcached", expected,
                            spy.decode(new net.spy.memcached.CachedData(byUs.getFlags(), byUs.getData(),
                                    net.spy.memcached.CachedData.MAX_SIZE)));
                }
            }
        }
    }

    /** Numbers, booleans and dates are never large enough to be compressed, but a compressed one still reads. */
    @Test
    void compressedFormsOfEveryTypeDecodeAlike() throws IOException {
        net.spy.memcached.transcoders.SerializingTranscoder spy = new net.spy.memcached.transcoders.SerializingTranscoder();
        SerializingTranscoder ours = new SerializingTranscoder();
        spy.setCompressionThreshold(Integer.MAX_VALUE);
        for (Map.Entry<String, Object> value : Values.all().entrySet()) {
            net.spy.memcached.CachedData plain = spy.encode(value.getValue());
            byte[] gzipped = gzip(plain.getData());
            int flags = plain.getFlags() | 2;
            Object bySpy = spy.decode(new net.spy.memcached.CachedData(flags, gzipped, Integer.MAX_VALUE));
            Object byUs = ours.decode(new CachedData(flags, gzipped, Integer.MAX_VALUE));
            CrossReadTest.assertValue(value.getKey() + " compressed", value.getValue(), bySpy);
            CrossReadTest.assertValue(value.getKey() + " compressed", value.getValue(), byUs);
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void undecodableValuesAreNullAsInSpymemcached() {
        net.spy.memcached.transcoders.SerializingTranscoder spy = new net.spy.memcached.transcoders.SerializingTranscoder();
        SerializingTranscoder ours = new SerializingTranscoder();
        byte[][] data = {{1, 2, 3}, new byte[0], "not gzip".getBytes()};
        int[] flags = {0x7f00, 1, 2, 3, 0x0302};
        for (int f : flags) {
            for (byte[] d : data) {
                Object expected = spy.decode(new net.spy.memcached.CachedData(f, d, 100));
                Object actual = ours.decode(new CachedData(f, d, 100));
                if (expected instanceof byte[] b) {
                    assertArrayEquals(b, (byte[]) actual);
                } else {
                    assertEquals(expected, actual, "flags " + Integer.toHexString(f) + ", " + d.length + " bytes");
                }
            }
        }
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

    @Test
    void largerThanTheMaximumIsRefusedByBoth() {
        net.spy.memcached.transcoders.SerializingTranscoder spy = new net.spy.memcached.transcoders.SerializingTranscoder(10);
        SerializingTranscoder ours = new SerializingTranscoder(10);
        IllegalArgumentException theirs = assertThrows(IllegalArgumentException.class, () -> spy.encode(new byte[11]));
        IllegalArgumentException mine = assertThrows(IllegalArgumentException.class, () -> ours.encode(new byte[11]));
        assertEquals(theirs.getMessage(), mine.getMessage());
    }

    @Test
    void longAndIntegerTranscodersAndTheirNumbersMatch() {
        Random random = new Random(3);
        net.spy.memcached.transcoders.LongTranscoder spyLong = new net.spy.memcached.transcoders.LongTranscoder();
        net.spy.memcached.transcoders.IntegerTranscoder spyInt = new net.spy.memcached.transcoders.IntegerTranscoder();
        LongTranscoder ourLong = new LongTranscoder();
        IntegerTranscoder ourInt = new IntegerTranscoder();
        net.spy.memcached.transcoders.TranscoderUtils spyUtils = new net.spy.memcached.transcoders.TranscoderUtils(false);
        TranscoderUtils ourUtils = new TranscoderUtils(false);
        for (int i = 0; i < 1000; i++) {
            long l = i < 3 ? new long[] {0, -1, Long.MIN_VALUE}[i] : random.nextLong() >> random.nextInt(64);
            int n = (int) l;
            assertSameEncoding("long " + l, spyLong.encode(l), ourLong.encode(l));
            assertSameEncoding("int " + n, spyInt.encode(n), ourInt.encode(n));
            assertEquals(l, ourLong.decode(ourLong.encode(l)));
            assertEquals(n, ourInt.decode(ourInt.encode(n)));
            assertArrayEquals(spyUtils.encodeLong(l), ourUtils.encodeLong(l), "unpacked long " + l);
            assertArrayEquals(spyUtils.encodeInt(n), ourUtils.encodeInt(n), "unpacked int " + n);
        }
        assertNull(ourLong.decode(ourInt.encode(5)), "wrong flags decode as null");
        assertNull(spyLong.decode(spyInt.encode(5)));
        assertNull(ourInt.decode(ourLong.encode(5L)));
    }
}
