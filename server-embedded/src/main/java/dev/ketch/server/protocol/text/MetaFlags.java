package dev.ketch.server.protocol.text;

import dev.ketch.server.engine.MetaOptions;
import java.util.Arrays;

/**
 * The flags of a meta command line, parsed as memcached 1.6.18's {@code _meta_flag_preparse} does
 * it, for every meta command alike: each flag is the first byte of a token, may appear once, and
 * any flag known to any meta command is accepted by all of them (a flag a command has no use for
 * is ignored). What the engine needs goes into {@link #options()}; what shapes the reply stays
 * here. The flags that only echo something ({@code O k s t c f h l}) are not recorded: the
 * commands walk the tokens again to write them in request order.
 *
 * <p>On failure {@link #error()} is memcached's error line. Parsing goes on after most bad
 * numbers, so the last such error wins, but stops at the first duplicate or unknown flag. A bad
 * {@code F} number keeps the command's generic error. One instance per connection.
 */
final class MetaFlags {

    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";

    /** Options are read up to this many tokens, terminal token included (memcached's {@code MFLAG_MAX_OPT_LENGTH}). */
    static final int MAX_TOKENS = 20;
    /** Longest opaque token, its {@code O} included (memcached's {@code MFLAG_MAX_OPAQUE_LENGTH}). */
    static final int MAX_OPAQUE_LENGTH = 32;

    private final MetaOptions options = new MetaOptions();
    private final boolean[] seen = new boolean[127];
    private byte[] key;
    private boolean keyBinary;
    private boolean returnValue;
    private boolean quiet;
    private byte mode;
    private int clientFlags;
    private String error;

    /**
     * Parses the flag tokens from {@code first} on for the key in token 1. Returns false on an
     * error; see {@link #error()}.
     */
    boolean parse(Tokens t, int first, AsciiNumbers numbers) {
        reset(t);
        byte[] line = t.line();
        boolean failed = false;
        for (int i = first; i < t.count() - 1; i++) {
            int flag = line[t.start(i)] & 0xff;
            if (flag >= seen.length || seen[flag]) {
                error = "CLIENT_ERROR duplicate flag";
                return false;
            }
            seen[flag] = true;
            int arg = t.start(i) + 1;
            int argLength = t.length(i) - 1;
            switch (flag) {
                case 'b':
                    key = Base64Keys.decode(line, t.start(1), t.length(1));
                    keyBinary = true;
                    if (key == null) {
                        key = new byte[0];
                        error = "CLIENT_ERROR error decoding key";
                        failed = true;
                    }
                    break;
                case 'N':
                    options.bumpAfterReply = true;
                    options.vivify = true;
                    if (numbers.strtol32(line, arg, argLength)) {
                        options.vivifyExptime = (int) numbers.value();
                    } else {
                        failed = badToken();
                    }
                    break;
                case 'T':
                    options.bumpAfterReply = true;
                    if (numbers.strtol32(line, arg, argLength)) {
                        options.exptime = (int) numbers.value();
                        options.newTtl = true;
                    } else {
                        failed = badToken();
                    }
                    break;
                case 'R':
                    options.bumpAfterReply = true;
                    if (numbers.strtol32(line, arg, argLength)) {
                        options.recacheExptime = (int) numbers.value();
                    } else {
                        failed = badToken();
                    }
                    break;
                case 'l':
                case 'h':
                    options.bumpAfterReply = true;
                    break;
                case 'O':
                case 'P':
                case 'L':
                case 'k':
                case 's':
                case 't':
                case 'c':
                case 'f':
                    break;
                case 'v':
                    returnValue = true;
                    break;
                case 'u':
                    options.noBump = true;
                    break;
                case 'q':
                    quiet = true;
                    break;
                case 'F':
                    if (numbers.strtoul32(line, arg, argLength)) {
                        clientFlags = (int) numbers.value();
                    } else {
                        failed = true;
                    }
                    break;
                case 'C':
                    if (numbers.strtoull(line, arg, argLength)) {
                        options.cas = numbers.value();
                        options.hasCas = true;
                    } else {
                        failed = badToken();
                    }
                    break;
                case 'M':
                    if (t.length(i) != 2) {
                        error = "CLIENT_ERROR incorrect length for M token";
                        failed = true;
                    } else {
                        mode = line[arg];
                    }
                    break;
                case 'J':
                    if (numbers.strtoull(line, arg, argLength)) {
                        options.initial = numbers.value();
                    } else {
                        error = "CLIENT_ERROR invalid numeric initial value";
                        failed = true;
                    }
                    break;
                case 'D':
                    if (numbers.strtoull(line, arg, argLength)) {
                        options.delta = numbers.value();
                    } else {
                        error = "CLIENT_ERROR invalid numeric delta value";
                        failed = true;
                    }
                    break;
                case 'I':
                    options.invalidate = true;
                    break;
                default:
                    error = "CLIENT_ERROR invalid flag";
                    return false;
            }
        }
        return !failed;
    }

    private boolean badToken() {
        error = "CLIENT_ERROR bad token in command line format";
        return true;
    }

    private void reset(Tokens t) {
        options.reset();
        Arrays.fill(seen, false);
        key = t.bytes(1);
        keyBinary = false;
        returnValue = false;
        quiet = false;
        mode = 0;
        clientFlags = 0;
        error = BAD_FORMAT;
    }

    /** The engine's part of the request. */
    MetaOptions options() {
        return options;
    }

    /** The key to look up: token 1, base64-decoded with {@code b}. */
    byte[] key() {
        return key;
    }

    /** {@code b}: the key was sent base64 encoded, and is echoed that way. */
    boolean keyBinary() {
        return keyBinary;
    }

    /** {@code v}: return the value. */
    boolean returnValue() {
        return returnValue;
    }

    /** {@code q}: leave out the reply memcached considers nominal for the command. */
    boolean quiet() {
        return quiet;
    }

    /** The byte after {@code M}, 0 without a mode. */
    byte mode() {
        return mode;
    }

    /** {@code F}: client flags for a meta set (0 by default). */
    int clientFlags() {
        return clientFlags;
    }

    /** The error line after a failed {@link #parse}. */
    String error() {
        return error;
    }
}
