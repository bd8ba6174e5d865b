package dev.ketch.spymemcached.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import dev.ketch.spymemcached.testing.Encoded;
import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.IntegerTranscoder;
import net.spy.memcached.transcoders.LongTranscoder;
import net.spy.memcached.transcoders.SerializingTranscoder;
import net.spy.memcached.transcoders.TranscoderUtils;

/** Transcoder bytes, flags and decodings, for comparing spymemcached's with the drop-in's. */
public final class Transcoding {

    private Transcoding() {
    }

    private static SerializingTranscoder transcoder(int threshold, String charset) {
        SerializingTranscoder tc = new SerializingTranscoder();
        tc.setCompressionThreshold(threshold);
        tc.setCharset(charset);
        return tc;
    }

    /** Each value encoded by a {@link SerializingTranscoder} of the settings. */
    public static Map<String, Encoded> encodeAll(int threshold, String charset, Map<String, Object> values) {
        SerializingTranscoder tc = transcoder(threshold, charset);
        Map<String, Encoded> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            CachedData d = tc.encode(value);
            out.put(name, new Encoded(d.getFlags(), d.getData()));
        });
        return out;
    }

    /** Each encoding decoded by a {@link SerializingTranscoder} of the settings. */
    public static Map<String, Object> decodeAll(int threshold, String charset, Map<String, Encoded> encodings) {
        SerializingTranscoder tc = transcoder(threshold, charset);
        Map<String, Object> out = new LinkedHashMap<>();
        encodings.forEach((name, e) -> out.put(name, tc.decode(new CachedData(e.flags(), e.data(), CachedData.MAX_SIZE))));
        return out;
    }

    /** Each value encoded without compression, then gzipped with the compressed flag, decoded. */
    public static Map<String, Object> decodeCompressed(Map<String, Object> values) {
        SerializingTranscoder tc = new SerializingTranscoder();
        tc.setCompressionThreshold(Integer.MAX_VALUE);
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            CachedData plain = tc.encode(value);
            out.put(name, tc.decode(new CachedData(plain.getFlags() | 2, gzip(plain.getData()), Integer.MAX_VALUE)));
        });
        return out;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What odd flags and corrupt data decode to. */
    public static List<String> decodeOdd() {
        SerializingTranscoder tc = new SerializingTranscoder();
        List<String> out = new ArrayList<>();
        for (int f : new int[] {0x7f00, 1, 2, 3, 0x0302}) {
            for (byte[] d : new byte[][] {{1, 2, 3}, new byte[0], "not gzip".getBytes()}) {
                Object v = tc.decode(new CachedData(f, d, 100));
                out.add(Integer.toHexString(f) + " " + d.length + ": "
                        + (v instanceof byte[] b ? "bytes " + HexFormat.of().formatHex(b) : String.valueOf(v)));
            }
        }
        return out;
    }

    /** The message of the refusal of a value over the maximum. */
    public static String tooLarge() {
        try {
            new SerializingTranscoder(10).encode(new byte[11]);
            return "encoded";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Encodings of longs and ints by the number transcoders and utilities. */
    public static List<String> numbers() {
        Random random = new Random(3);
        LongTranscoder longs = new LongTranscoder();
        IntegerTranscoder ints = new IntegerTranscoder();
        TranscoderUtils utils = new TranscoderUtils(false);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long l = i < 3 ? new long[] {0, -1, Long.MIN_VALUE}[i] : random.nextLong() >> random.nextInt(64);
            int n = (int) l;
            CachedData ld = longs.encode(l);
            CachedData nd = ints.encode(n);
            out.add(l + " " + ld.getFlags() + " " + HexFormat.of().formatHex(ld.getData()) + " " + nd.getFlags() + " "
                    + HexFormat.of().formatHex(nd.getData()) + " " + HexFormat.of().formatHex(utils.encodeLong(l)) + " "
                    + HexFormat.of().formatHex(utils.encodeInt(n)) + " " + longs.decode(ld) + " " + ints.decode(nd));
        }
        out.add("long of int: " + longs.decode(ints.encode(5)));
        out.add("int of long: " + ints.decode(longs.encode(5L)));
        return out;
    }
}
