package dev.ketch.it.parity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What real memcached is documented to answer to one binary request: only the fields given are
 * checked (against the reference server, as the text table's documented lines are).
 *
 * @param opcode expected opcode, or null
 * @param status expected status, or null
 * @param key    expected key ({@code {k}} is the row's key prefix), or null
 * @param value  expected value (ISO-8859-1), or null
 */
public record BinaryExpect(Integer opcode, Integer status, String key, String value) {

    /** Expects this status (see {@link BinaryCodes}). */
    public static BinaryExpect status(int status) {
        return new BinaryExpect(null, status, null, null);
    }

    public BinaryExpect opcode(int expected) {
        return new BinaryExpect(expected, status, key, value);
    }

    public BinaryExpect key(String template) {
        return new BinaryExpect(opcode, status, template, value);
    }

    public BinaryExpect value(String latin1) {
        return new BinaryExpect(opcode, status, key, latin1);
    }

    /** The ways {@code reply} differs from this expectation; empty when it matches. */
    List<String> mismatches(BinaryReply reply, String keyPrefix) {
        List<String> mismatches = new ArrayList<>();
        if (opcode != null && opcode != reply.opcode()) {
            mismatches.add("opcode " + BinaryCodes.opcodeName(opcode));
        }
        if (status != null && status != reply.status()) {
            mismatches.add("status " + BinaryCodes.statusName(status));
        }
        if (key != null && !key.replace("{k}", keyPrefix).equals(latin1(reply.key()))) {
            mismatches.add("key " + Rendering.text(key));
        }
        if (value != null && !value.equals(latin1(reply.value()))) {
            mismatches.add("value " + Rendering.text(value));
        }
        return mismatches;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
