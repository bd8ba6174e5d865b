package dev.ketch.it.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-file results of one run of the project's {@code perl-suite/run.sh}, which prints one
 * {@code STATUS file.t (details)} line per test file (STATUS = PASS, FAIL, TIMEOUT, SKIP or
 * MISSING). Files without such a line are {@code NOTRUN}.
 */
public final class PerlSuiteReport {

    private static final Pattern FILE_LINE =
            Pattern.compile("^(PASS|FAIL|TIMEOUT|SKIP|MISSING)\\s+(\\S+?)(?:\\.t)?(?:\\s+(.*))?$");

    private final Map<String, String> statusByFile;
    private final Map<String, String> lineByFile;

    private PerlSuiteReport(Map<String, String> statusByFile, Map<String, String> lineByFile) {
        this.statusByFile = statusByFile;
        this.lineByFile = lineByFile;
    }

    /** Parses the script's output for the files in {@code expectedFiles} (names without ".t"). */
    public static PerlSuiteReport parse(List<String> outputLines, List<String> expectedFiles) {
        Map<String, String> seenStatus = new LinkedHashMap<>();
        Map<String, String> seenLine = new LinkedHashMap<>();
        for (String line : outputLines) {
            Matcher m = FILE_LINE.matcher(line.strip());
            if (m.matches()) {
                seenStatus.put(m.group(2), m.group(1));
                seenLine.put(m.group(2), line.strip());
            }
        }
        Map<String, String> status = new LinkedHashMap<>();
        Map<String, String> lines = new LinkedHashMap<>();
        for (String file : expectedFiles) {
            status.put(file, seenStatus.getOrDefault(file, "NOTRUN"));
            lines.put(file, seenLine.getOrDefault(file, "NOTRUN  " + file + ".t"));
        }
        return new PerlSuiteReport(status, lines);
    }

    /** Status per file, in list order. */
    public Map<String, String> statusByFile() {
        return statusByFile;
    }

    /** Files whose status is not PASS, with the script's line for each. */
    public List<String> notPassed() {
        return statusByFile.entrySet().stream().filter(e -> !e.getValue().equals("PASS"))
                .map(e -> lineByFile.get(e.getKey())).toList();
    }

    /** One line per file with the status first, then a count line. */
    public String summary() {
        long passed = statusByFile.values().stream().filter("PASS"::equals).count();
        return String.join("\n", lineByFile.values()) + "\n" + passed + " of " + statusByFile.size()
                + " files passed";
    }
}
