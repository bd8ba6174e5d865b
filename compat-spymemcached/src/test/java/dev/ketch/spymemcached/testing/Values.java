package dev.ketch.spymemcached.testing;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value of every kind {@code SerializingTranscoder} encodes differently, small and (where possible) compressed. */
public final class Values {

    private Values() {
    }

    /** Name to value; names ending in "compressed" are over the 16 KiB compression threshold. */
    public static Map<String, Object> all() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("string", "plain text, ünïcödé 日本");
        values.put("empty string", "");
        values.put("string compressed", "repetitive text ".repeat(2000));
        values.put("json object, never compressed", "{\"a\":\"" + "x".repeat(20_000) + "\"}");
        values.put("json array, never compressed", "[" + "1,".repeat(10_000) + "1]");
        values.put("json number", "-12345678901234567890");
        values.put("json true", "true");
        values.put("integer", 42);
        values.put("integer zero", 0);
        values.put("integer negative", -7);
        values.put("integer max", Integer.MAX_VALUE);
        values.put("long", 1L << 40);
        values.put("long zero", 0L);
        values.put("long min", Long.MIN_VALUE);
        values.put("boolean true", true);
        values.put("boolean false", false);
        values.put("date", new Date(1_234_567_890_123L));
        values.put("byte", (byte) 7);
        values.put("byte negative", (byte) -1);
        values.put("float", 1.5f);
        values.put("float NaN", Float.NaN);
        values.put("double", 2.25d);
        values.put("double max", Double.MAX_VALUE);
        values.put("byte array", new byte[] {1, 2, 3, (byte) 0xff});
        values.put("byte array empty", new byte[0]);
        values.put("byte array compressed", new byte[30_000]);
        values.put("serialized", new Pojo("small", 3));
        values.put("serialized compressed", new Pojo("big", 10_000));
        List<String> list = new ArrayList<>(List.of("a", "b"));
        values.put("serialized list", list);
        values.put("serialized map", new LinkedHashMap<>(Map.of("k", 1)));
        return values;
    }
}
