package dev.ketch.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ketch.it.support.MemcapableReport.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemcapableReportTest {

    private static String padded(String name, String status) {
        return String.format("%-40s%s", name, status);
    }

    @Test
    void allPassLinesMakeAPassingReport() {
        String output = String.join("\n", MemcapableReport.ASCII_TESTS.stream()
                .map(name -> padded(name, "[pass]")).toList()) + "\nAll tests passed\n";
        MemcapableReport report = MemcapableReport.parse(output, MemcapableReport.ASCII_TESTS);
        assertTrue(report.allPassed(), report.summary());
        assertEquals(27, report.outcomes().size());
    }

    @Test
    void failAfterAnErrnoLineCountsForTheTestNamedBefore() {
        String output = padded("ascii set", "[pass]") + "\n"
                + padded("ascii set noreply", "Errno: 110 Connection timed out") + "\n[FAIL]\n"
                + padded("ascii get", "[pass]") + "\n";
        MemcapableReport report = MemcapableReport.parse(output,
                List.of("ascii set", "ascii set noreply", "ascii get"));
        assertEquals(Outcome.PASS, report.outcomes().get("ascii set"));
        assertEquals(Outcome.FAIL, report.outcomes().get("ascii set noreply"));
        assertEquals(Outcome.PASS, report.outcomes().get("ascii get"));
        assertEquals(List.of("FAIL ascii set noreply"), report.notPassed());
    }

    @Test
    void testsNeverPrintedAreNotRunAndFail() {
        String output = padded("ascii version", "[pass]") + "\n" + padded("ascii quit", "[FAIL]") + "\n";
        MemcapableReport report = MemcapableReport.parse(output, MemcapableReport.ASCII_TESTS);
        assertFalse(report.allPassed());
        assertEquals(Outcome.NOTRUN, report.outcomes().get("ascii stat"));
        assertEquals(26, report.notPassed().size());
    }
}
