package dev.ketch.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ketch.it.support.Executables;
import dev.ketch.it.support.KetchServer;
import dev.ketch.it.support.Memcapable;
import dev.ketch.it.support.MemcapableReport;
import dev.ketch.it.support.RealMemcached;
import dev.ketch.it.support.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * libmemcached's memcapable (all 54 conformance tests: 27 ascii, then 27 binary, in one run with
 * no filter) against the Ketch server process, with
 * the same run against real memcached as a control: if the control fails too, the environment
 * (memcapable itself, loopback, load) is broken, not Ketch.
 */
class MemcapableIT {

    private static MemcapableReport control;

    @Test
    void realMemcachedPassesEveryTest_control() {
        MemcapableReport report = controlRun();
        assertTrue(report.allPassed(), () -> "memcapable fails against real memcached: the memcapable"
                + " environment is broken (this is not about Ketch)\n" + report.summary() + "\nraw output:\n"
                + report.rawOutput());
    }

    @Test
    void ketchPassesEveryAsciiAndBinaryTest() {
        Memcapable.binary();
        ServerProcess ketch = KetchServer.start("-m", "64");
        MemcapableReport report;
        try {
            report = Memcapable.runAll(ketch.port());
        } finally {
            ketch.close();
        }
        KetchServer.assertNoLeakReports(ketch);
        System.out.println("memcapable (ascii + binary) against " + KetchServer.label() + ":\n" + report.summary());
        if (!report.allPassed()) {
            fail(KetchServer.label() + " fails memcapable tests: " + report.notPassed()
                    + "\n" + controlVerdict() + "\n" + report.summary() + "\nraw output:\n" + report.rawOutput());
        }
    }

    private static String controlVerdict() {
        if (Executables.onPath("memcached").isEmpty()) {
            return "(no control run: " + RealMemcached.NOT_FOUND + ")";
        }
        MemcapableReport report = controlRun();
        return report.allPassed()
                ? "The control run against real memcached passed all tests, so this is a Ketch bug."
                : "The control run against real memcached FAILED too (" + report.notPassed()
                        + "): suspect the memcapable environment first.";
    }

    private static synchronized MemcapableReport controlRun() {
        if (control == null) {
            Memcapable.binary();
            try (ServerProcess memcached = RealMemcached.start("-m", "64")) {
                control = Memcapable.runAll(memcached.port());
            }
        }
        return control;
    }
}
