package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.client.MemcacheClient;
import dev.ketch.it.failover.BlackHoleFigure;
import dev.ketch.it.failover.Clients;
import dev.ketch.it.failover.ClosedLoop;
import dev.ketch.it.failover.Events;
import dev.ketch.it.failover.Figures;
import dev.ketch.it.failover.Server;
import dev.ketch.it.support.Executables;
import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.RealMemcached;
import dev.ketch.it.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server process stopped for 200 ms (SIGSTOP, then SIGCONT: a GC pause, a throttled CPU) under
 * load, with the client's defaults, is at most suspected and probed, never declared dead: the
 * probe is answered once it runs again. Pauses that the loaded machine stretched past 250 ms are
 * not counted (they would not test a 200 ms pause); five counted ones are needed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PauseNoEjectionIT {

    private static final int ROUNDS = 5;

    @Test
    void aKetchServerPaused200msIsNotEjected() throws Exception {
        try (ServerProcess paused = KetchServer.start("-m", "64")) {
            pauses(paused, "Ketch server");
        }
    }

    @Test
    void aRealMemcachedPaused200msIsNotEjected() throws Exception {
        Assumptions.assumeTrue(RealMemcached.isInstalled(), RealMemcached.NOT_FOUND);
        try (ServerProcess paused = RealMemcached.start()) {
            pauses(paused, "memcached");
        }
    }

    private void pauses(ServerProcess paused, String what) throws Exception {
        Assumptions.assumeTrue(Executables.onPath("perl").isPresent(), "SKIPPED: perl (Debian package perl-base) "
                + "sends the signals and times the pause");
        List<Server> servers = List.of(Server.start(), Server.start());
        Events events = new Events();
        String target = "127.0.0.1:" + paused.port();
        List<String> addresses = List.of(servers.get(0).address(), target, servers.get(1).address());
        try (MemcacheClient<String> client = BlackHoleFigure.defaultClient(addresses, events)) {
            assertTrue(client.awaitConnected(BlackHoleFigure.WAIT));
            List<String> keys = Clients.keys("pause:", 10_000);
            Clients.preload(addresses, keys);
            ClosedLoop loop = new ClosedLoop(client, keys, 64).start();
            Thread.sleep(2000);
            List<Long> counted = new ArrayList<>();
            List<Long> discarded = new ArrayList<>();
            for (int attempt = 0; attempt < 4 * ROUNDS && counted.size() < ROUNDS; attempt++) {
                long micros = stop(paused.pid(), 200);
                (micros <= 250_000 ? counted : discarded).add(micros / 1000);
                Thread.sleep(1500);
            }
            Thread.sleep(1500);
            List<ClosedLoop.Done> all = loop.stop(TimeUnit.SECONDS.toMillis(30));
            long failures = all.stream().filter(d -> d.failure() != null).count();
            Figures.report("200 ms SIGSTOP of a " + what + " under load, defaults", "pauses of " + counted
                    + " ms (stretched by the machine, not counted: " + discarded + "), suspected "
                    + events.of("suspected", target).size() + " times, declared dead "
                    + events.of("down", target).size() + " times; " + failures + " of " + all.size()
                    + " operations failed");
            Assumptions.assumeTrue(counted.size() == ROUNDS, "the machine stretched the 200 ms pauses: " + discarded);
            assertTrue(events.of("down", target).isEmpty(), "a 200 ms pause ejects nothing: " + events);
            assertTrue(paused.isAlive());
        } finally {
            servers.forEach(Server::close);
        }
    }

    /** SIGSTOP, {@code millis}, SIGCONT from one process; returns how long the server was stopped (µs). */
    private static long stop(long pid, int millis) throws Exception {
        Process p = new ProcessBuilder("perl", "-MTime::HiRes=time,sleep", "-e",
                "my $t = time; kill 'STOP', $ARGV[0]; sleep($ARGV[1] / 1000); kill 'CONT', $ARGV[0];"
                        + " printf \"%d\\n\", (time - $t) * 1e6;", Long.toString(pid), Integer.toString(millis))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("perl could not pause " + pid + ": " + out);
        }
        return Long.parseLong(out);
    }
}
