package dev.ketch.client.protocol.text;

import dev.ketch.client.MemcacheStatus;
import io.netty.buffer.ByteBuf;

/** memcached's error lines ({@code ERROR}, {@code CLIENT_ERROR ...}, {@code SERVER_ERROR ...}), shared by the text and meta protocols. */
public final class ErrorLines {

    private ErrorLines() {
    }

    /** The status of an error line, or null if the line is no error (shared with the meta protocol). */
    public static MemcacheStatus status(ByteBuf in, int start, int end) {
        byte first = start < end ? in.getByte(start) : 0;
        if (first != 'E' && first != 'C' && first != 'S') {
            return null;
        }
        if (Ascii.is(in, start, end, Lines.ERROR) || Ascii.startsWith(in, start, end, Lines.ERROR_)) {
            return MemcacheStatus.UNKNOWN_COMMAND;
        }
        if (Ascii.startsWith(in, start, end, Lines.CLIENT_ERROR)) {
            return Ascii.contains(in, start, end, Lines.NON_NUMERIC) ? MemcacheStatus.NON_NUMERIC_VALUE
                    : MemcacheStatus.INVALID_ARGUMENTS;
        }
        if (Ascii.startsWith(in, start, end, Lines.SERVER_ERROR)) {
            if (Ascii.contains(in, start, end, Lines.TOO_LARGE)) {
                return MemcacheStatus.VALUE_TOO_LARGE;
            }
            return Ascii.contains(in, start, end, Lines.OUT_OF_MEMORY) ? MemcacheStatus.OUT_OF_MEMORY : MemcacheStatus.SERVER_ERROR;
        }
        return null;
    }

    /** The text after an error line's first word. */
    public static String message(ByteBuf in, int start, int end) {
        int space = Ascii.nextSpace(in, start, end);
        return space >= end ? "" : Ascii.text(in, space + 1, end);
    }
}
