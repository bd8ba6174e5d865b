package dev.ketch.client.node;

import dev.ketch.client.HostResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Lets Netty resolve host names through a {@link HostResolver} on every connection attempt.
 * Address literals are parsed, never resolved. Resolution runs on the event loop, as Netty's own
 * default (the JVM's resolver) does.
 */
public final class ResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final HostResolver resolver;

    public ResolverGroup(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Every address of {@code host}: the literal itself, or what the resolver says (never empty). */
    public static List<InetAddress> resolve(HostResolver resolver, String host) throws UnknownHostException {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            return List.of(InetAddress.getByAddress(literal));
        }
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(host + ": no address");
        }
        return addresses;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(ResolverGroup.resolve(resolver, host).get(0));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.setFailure(e);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(ResolverGroup.resolve(resolver, host));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.setFailure(e);
                }
            }
        });
    }
}
