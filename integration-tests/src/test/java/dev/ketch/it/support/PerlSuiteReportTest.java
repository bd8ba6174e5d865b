package dev.ketch.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerlSuiteReportTest {

    @Test
    void statusPerListedFileWithMissingOnesNotRun() {
        List<String> output = List.of(
                "harness: /tmp/x  logs: /tmp/y  server: /tmp/launcher.sh  suite: 1.6.18",
                "PASS    cas.t                         43/43     assertions, plan 43, rc 0, 5s",
                "FAIL    expirations.t                 36/41     assertions, plan 41, rc 5, 2s",
                "TIMEOUT getset.t                    100/100    assertions, plan 37991, rc 124, 180s",
                "    not ok 3 - something",
                "1 passed, 2 failed, 0 skipped");
        PerlSuiteReport report = PerlSuiteReport.parse(output, List.of("cas", "expirations", "getset", "lru"));
        assertEquals(List.of("PASS", "FAIL", "TIMEOUT", "NOTRUN"), List.copyOf(report.statusByFile().values()));
        assertEquals(3, report.notPassed().size());
    }
}
