package dev.ketch.client.node;

import dev.ketch.client.ClientListener;
import dev.ketch.client.protocol.ProtocolCodec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.Executor;

/**
 * What every connection of a client shares.
 *
 * @param codec the protocol
 * @param group event loops the connections run on
 * @param channelClass socket channel type fitting {@code group}
 * @param connectTimeoutMillis how long a TCP connect may take
 * @param operationTimeoutNanos how long an operation may take from submission to reply
 * @param completionExecutor where futures are completed; null completes them on the I/O thread
 * @param credentials authentication to perform on every new connection, or null
 * @param reconnectInitialNanos first delay before reconnecting
 * @param reconnectMaxNanos largest delay before reconnecting
 * @param listener metrics and connection events
 * @param resolver resolves host names on every connection attempt
 * @param countBytes whether connections tell the listener the bytes they read and write
 * @param tls TLS for every connection, or null for plain TCP
 */
public record ConnectionConfig(
        ProtocolCodec codec,
        EventLoopGroup group,
        Class<? extends SocketChannel> channelClass,
        int connectTimeoutMillis,
        long operationTimeoutNanos,
        Executor completionExecutor,
        Credentials credentials,
        long reconnectInitialNanos,
        long reconnectMaxNanos,
        ClientListener listener,
        ResolverGroup resolver,
        boolean countBytes,
        ClientTls tls) {
}
