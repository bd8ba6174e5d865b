package dev.ketch.server.launch;

import dev.ketch.server.config.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * memcached's {@code -u} rule, adapted to a JVM: memcached started as root must be told which user
 * to become, and refuses a user that does not exist. A JVM cannot change its identity, so Ketch
 * started as root accepts {@code -u root} (what memcached's test suite passes) and refuses any
 * other user rather than keep running as root. Unlike memcached it also starts as root without
 * {@code -u}: refusing would protect nothing (there is no privilege to drop) and would break
 * {@code java -jar ketch-server.jar} in containers that run as root. Not started as root,
 * {@code -u} is ignored, as in memcached.
 */
public final class UserCheck {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Path PASSWD = Path.of("/etc/passwd");

    private final boolean runningAsRoot;
    private final Function<String, OptionalLong> uidOfUser;

    /**
     * @param runningAsRoot whether the real or effective user id is 0
     * @param uidOfUser looks a user name up, empty if there is no such user
     */
    public UserCheck(boolean runningAsRoot, Function<String, OptionalLong> uidOfUser) {
        this.runningAsRoot = runningAsRoot;
        this.uidOfUser = uidOfUser;
    }

    /** The check for this process, reading {@code /proc/self/status} and {@code /etc/passwd}. */
    public static UserCheck forThisProcess() {
        return new UserCheck(runningAsRoot(), UserCheck::uidFromPasswd);
    }

    /** The refusal for {@code -u username} (null when not given), if any. */
    public Optional<Refusal> check(String username) {
        if (!runningAsRoot) {
            return Optional.empty();
        }
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong uid = uidOfUser.apply(username);
        if (uid.isEmpty()) {
            return Optional.of(new Refusal(ExitStatus.NO_USER, "can't find the user " + username + " to switch to"));
        }
        if (uid.getAsLong() != 0) {
            return Optional.of(new Refusal(ExitStatus.OS_ERROR, "failed to assume identity of user " + username
                    + " (Ketch cannot switch users; run it as that user, or with -u root)"));
        }
        return Optional.empty();
    }

    /** True when the real or effective uid is 0 (Linux); elsewhere, when the user name is root. */
    static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids[0].equals("0") || (ids.length > 1 && ids[1].equals("0"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** The uid of {@code name} in {@code /etc/passwd} (Ketch does not consult NSS services). */
    static OptionalLong uidFromPasswd(String name) {
        try {
            return uidIn(Files.readAllLines(PASSWD), name);
        } catch (IOException e) {
            return "root".equals(name) ? OptionalLong.of(0) : OptionalLong.empty();
        }
    }

    static OptionalLong uidIn(List<String> passwdLines, String name) {
        for (String line : passwdLines) {
            String[] fields = line.split(":", -1);
            if (fields.length > 2 && fields[0].equals(name)) {
                try {
                    return OptionalLong.of(Long.parseLong(fields[2]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
