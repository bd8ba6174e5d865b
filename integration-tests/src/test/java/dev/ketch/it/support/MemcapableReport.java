package dev.ketch.it.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The per-test outcome of one memcapable run, parsed from its merged stdout/stderr.
 *
 * <p>memcapable prints each test's name left-justified in 40 columns, then {@code [pass]} (stdout),
 * {@code [FAIL]} (stderr, sometimes on the next line after an {@code Errno: ...} message) or
 * {@code [skip]}. It stops early when it cannot reconnect after a failure: tests it never printed
 * are {@link Outcome#NOTRUN} and count as failed.
 */
public final class MemcapableReport {

    /** The 27 ascii tests of libmemcached 1.1's memcapable, in the order it runs them. */
    public static final List<String> ASCII_TESTS = List.of(
            "ascii version", "ascii quit", "ascii verbosity", "ascii set", "ascii set noreply",
            "ascii get", "ascii gets", "ascii mget", "ascii flush", "ascii flush noreply", "ascii add",
            "ascii add noreply", "ascii replace", "ascii replace noreply", "ascii cas", "ascii cas noreply",
            "ascii delete", "ascii delete noreply", "ascii incr", "ascii incr noreply", "ascii decr",
            "ascii decr noreply", "ascii append", "ascii append noreply", "ascii prepend",
            "ascii prepend noreply", "ascii stat");

    /** The 27 binary tests, in the order memcapable runs them after the ascii ones. */
    public static final List<String> BINARY_TESTS = List.of(
            "binary noop", "binary quit", "binary quitq", "binary set", "binary setq", "binary flush",
            "binary flushq", "binary add", "binary addq", "binary replace", "binary replaceq", "binary delete",
            "binary deleteq", "binary get", "binary getq", "binary getk", "binary getkq", "binary incr",
            "binary incrq", "binary decr", "binary decrq", "binary version", "binary append", "binary appendq",
            "binary prepend", "binary prependq", "binary stat");

    /** All 54 tests: what memcapable runs without {@code -a} or {@code -b}. */
    public static final List<String> ALL_TESTS =
            java.util.stream.Stream.concat(ASCII_TESTS.stream(), BINARY_TESTS.stream()).toList();

    private static final Pattern STATUS = Pattern.compile("\\[(pass|FAIL|skip)]");

    /** What happened to one memcapable test. */
    public enum Outcome { PASS, FAIL, SKIP, NOTRUN }

    private final Map<String, Outcome> outcomes;
    private final String rawOutput;

    private MemcapableReport(Map<String, Outcome> outcomes, String rawOutput) {
        this.outcomes = outcomes;
        this.rawOutput = rawOutput;
    }

    /** Parses {@code output} for the tests named in {@code expectedTests}. */
    public static MemcapableReport parse(String output, List<String> expectedTests) {
        List<String> longestFirst = expectedTests.stream()
                .sorted((a, b) -> b.length() - a.length()).toList();
        Map<String, Outcome> found = new LinkedHashMap<>();
        String current = null;
        for (String line : output.split("\r?\n", -1)) {
            String named = testNamedAtStartOf(line, longestFirst);
            if (named != null) {
                current = named;
            }
            Matcher status = STATUS.matcher(line);
            if (current != null && status.find() && !found.containsKey(current)) {
                found.put(current, switch (status.group(1)) {
                    case "pass" -> Outcome.PASS;
                    case "skip" -> Outcome.SKIP;
                    default -> Outcome.FAIL;
                });
                current = null;
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String test : expectedTests) {
            outcomes.put(test, found.getOrDefault(test, Outcome.NOTRUN));
        }
        return new MemcapableReport(outcomes, output);
    }

    /** A name only counts at the start of a line, followed by padding or the end of the line. */
    private static String testNamedAtStartOf(String line, List<String> longestFirst) {
        for (String name : longestFirst) {
            if (line.startsWith(name) && (line.length() == name.length() || line.charAt(name.length()) == ' ')) {
                return name;
            }
        }
        return null;
    }

    public Map<String, Outcome> outcomes() {
        return outcomes;
    }

    /** Tests that did not pass (failed, skipped or never run). */
    public List<String> notPassed() {
        return outcomes.entrySet().stream().filter(e -> e.getValue() != Outcome.PASS)
                .map(e -> e.getValue() + " " + e.getKey()).toList();
    }

    public boolean allPassed() {
        return notPassed().isEmpty();
    }

    /** One "OUTCOME name" line per test, then "N passed, M not passed". */
    public String summary() {
        String lines = outcomes.entrySet().stream()
                .map(e -> String.format("%-6s %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining("\n"));
        long passed = outcomes.values().stream().filter(o -> o == Outcome.PASS).count();
        return lines + "\n" + passed + " passed, " + (outcomes.size() - passed) + " not passed";
    }

    public String rawOutput() {
        return rawOutput;
    }
}
