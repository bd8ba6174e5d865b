package dev.ketch.client.protocol;

import dev.ketch.client.MemcacheStatus;

/**
 * One reply, or one part of a multi-part reply, decoded from either protocol. A decoder reuses one
 * instance for every reply on its connection: operations copy what they need in
 * {@link Operation#onReply}.
 */
public final class Reply {

    /** What kind of reply part this is. */
    public enum Kind {
        /** The whole reply to a single-reply request (status, and value or number if any). */
        SINGLE,
        /** One item of a multi-get or one line of stats. */
        ITEM,
        /** The end of a multi-part reply. */
        END
    }

    private Kind kind;
    private MemcacheStatus status;
    private String message;
    private byte[] key;
    private byte[] value;
    private int flags;
    private long cas;
    private long number;
    private String statName;
    private String statValue;
    private final MetaFlags meta = new MetaFlags();

    /** Resets to an empty successful single reply; decoders call this before filling it in. */
    public Reply reset(Kind kind, MemcacheStatus status) {
        this.kind = kind;
        this.status = status;
        this.message = "";
        this.key = null;
        this.value = null;
        this.flags = 0;
        this.cas = 0;
        this.number = 0;
        this.statName = null;
        this.statValue = null;
        this.meta.clear();
        return this;
    }

    /** What a meta protocol reply's flags said (all unset in the other protocols). */
    public MetaFlags meta() {
        return meta;
    }

    public Kind kind() {
        return kind;
    }

    public MemcacheStatus status() {
        return status;
    }

    public boolean isOk() {
        return status == MemcacheStatus.OK;
    }

    /** The server's error text, empty if none. */
    public String message() {
        return message;
    }

    public Reply message(String message) {
        this.message = message == null ? "" : message;
        return this;
    }

    /** The key a multi-get item belongs to. */
    public byte[] key() {
        return key;
    }

    public Reply key(byte[] key) {
        this.key = key;
        return this;
    }

    /** A value read (already copied out of the network buffer). */
    public byte[] value() {
        return value;
    }

    public Reply value(byte[] value) {
        this.value = value;
        return this;
    }

    public int flags() {
        return flags;
    }

    public Reply flags(int flags) {
        this.flags = flags;
        return this;
    }

    public long cas() {
        return cas;
    }

    public Reply cas(long cas) {
        this.cas = cas;
        return this;
    }

    /** The result of incr/decr (unsigned 64-bit). */
    public long number() {
        return number;
    }

    public Reply number(long number) {
        this.number = number;
        return this;
    }

    public String statName() {
        return statName;
    }

    public String statValue() {
        return statValue;
    }

    /** A {@code STAT name value} line; for VERSION the value alone. */
    public Reply stat(String name, String value) {
        this.statName = name;
        this.statValue = value;
        return this;
    }
}
