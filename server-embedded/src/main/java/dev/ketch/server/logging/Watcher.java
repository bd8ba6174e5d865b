package dev.ketch.server.logging;

import java.nio.charset.StandardCharsets;

/**
 * One {@code watch} connection: the event classes it wants and a buffer of
 * {@code watcher_logbuf_size} bytes in front of its client. Lines are appended to the buffer and
 * written out in batches; when the client does not read and the buffer is full, lines are skipped
 * and counted, and the next line that fits is preceded by {@code skipped=<count>}, as memcached's
 * logger does.
 */
final class Watcher {

    /** Room memcached asks for beyond a line: where a {@code skipped=} line would go. */
    private static final int SKIP_LINE_ROOM = 128;

    final int slot;
    final int flags;
    /** Events older than the watcher (lower gid) are not shown. */
    final long minGid;
    private final WatcherOutput output;
    private final byte[] buffer;
    private int length;
    private long skipped;
    private boolean flushScheduled;

    Watcher(int slot, int flags, long minGid, int bufferSize, WatcherOutput output) {
        this.slot = slot;
        this.flags = flags;
        this.minGid = minGid;
        this.output = output;
        this.buffer = new byte[Math.max(bufferSize, 0)];
        output.whenWritable(this::flush);
    }

    /** memcached's first words to a watcher: {@code OK}. */
    synchronized void sendOk() {
        byte[] ok = "OK\r\n".getBytes(StandardCharsets.US_ASCII);
        if (buffer.length - length >= ok.length) {
            append(ok, ok.length);
        } else {
            output.write(ok, ok.length);
        }
        scheduleFlush();
    }

    /** Queues one line; false when it had to be skipped. */
    synchronized boolean offer(byte[] line, int lineLength) {
        if (length + lineLength + SKIP_LINE_ROOM > buffer.length) {
            handOver();
            if (length + lineLength + SKIP_LINE_ROOM > buffer.length) {
                skipped++;
                return false;
            }
        }
        if (skipped > 0) {
            byte[] note = ("skipped=" + Long.toUnsignedString(skipped) + "\n").getBytes(StandardCharsets.US_ASCII);
            append(note, note.length);
            skipped = 0;
        }
        append(line, lineLength);
        scheduleFlush();
        return true;
    }

    private void append(byte[] bytes, int n) {
        System.arraycopy(bytes, 0, buffer, length, n);
        length += n;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            output.execute(this::flush);
        }
    }

    /** Writes out what is buffered if the client keeps up. */
    void flush() {
        synchronized (this) {
            flushScheduled = false;
            handOver();
        }
    }

    private void handOver() {
        if (length > 0 && output.writable()) {
            output.write(buffer, length);
            length = 0;
        }
    }
}
