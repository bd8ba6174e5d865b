package dev.ketch.server.launch;

import dev.ketch.server.config.ExitStatus;
import dev.ketch.server.config.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code -c}: memcached sets its open-file limit ({@code RLIMIT_NOFILE}) to the connection limit,
 * so a limit too small for its own descriptors stops it while it starts, each time with the message
 * of the first descriptor it cannot have. A JVM needs dozens of descriptors of its own and cannot
 * lower its limit that far, so Ketch works out where memcached would have stopped and stops there
 * with memcached's words and exit status, rather than starting and then refusing every client.
 *
 * <p>memcached's descriptors, in the order it opens them (glibc, libevent with epoll and eventfd):
 * 0 to 2 are standard I/O; the main event base takes 3 (epoll) and 4 and 5 (its signal
 * socketpair); a descriptor is duplicated once at 6 to size the connection table; each worker
 * thread then takes four (an eventfd, its epoll, a socketpair), the first worker from 6 and the
 * others from 11, one descriptor having been taken meanwhile; the listening sockets follow at
 * {@code 7 + 4 * threads}: each TCP socket (all interfaces: an IPv4 and an IPv6 one), each UDP
 * socket with one duplicate per further worker, or the unix domain socket.
 *
 * <p>Raising the limit beyond the system's allowance fails first, as for memcached: beyond the
 * hard limit unless root, beyond {@code fs.nr_open} even for root.
 */
public final class DescriptorLimit {

    private static final String EMFILE = "Too many open files";
    private static final String EPOLL = "[warn] epoll_create: " + EMFILE + "\n"
            + "[warn] evutil_make_internal_pipe_: pipe: " + EMFILE + "\n"
            + "[err] evsig_init_: socketpair: " + EMFILE;
    private static final String PIPE = "[warn] evutil_make_internal_pipe_: pipe: " + EMFILE + "\n"
            + "[err] evsig_init_: socketpair: " + EMFILE;
    private static final int FIRST_WORKER_FD = 6;

    private final boolean root;
    private final long hardLimit;
    private final long systemLimit;

    /**
     * @param root whether the process runs as root (it may then raise its limit up to {@code systemLimit})
     * @param hardLimit the process's hard limit on open files
     * @param systemLimit {@code /proc/sys/fs/nr_open}
     */
    public DescriptorLimit(boolean root, long hardLimit, long systemLimit) {
        this.root = root;
        this.hardLimit = hardLimit;
        this.systemLimit = systemLimit;
    }

    /** The limits of this process ({@code /proc/self/limits}, {@code /proc/sys/fs/nr_open}). */
    public static DescriptorLimit forThisProcess() {
        return new DescriptorLimit(UserCheck.runningAsRoot(), hardOpenFileLimit(), systemOpenFileLimit());
    }

    /**
     * memcached's first steps with the new limit (before it switches user): raising the limit, and
     * as root looking the {@code -u} user up, which needs a descriptor.
     */
    public Optional<Refusal> checkLimit(ServerSettings settings) {
        long c = Integer.toUnsignedLong(settings.maxConns);
        if (c > (root ? systemLimit : hardLimit)) {
            return refuse(ExitStatus.OS_ERROR,
                    "failed to set rlimit for open files. Try starting as root or requesting smaller maxconns value.");
        }
        if (root && settings.username != null && !settings.username.isEmpty() && c <= 3) {
            // getpwnam() cannot open /etc/passwd
            return refuse(ExitStatus.NO_USER, "can't find the user " + settings.username + " to switch to");
        }
        return Optional.empty();
    }

    /** The descriptors memcached opens while starting, after it switched user: where it would stop, if it would. */
    public Optional<Refusal> checkStartup(ServerSettings settings) {
        long c = Integer.toUnsignedLong(settings.maxConns);
        for (Need need : needs(settings)) {
            if (c < need.minimum) {
                return refuse(need.status, need.message);
            }
        }
        return Optional.empty();
    }

    private record Need(long minimum, int status, String message) {
    }

    private static List<Need> needs(ServerSettings s) {
        List<Need> needs = new ArrayList<>();
        needs.add(new Need(4, ExitStatus.FAILURE, EPOLL));
        needs.add(new Need(6, ExitStatus.FAILURE, PIPE));
        needs.add(new Need(7, ExitStatus.FAILURE, "Failed to duplicate file descriptor\n: " + EMFILE));
        needs.add(new Need(FIRST_WORKER_FD + 2, ExitStatus.FAILURE, EPOLL));
        needs.add(new Need(FIRST_WORKER_FD + 4, ExitStatus.FAILURE, PIPE));
        for (int i = 1; i < s.numThreads; i++) {
            long base = 7 + 4L * i;
            needs.add(new Need(base + 1, ExitStatus.FAILURE, "failed creating eventfd for worker thread: " + EMFILE));
            needs.add(new Need(base + 2, ExitStatus.FAILURE, EPOLL));
            needs.add(new Need(base + 4, ExitStatus.FAILURE, PIPE));
        }
        long fd = 7 + 4L * s.numThreads;
        if (s.socketPath != null) {
            needs.add(new Need(fd + 1, ExitStatus.OS_ERROR, "socket(): " + EMFILE + "\nfailed to listen on UNIX socket: "
                    + s.socketPath + ": " + EMFILE));
            return needs;
        }
        if (s.port != 0) {
            for (int i = sockets(s.listenAddresses); i > 0; i--, fd++) {
                needs.add(new Need(fd + 1, ExitStatus.OS_ERROR, "server_socket: " + EMFILE));
            }
        }
        if (s.udpPort != 0) {
            for (int i = sockets(s.listenAddresses); i > 0; i--) {
                needs.add(new Need(fd + 1, ExitStatus.OS_ERROR, "server_socket: " + EMFILE));
                fd++;
                for (int t = 1; t < s.numThreads; t++, fd++) {
                    needs.add(new Need(fd + 1, ExitStatus.FAILURE, "Failed to duplicate file descriptor: " + EMFILE));
                }
            }
        }
        return needs;
    }

    /** Sockets memcached opens per transport: one per address each {@code -l} entry resolves to, two for all interfaces. */
    private static int sockets(List<String> listenAddresses) {
        if (listenAddresses.isEmpty()) {
            return 2;
        }
        int n = 0;
        for (String entry : listenAddresses) {
            String host = hostOf(entry);
            if (host == null) {
                n += 2;
                continue;
            }
            try {
                n += InetAddress.getAllByName(host).length;
            } catch (UnknownHostException e) {
                n += 1; // refused later, with memcached's resolver message
            }
        }
        return n;
    }

    /** The host of a {@code -l} entry ({@code host}, {@code host:port}, {@code [v6]:port}), null for all interfaces. */
    private static String hostOf(String entry) {
        String e = entry;
        int tag = e.lastIndexOf("]:");
        if (e.startsWith("proto[") || e.startsWith("tag[")) {
            e = e.substring(e.indexOf("]:") + 2);
        } else if (tag >= 0 && e.startsWith("[")) {
            return e.substring(1, tag);
        }
        if (e.startsWith("[") && e.endsWith("]")) {
            return e.substring(1, e.length() - 1);
        }
        int colon = e.indexOf(':');
        if (colon >= 0 && e.indexOf(':', colon + 1) < 0) {
            e = e.substring(0, colon);
        }
        return e.isEmpty() || e.equals("*") ? null : e;
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }

    private static long hardOpenFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no limit known
        }
        return Long.MAX_VALUE;
    }

    private static long systemOpenFileLimit() {
        // procfs files report sizes that Files.readString trusts: read them line by line
        try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/fs/nr_open"), StandardCharsets.US_ASCII)) {
            return Long.parseLong(in.readLine().trim());
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
