package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.server.config.CommandLine;
import dev.ketch.server.config.ServerSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where memcached 1.6.18 stops when {@code -c} leaves it too few descriptors: the messages and
 * statuses of {@code memcached -u root -c N ...} for every N that fails (recorded from Debian's
 * memcached; DescriptorLimitParityTest compares with the binary itself when it is installed).
 */
class DescriptorLimitTest {

    private static final String EPOLL = "[warn] epoll_create: Too many open files\n"
            + "[warn] evutil_make_internal_pipe_: pipe: Too many open files\n"
            + "[err] evsig_init_: socketpair: Too many open files";
    private static final String PIPE = "[warn] evutil_make_internal_pipe_: pipe: Too many open files\n"
            + "[err] evsig_init_: socketpair: Too many open files";
    private static final String EVENTFD = "failed creating eventfd for worker thread: Too many open files";
    private static final String SOCKET = "server_socket: Too many open files";
    private static final String UDP_DUP = "Failed to duplicate file descriptor: Too many open files";

    private final DescriptorLimit root = new DescriptorLimit(true, 20_000, 1_048_576);
    private final DescriptorLimit user = new DescriptorLimit(false, 20_000, 1_048_576);

    private static ServerSettings settings(String args) {
        return ((CommandLine.Start) CommandLine.parse(args.split(" "))).settings();
    }

    private Optional<Refusal> refusal(DescriptorLimit limit, String args) {
        ServerSettings s = settings(args);
        return limit.checkLimit(s).or(() -> limit.checkStartup(s));
    }

    private void assertRefused(String args, int status, String message) {
        Optional<Refusal> r = refusal(root, args);
        assertTrue(r.isPresent(), args + " should not start");
        assertEquals(message, r.get().message(), args);
        assertEquals(status, r.get().status(), args);
    }

    @Test
    void fourWorkersAllInterfaces() {
        String rest = " -u root -t 4 -p 11211";
        for (int c = 1; c <= 3; c++) {
            assertRefused("-c " + c + rest, 67, "can't find the user root to switch to");
        }
        assertRefused("-c 4" + rest, 1, PIPE);
        assertRefused("-c 5" + rest, 1, PIPE);
        assertRefused("-c 6" + rest, 1, "Failed to duplicate file descriptor\n: Too many open files");
        assertRefused("-c 7" + rest, 1, EPOLL);
        assertRefused("-c 9" + rest, 1, PIPE);
        assertRefused("-c 10" + rest, 1, EVENTFD);
        assertRefused("-c 11" + rest, 1, EVENTFD);
        assertRefused("-c 12" + rest, 1, EPOLL);
        assertRefused("-c 14" + rest, 1, PIPE);
        assertRefused("-c 15" + rest, 1, EVENTFD);
        assertRefused("-c 20" + rest, 1, EPOLL);
        assertRefused("-c 22" + rest, 1, PIPE);
        assertRefused("-c 23" + rest, 71, SOCKET);
        assertRefused("-c 24" + rest, 71, SOCKET);
        assertTrue(refusal(root, "-c 25" + rest).isEmpty(), "two listeners at 23 and 24: starts");
    }

    @Test
    void udpSocketsAreDuplicatedForEachWorker() {
        String rest = " -u root -t 4 -p 11211 -l 127.0.0.1 -U 11211";
        assertRefused("-c 23" + rest, 71, SOCKET);
        assertRefused("-c 24" + rest, 71, SOCKET);
        assertRefused("-c 25" + rest, 1, UDP_DUP);
        assertRefused("-c 27" + rest, 1, UDP_DUP);
        assertTrue(refusal(root, "-c 28" + rest).isEmpty());
    }

    @Test
    void oneWorkerAndAUnixSocket() {
        assertRefused("-c 10 -u root -t 1 -p 11211 -l 127.0.0.1", 71, SOCKET);
        assertRefused("-c 11 -u root -t 1 -p 11211 -l 127.0.0.1", 71, SOCKET);
        assertTrue(refusal(root, "-c 12 -u root -t 1 -p 11211 -l 127.0.0.1").isEmpty());
        assertRefused("-c 23 -u root -t 4 -s /tmp/m.sock", 71,
                "socket(): Too many open files\nfailed to listen on UNIX socket: /tmp/m.sock: Too many open files");
    }

    @Test
    void theLimitCannotBeRaisedBeyondWhatTheSystemAllows() {
        String raise = "failed to set rlimit for open files. Try starting as root or requesting smaller maxconns value.";
        Optional<Refusal> r = refusal(user, "-c 30000");
        assertEquals(raise, r.orElseThrow().message());
        assertEquals(71, r.get().status());
        assertTrue(refusal(root, "-c 30000 -u root").isEmpty(), "root may go beyond the hard limit");
        assertEquals(raise, refusal(root, "-c 2000000 -u root").orElseThrow().message());
        assertTrue(refusal(user, "-c 3 -u root").isPresent() && refusal(user, "-c 3").get().message().startsWith("[warn]"),
                "not root: no user to look up");
    }
}
