package dev.ketch.client.protocol.text;

import java.nio.charset.StandardCharsets;

/** The text protocol's reply words, as bytes to match lines against in the network buffer. */
final class Lines {

    static final byte[] END = bytes("END");
    static final byte[] VALUE_ = bytes("VALUE ");
    static final byte[] STORED = bytes("STORED");
    static final byte[] NOT_STORED = bytes("NOT_STORED");
    static final byte[] EXISTS = bytes("EXISTS");
    static final byte[] NOT_FOUND = bytes("NOT_FOUND");
    static final byte[] DELETED = bytes("DELETED");
    static final byte[] TOUCHED = bytes("TOUCHED");
    static final byte[] OK = bytes("OK");
    static final byte[] MN = bytes("MN");
    static final byte[] HD = bytes("HD");
    static final byte[] NF = bytes("NF");
    static final byte[] EX = bytes("EX");
    static final byte[] VERSION_ = bytes("VERSION ");
    static final byte[] STAT_ = bytes("STAT ");
    static final byte[] RESET = bytes("RESET");
    static final byte[] ERROR = bytes("ERROR");
    static final byte[] ERROR_ = bytes("ERROR ");
    static final byte[] CLIENT_ERROR = bytes("CLIENT_ERROR");
    static final byte[] SERVER_ERROR = bytes("SERVER_ERROR");
    static final byte[] NON_NUMERIC = bytes("non-numeric value");
    static final byte[] TOO_LARGE = bytes("object too large");
    static final byte[] OUT_OF_MEMORY = bytes("out of memory");

    private Lines() {
    }

    static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }
}
