package net.spy.memcached;

/** {@link DefaultConnectionFactory} with the binary protocol. */
public class BinaryConnectionFactory extends DefaultConnectionFactory {

    /** A factory for the binary protocol with the default queue length and buffer size. */
    public BinaryConnectionFactory() {
        super();
    }

    /** A factory for the binary protocol ({@code len} and {@code bufSize} as spymemcached takes them). */
    public BinaryConnectionFactory(int len, int bufSize) {
        super(len, bufSize);
    }

    /** A factory for the binary protocol placing keys by {@code hash}. */
    public BinaryConnectionFactory(int len, int bufSize, HashAlgorithm hash) {
        super(len, bufSize, hash);
    }

    /** A binary node of spymemcached's selector loop (not used by the drop-in's clients). */
    @Override
    public MemcachedNode createMemcachedNode(java.net.SocketAddress sa, java.nio.channels.SocketChannel c, int bufSize) {
        return new net.spy.memcached.protocol.binary.BinaryMemcachedNodeImpl(sa, c, bufSize, createReadOperationQueue(),
                createWriteOperationQueue(), createOperationQueue(), getOpQueueMaxBlockTime(), getAuthDescriptor() != null,
                getOperationTimeout(), getAuthWaitTime(), this);
    }

    /** The binary protocol's. */
    @Override
    public OperationFactory getOperationFactory() {
        return new net.spy.memcached.protocol.binary.BinaryOperationFactory();
    }

    @Override
    protected String getName() {
        return "BinaryConnectionFactory";
    }
}
