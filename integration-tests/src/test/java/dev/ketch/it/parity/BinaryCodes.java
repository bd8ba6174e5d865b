package dev.ketch.it.parity;

import java.util.Map;

/**
 * Magic bytes, opcodes and status codes of memcached's binary protocol (protocol_binary.h of
 * memcached 1.6.18), with their names for transcripts.
 */
public final class BinaryCodes {

    public static final int REQUEST_MAGIC = 0x80;
    public static final int RESPONSE_MAGIC = 0x81;
    public static final int HEADER_LENGTH = 24;

    public static final int GET = 0x00;
    public static final int SET = 0x01;
    public static final int ADD = 0x02;
    public static final int REPLACE = 0x03;
    public static final int DELETE = 0x04;
    public static final int INCREMENT = 0x05;
    public static final int DECREMENT = 0x06;
    public static final int QUIT = 0x07;
    public static final int FLUSH = 0x08;
    public static final int GETQ = 0x09;
    public static final int NOOP = 0x0a;
    public static final int VERSION = 0x0b;
    public static final int GETK = 0x0c;
    public static final int GETKQ = 0x0d;
    public static final int APPEND = 0x0e;
    public static final int PREPEND = 0x0f;
    public static final int STAT = 0x10;
    public static final int SETQ = 0x11;
    public static final int ADDQ = 0x12;
    public static final int REPLACEQ = 0x13;
    public static final int DELETEQ = 0x14;
    public static final int INCREMENTQ = 0x15;
    public static final int DECREMENTQ = 0x16;
    public static final int QUITQ = 0x17;
    public static final int FLUSHQ = 0x18;
    public static final int APPENDQ = 0x19;
    public static final int PREPENDQ = 0x1a;
    public static final int VERBOSITY = 0x1b;
    public static final int TOUCH = 0x1c;
    public static final int GAT = 0x1d;
    public static final int GATQ = 0x1e;
    public static final int SASL_LIST_MECHS = 0x20;
    public static final int SASL_AUTH = 0x21;
    public static final int SASL_STEP = 0x22;
    public static final int GATK = 0x23;
    public static final int GATKQ = 0x24;
    /** First of the range opcodes (RGET ... RDECRQ, 0x30-0x3c) that memcached never implemented. */
    public static final int RGET = 0x30;
    public static final int RDECRQ = 0x3c;

    public static final int NO_ERROR = 0x0000;
    public static final int KEY_ENOENT = 0x0001;
    public static final int KEY_EEXISTS = 0x0002;
    public static final int E2BIG = 0x0003;
    public static final int EINVAL = 0x0004;
    public static final int NOT_STORED = 0x0005;
    public static final int DELTA_BADVAL = 0x0006;
    public static final int AUTH_ERROR = 0x0020;
    public static final int UNKNOWN_COMMAND = 0x0081;

    private static final Map<Integer, String> OPCODES = Map.ofEntries(
            Map.entry(GET, "GET"), Map.entry(SET, "SET"), Map.entry(ADD, "ADD"), Map.entry(REPLACE, "REPLACE"),
            Map.entry(DELETE, "DELETE"), Map.entry(INCREMENT, "INCREMENT"), Map.entry(DECREMENT, "DECREMENT"),
            Map.entry(QUIT, "QUIT"), Map.entry(FLUSH, "FLUSH"), Map.entry(GETQ, "GETQ"), Map.entry(NOOP, "NOOP"),
            Map.entry(VERSION, "VERSION"), Map.entry(GETK, "GETK"), Map.entry(GETKQ, "GETKQ"),
            Map.entry(APPEND, "APPEND"), Map.entry(PREPEND, "PREPEND"), Map.entry(STAT, "STAT"),
            Map.entry(SETQ, "SETQ"), Map.entry(ADDQ, "ADDQ"), Map.entry(REPLACEQ, "REPLACEQ"),
            Map.entry(DELETEQ, "DELETEQ"), Map.entry(INCREMENTQ, "INCREMENTQ"), Map.entry(DECREMENTQ, "DECREMENTQ"),
            Map.entry(QUITQ, "QUITQ"), Map.entry(FLUSHQ, "FLUSHQ"), Map.entry(APPENDQ, "APPENDQ"),
            Map.entry(PREPENDQ, "PREPENDQ"), Map.entry(VERBOSITY, "VERBOSITY"), Map.entry(TOUCH, "TOUCH"),
            Map.entry(GAT, "GAT"), Map.entry(GATQ, "GATQ"), Map.entry(SASL_LIST_MECHS, "SASL_LIST_MECHS"),
            Map.entry(SASL_AUTH, "SASL_AUTH"), Map.entry(SASL_STEP, "SASL_STEP"), Map.entry(GATK, "GATK"),
            Map.entry(GATKQ, "GATKQ"));

    private static final Map<Integer, String> STATUSES = Map.ofEntries(
            Map.entry(NO_ERROR, "NO_ERROR"), Map.entry(KEY_ENOENT, "KEY_ENOENT"), Map.entry(KEY_EEXISTS, "KEY_EEXISTS"),
            Map.entry(E2BIG, "E2BIG"), Map.entry(EINVAL, "EINVAL"), Map.entry(NOT_STORED, "NOT_STORED"),
            Map.entry(DELTA_BADVAL, "DELTA_BADVAL"), Map.entry(0x0007, "NOT_MY_VBUCKET"),
            Map.entry(AUTH_ERROR, "AUTH_ERROR"), Map.entry(0x0021, "AUTH_CONTINUE"),
            Map.entry(UNKNOWN_COMMAND, "UNKNOWN_COMMAND"), Map.entry(0x0082, "ENOMEM"),
            Map.entry(0x0083, "NOT_SUPPORTED"), Map.entry(0x0084, "EINTERNAL"), Map.entry(0x0085, "EBUSY"),
            Map.entry(0x0086, "ETMPFAIL"));

    private BinaryCodes() {
    }

    /** E.g. {@code GETKQ(0x0d)}, or {@code 0x50} for an opcode without a name. */
    public static String opcodeName(int opcode) {
        String name = OPCODES.get(opcode);
        return name != null ? name + String.format("(0x%02x)", opcode) : String.format("0x%02x", opcode);
    }

    /** E.g. {@code KEY_ENOENT(0x0001)}. */
    public static String statusName(int status) {
        String name = STATUSES.get(status);
        return name != null ? name + String.format("(0x%04x)", status) : String.format("0x%04x", status);
    }
}
