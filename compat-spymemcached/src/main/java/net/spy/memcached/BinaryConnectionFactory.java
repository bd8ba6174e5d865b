package net.spy.memcached;

/** {@link DefaultConnectionFactory} with the binary protocol. */
public class BinaryConnectionFactory extends DefaultConnectionFactory {

    public BinaryConnectionFactory() {
        super();
    }

    public BinaryConnectionFactory(int len, int bufSize) {
        super(len, bufSize);
    }

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
