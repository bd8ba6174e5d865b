package dev.ketch.server.protocol.text;

import dev.ketch.server.auth.AuthFile;
import dev.ketch.server.stats.ServerStats;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * {@code -Y}: the text protocol's authentication (memcached's {@code try_read_command_asciiauth}).
 * Until a connection authenticates, its input is read as {@code set <key> <flags> <exptime>
 * <bytes>} lines whose data block is {@code <user> <password>}; key, flags and exptime are
 * ignored. Every other line is answered {@code CLIENT_ERROR unauthenticated} and nothing else
 * runs. A good token answers {@code STORED} and the connection then speaks the normal protocol;
 * a bad one {@code CLIENT_ERROR authentication failure}. Both count in {@code auth_cmds}, failures
 * also in {@code auth_errors}.
 *
 * <p>As in memcached, the {@code set} line keeps its {@code \r}, no command is logged or
 * timestamped, more than 2048 bytes without a newline close the connection, and a data block that
 * cannot fit memcached's 16 KiB read buffer closes it too. memcached also writes every answer
 * into the same response object until it is transmitted, so of several requests pipelined before
 * authentication only the last one's answer reaches the client.
 */
final class AsciiAuthentication {

    /** What {@link #read} did. */
    enum Step {
        /** It needs more input. */
        MORE_INPUT,
        /** It answered one request; go on. */
        ANSWERED,
        /** The connection must close. */
        CLOSE
    }

    private static final int NO_NEWLINE_LIMIT = 2048;
    private static final int READ_BUFFER_SIZE = 16384;

    private final TextSession session;
    private final AuthFile users;
    private final ServerStats stats;
    private boolean authenticated;
    /** Whether the set line was read and its data block is awaited. */
    private boolean readingBlock;
    /** The data block's length as memcached keeps it: {@code <bytes> + 2} in an int. */
    private int awaited;
    private byte[] scratch = new byte[64];

    AsciiAuthentication(TextSession session, AuthFile users, ServerStats stats) {
        this.session = session;
        this.users = users;
        this.stats = stats;
    }

    boolean authenticated() {
        return authenticated;
    }

    /** Reads one authentication request (or part of one) from {@code in}. */
    Step read(ByteBuf in) {
        if (!readingBlock) {
            if (in.readableBytes() < 2) {
                return Step.MORE_INPUT;
            }
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0) {
                return in.readableBytes() > NO_NEWLINE_LIMIT ? Step.CLOSE : Step.MORE_INPUT;
            }
            int length = copy(in, lf - in.readerIndex());
            in.readerIndex(lf + 1);
            Tokens t = session.tokens;
            int ntokens = t.tokenize(scratch, 0, cString(length));
            if (ntokens < 6 || !t.is(0, "set") || !session.numbers.strtoul32(scratch, t.start(4), t.length(4))) {
                answer("CLIENT_ERROR unauthenticated");
                return Step.ANSWERED;
            }
            // memcached keeps size + 2 in an int: sizes near 2^32 wrap around
            awaited = (int) (session.numbers.value() + 2);
            readingBlock = true;
        }
        if (awaited < 0) {
            return Step.CLOSE; // memcached's arithmetic goes past its buffer here
        }
        if (in.readableBytes() < awaited) {
            return in.readableBytes() >= READ_BUFFER_SIZE ? Step.CLOSE : Step.MORE_INPUT;
        }
        int length = copy(in, awaited);
        in.skipBytes(length);
        readingBlock = false;
        if (length < 2) {
            // a wrapped length: memcached looks for the CRLF before the data block, where the set
            // line's end no longer holds one
            answer("CLIENT_ERROR bad command line termination");
            return Step.ANSWERED;
        }
        if (scratch[length - 2] != '\r' || scratch[length - 1] != '\n') {
            answer("CLIENT_ERROR bad command line termination");
            return Step.ANSWERED;
        }
        Tokens t = session.tokens;
        if (t.tokenize(scratch, 0, cString(length - 2)) < 3) {
            answer("CLIENT_ERROR bad authentication token format");
            return Step.ANSWERED;
        }
        stats.authCmds.increment();
        if (users.check(t.bytes(0), t.bytes(1))) {
            authenticated = true;
            answer("STORED");
        } else {
            stats.authErrors.increment();
            answer("CLIENT_ERROR authentication failure");
        }
        return Step.ANSWERED;
    }

    /** Replaces the answer not transmitted yet, as memcached's reused response object does. */
    private void answer(String line) {
        session.replies.discardUnsent();
        session.replies.line(line);
    }

    /** Copies {@code length} readable bytes into the scratch buffer, without consuming them. */
    private int copy(ByteBuf in, int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        in.getBytes(in.readerIndex(), scratch, 0, length);
        return length;
    }

    /** The length of the scratch text as a C string: up to its first NUL. */
    private int cString(int length) {
        for (int i = 0; i < length; i++) {
            if (scratch[i] == 0) {
                return i;
            }
        }
        return length;
    }
}
