package dev.ketch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time a process has used, from Linux's {@code /proc/<pid>/stat}, and what a workload's
 * throughput cost the server per 1000 of its units.
 */
final class ServerCpu {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux architecture Java runs on. */
    private static final long MICROS_PER_TICK = 10_000;

    private ServerCpu() {
    }

    private static final String COST = ": memcached CPU per 1000 ";

    /** True for the metrics {@link #perThousand} names. */
    static boolean isCost(String metric) {
        return metric.contains(COST);
    }

    /** User plus system CPU time of process {@code pid} in microseconds; -1 where /proc cannot tell. */
    static long micros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * MICROS_PER_TICK;
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
    }

    /**
     * For each throughput metric of {@code measured} ("... (keys/s)"), the server's CPU microseconds
     * per 1000 keys: "...: memcached CPU per 1000 keys (µs)".
     */
    static Map<String, Double> perThousand(Map<String, Double> measured, long cpuMicros, int seconds) {
        Map<String, Double> costs = new LinkedHashMap<>();
        measured.forEach((metric, perSecond) -> {
            int open = metric.lastIndexOf(" (");
            if (open < 0 || !metric.endsWith("/s)") || perSecond <= 0) {
                return;
            }
            String unit = metric.substring(open + 2, metric.length() - "/s)".length());
            costs.put(metric.substring(0, open) + COST + unit + " (µs)",
                    cpuMicros / (perSecond * seconds / 1000));
        });
        return costs;
    }
}
