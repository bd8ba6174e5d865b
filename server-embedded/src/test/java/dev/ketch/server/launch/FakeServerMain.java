package dev.ketch.server.launch;

import dev.ketch.server.config.Features;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * A launcher whose "server" only reports its life on stdout, for tests that run it as a process
 * and send it signals. {@code -Dfake.fail=true} makes the start fail as a bind failure would.
 */
public final class FakeServerMain {

    private FakeServerMain() {
    }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(System.out, System.err, Features.CURRENT,
                new UserCheck(false, name -> OptionalLong.empty()), ListenPreflight.system(), (settings, beforeListening) -> {
                    if (Boolean.getBoolean("fake.fail")) {
                        throw new IOException("failed to listen on TCP port " + settings.port + ": Address already in use");
                    }
                    beforeListening.run();
                    System.out.println("started " + settings.port);
                    System.out.flush();
                    return () -> {
                        System.out.println("closed");
                        System.out.flush();
                    };
                });
        System.exit(launcher.run(args));
    }
}
