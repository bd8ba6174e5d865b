package dev.ketch.client.protocol.text;

/** The text protocol's reply words, as bytes to match lines against in the network buffer. */
public final class Lines {

    public static final byte[] END = bytes("END");
    public static final byte[] VALUE_ = bytes("VALUE ");
    public static final byte[] STORED = bytes("STORED");
    public static final byte[] NOT_STORED = bytes("NOT_STORED");
    public static final byte[] EXISTS = bytes("EXISTS");
    public static final byte[] NOT_FOUND = bytes("NOT_FOUND");
    public static final byte[] DELETED = bytes("DELETED");
    public static final byte[] TOUCHED = bytes("TOUCHED");
    public static final byte[] OK = bytes("OK");
    public static final byte[] MN = bytes("MN");
    public static final byte[] HD = bytes("HD");
    public static final byte[] NF = bytes("NF");
    public static final byte[] EX = bytes("EX");
    public static final byte[] VERSION_ = bytes("VERSION ");
    public static final byte[] STAT_ = bytes("STAT ");
    public static final byte[] RESET = bytes("RESET");
    public static final byte[] ERROR = bytes("ERROR");
    public static final byte[] ERROR_ = bytes("ERROR ");
    public static final byte[] CLIENT_ERROR = bytes("CLIENT_ERROR");
    public static final byte[] SERVER_ERROR = bytes("SERVER_ERROR");
    public static final byte[] NON_NUMERIC = bytes("non-numeric value");
    public static final byte[] TOO_LARGE = bytes("object too large");
    public static final byte[] OUT_OF_MEMORY = bytes("out of memory");

    private Lines() {
    }

    static byte[] bytes(String word) {
        return Ascii.bytes(word);
    }
}
