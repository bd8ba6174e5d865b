package dev.ketch.server.logging;

/** The client connection a watcher writes to (lent to the log for good). */
public interface WatcherOutput {

    /** True when the client has taken enough of what was written that more may follow. */
    boolean writable();

    /** Writes a copy of {@code bytes[0, length)} to the client; any thread may call it. */
    void write(byte[] bytes, int length);

    /** Runs {@code task} soon on the connection's own thread. */
    void execute(Runnable task);

    /** Sets what runs whenever the client has caught up after {@link #writable()} was false. */
    void whenWritable(Runnable action);

    /** Runs {@code action} once the connection has closed (at once if it already has). */
    void onClose(Runnable action);
}
