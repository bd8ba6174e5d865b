package dev.ketch.it.parity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One binary-protocol request packet of a {@link BinaryExchange}, built field by field. Header
 * fields that are normally derived (magic, key length, body length) can be overridden to build
 * malformed packets.
 *
 * <p>Keys are templates: {@code {k}} is the row's key prefix, {@code {k:N}} a key of exactly N
 * bytes starting with it. The opaque is numbered automatically (1, 2, ... per row) unless set.
 */
public final class BinaryRequest {

    private static final Pattern KEY_PLACEHOLDER = Pattern.compile("\\{k:(\\d+)}|\\{k}");

    private final int opcode;
    private int magic = BinaryCodes.REQUEST_MAGIC;
    private String keyTemplate = "";
    private byte[] extras = new byte[0];
    private byte[] value = new byte[0];
    private int dataType;
    private int vbucket;
    private Integer opaque;
    private long cas;
    private boolean casOfLastReply;
    private Integer keyLength;
    private Long bodyLength;

    private BinaryRequest(int opcode) {
        this.opcode = opcode;
    }

    /** A request with {@code opcode} (see {@link BinaryCodes}) and otherwise empty fields. */
    public static BinaryRequest request(int opcode) {
        return new BinaryRequest(opcode);
    }

    public BinaryRequest key(String template) {
        keyTemplate = template;
        return this;
    }

    public BinaryRequest extras(byte[] bytes) {
        extras = bytes.clone();
        return this;
    }

    /** Extras of SET, ADD, REPLACE and their quiet forms: 4-byte flags, 4-byte expiration. */
    public BinaryRequest flagsAndExpiry(int flags, int expiration) {
        return extras(ByteBuffer.allocate(8).putInt(flags).putInt(expiration).array());
    }

    /** Extras of TOUCH, GAT, GATK, FLUSH and VERBOSITY: one 4-byte number. */
    public BinaryRequest extras32(int number) {
        return extras(ByteBuffer.allocate(4).putInt(number).array());
    }

    /** Extras of INCREMENT and DECREMENT: 8-byte delta, 8-byte initial value, 4-byte expiration. */
    public BinaryRequest counter(long delta, long initial, int expiration) {
        return extras(ByteBuffer.allocate(20).putLong(delta).putLong(initial).putInt(expiration).array());
    }

    /** The value, as ISO-8859-1 bytes (one byte per char). */
    public BinaryRequest value(String latin1) {
        return value(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    public BinaryRequest value(byte[] bytes) {
        value = bytes.clone();
        return this;
    }

    public BinaryRequest opaque(int number) {
        opaque = number;
        return this;
    }

    public BinaryRequest cas(long number) {
        cas = number;
        return this;
    }

    /** Sends the CAS of the last reply in this row that carried a non-zero CAS. */
    public BinaryRequest casOfLastReply() {
        casOfLastReply = true;
        return this;
    }

    public BinaryRequest magic(int byteValue) {
        magic = byteValue;
        return this;
    }

    public BinaryRequest dataType(int byteValue) {
        dataType = byteValue;
        return this;
    }

    public BinaryRequest vbucket(int number) {
        vbucket = number;
        return this;
    }

    /** Announces this key length instead of the real one. */
    public BinaryRequest announcedKeyLength(int length) {
        keyLength = length;
        return this;
    }

    /** Announces this total body length instead of the real one (only the real body is sent). */
    public BinaryRequest announcedBodyLength(long length) {
        bodyLength = length;
        return this;
    }

    /** The packet's bytes, with keys under {@code keyPrefix}, the given CAS and auto opaque. */
    byte[] encode(String keyPrefix, long lastReplyCas, int autoOpaque) {
        byte[] key = keyBytes(keyPrefix);
        int body = extras.length + key.length + value.length;
        ByteBuffer header = ByteBuffer.allocate(BinaryCodes.HEADER_LENGTH)
                .put((byte) magic)
                .put((byte) opcode)
                .putShort((short) (keyLength != null ? keyLength : key.length))
                .put((byte) extras.length)
                .put((byte) dataType)
                .putShort((short) vbucket)
                .putInt((int) (bodyLength != null ? bodyLength : body))
                .putInt(opaque != null ? opaque : autoOpaque)
                .putLong(casOfLastReply ? lastReplyCas : cas);
        ByteArrayOutputStream packet = new ByteArrayOutputStream(BinaryCodes.HEADER_LENGTH + body);
        packet.writeBytes(header.array());
        packet.writeBytes(extras);
        packet.writeBytes(key);
        packet.writeBytes(value);
        return packet.toByteArray();
    }

    /** Whether the opaque is numbered automatically. */
    boolean autoOpaque() {
        return opaque == null;
    }

    private byte[] keyBytes(String keyPrefix) {
        Matcher m = KEY_PLACEHOLDER.matcher(keyTemplate);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? keyPrefix
                    : keyPrefix + "x".repeat(Math.max(0, Integer.parseInt(m.group(1)) - keyPrefix.length()));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request as the transcript shows it (templates, not substituted keys). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(BinaryCodes.opcodeName(opcode));
        if (magic != BinaryCodes.REQUEST_MAGIC) {
            out.append(String.format(" magic=0x%02x", magic));
        }
        if (!keyTemplate.isEmpty()) {
            out.append(" key=").append(Rendering.text(keyTemplate.length() > 40 ? keyTemplate.substring(0, 40) + "..." : keyTemplate));
        }
        if (extras.length > 0) {
            out.append(" extras=").append(HexFormat.of().formatHex(extras));
        }
        if (value.length > 0) {
            out.append(" value=").append(Rendering.bytes(value));
        }
        if (casOfLastReply) {
            out.append(" cas={cas}");
        } else if (cas != 0) {
            out.append(" cas=").append(cas);
        }
        if (dataType != 0 || vbucket != 0) {
            out.append(String.format(" datatype=0x%02x vbucket=%d", dataType, vbucket));
        }
        if (keyLength != null) {
            out.append(" announced-keylen=").append(keyLength);
        }
        if (bodyLength != null) {
            out.append(" announced-bodylen=").append(bodyLength);
        }
        if (opaque != null) {
            out.append(String.format(" opaque=0x%08x", opaque));
        }
        return out.toString();
    }
}
