package dev.ketch.server;

import dev.ketch.server.config.Features;
import dev.ketch.server.launch.Launcher;
import dev.ketch.server.launch.ListenPreflight;
import dev.ketch.server.launch.UserCheck;
import dev.ketch.server.transport.ListeningSocket;
import java.util.List;

/**
 * {@code java -jar ketch-server.jar [memcached's options]}: runs Ketch as a drop-in for the
 * {@code memcached} binary, with its command line, messages and exit statuses.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the server with memcached's command line {@code args}; exits with memcached's status.
     */
    public static void main(String[] args) {
        Launcher launcher = new Launcher(System.out, System.err, Features.CURRENT, UserCheck.forThisProcess(),
                ListenPreflight.system(), (settings, beforeListening) -> {
                    MemcachedServer server = MemcachedServer.start(settings, beforeListening);
                    return new Launcher.RunningServer() {
                        @Override
                        public void close() {
                            server.close();
                        }

                        @Override
                        public void closeGracefully() {
                            server.closeGracefully();
                        }

                        @Override
                        public boolean closedGracefully() {
                            return server.closedGracefully();
                        }

                        @Override
                        public void awaitClose() throws InterruptedException {
                            server.awaitClose();
                        }

                        @Override
                        public void reload() {
                            server.reload();
                        }

                        @Override
                        public List<ListeningSocket> listeningSockets() {
                            return server.listeningSockets();
                        }
                    };
                });
        // Netty's threads are not daemons: leave explicitly, with memcached's status.
        System.exit(launcher.run(args));
    }
}
