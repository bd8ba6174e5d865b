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

    @Override
    public ConnectionFactoryBuilder.Protocol getProtocol() {
        return ConnectionFactoryBuilder.Protocol.BINARY;
    }

    @Override
    protected String getName() {
        return "BinaryConnectionFactory";
    }
}
