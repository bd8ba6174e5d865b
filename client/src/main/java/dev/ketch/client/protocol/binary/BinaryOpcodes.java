package dev.ketch.client.protocol.binary;

/** The binary protocol's opcodes the client sends, with their quiet variants. */
final class BinaryOpcodes {

    static final byte REQUEST_MAGIC = (byte) 0x80;
    static final byte RESPONSE_MAGIC = (byte) 0x81;
    static final int HEADER_LENGTH = 24;

    static final byte GET = 0x00;
    static final byte SET = 0x01;
    static final byte ADD = 0x02;
    static final byte REPLACE = 0x03;
    static final byte DELETE = 0x04;
    static final byte INCREMENT = 0x05;
    static final byte DECREMENT = 0x06;
    static final byte FLUSH = 0x08;
    static final byte NOOP = 0x0a;
    static final byte VERSION = 0x0b;
    static final byte GETKQ = 0x0d;
    static final byte GETQ = 0x09;
    static final byte APPEND = 0x0e;
    static final byte PREPEND = 0x0f;
    static final byte STAT = 0x10;
    static final byte VERBOSITY = 0x1b;
    static final byte TOUCH = 0x1c;
    static final byte GAT = 0x1d;
    static final byte GATKQ = 0x24;
    static final byte SASL_AUTH = 0x21;

    /** The quiet variant of SET..PREPEND, DELETE, INCREMENT, DECREMENT, FLUSH. */
    static byte quiet(byte opcode) {
        switch (opcode) {
            case SET:
                return 0x11;
            case ADD:
                return 0x12;
            case REPLACE:
                return 0x13;
            case DELETE:
                return 0x14;
            case INCREMENT:
                return 0x15;
            case DECREMENT:
                return 0x16;
            case FLUSH:
                return 0x18;
            case APPEND:
                return 0x19;
            case PREPEND:
                return 0x1a;
            default:
                throw new IllegalArgumentException("no quiet variant of opcode " + opcode);
        }
    }

    private BinaryOpcodes() {
    }
}
