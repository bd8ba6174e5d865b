package dev.ketch.server.storage;

/** Where a metadump goes: the client connection, lent to the dump while it runs. */
public interface MetadumpOutput {

    /**
     * Sends {@code bytes[0, length)}, waiting while the client does not read; false once the client
     * is gone. The bytes may be reused as soon as it returns.
     */
    boolean send(byte[] bytes, int length);

    /** The dump has ended (completely, or because the client left): the connection is given back. */
    void done();
}
