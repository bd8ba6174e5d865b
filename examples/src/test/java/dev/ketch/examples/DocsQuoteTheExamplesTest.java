package dev.ketch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code the documentation shows is this module's code, which the build compiles and runs. In
 * README.md and docs/*.md, a line that is just {@code <!-- snippet: File.java#tag -->} must be followed by a
 * fenced block holding exactly the lines between {@code // tag::tag[]} and {@code // end::tag[]}
 * of that example file (less their common indentation). Run with {@code -Dketch.docs.update=true}
 * to rewrite the blocks from the examples instead of checking them.
 */
class DocsQuoteTheExamplesTest {

    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([\\w.]+\\.java)#([\\w-]+) -->$");

    private final Path repository = Path.of(System.getProperty("ketch.repoRoot", "..")).toAbsolutePath().normalize();

    @Test
    void everyQuotedSnippetIsTheExampleCode() throws IOException {
        boolean update = Boolean.getBoolean("ketch.docs.update");
        List<String> mismatches = new ArrayList<>();
        int quoted = 0;
        for (Path doc : documents()) {
            List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
            boolean changed = false;
            for (int i = 0; i < lines.size(); i++) {
                Matcher marker = MARKER.matcher(lines.get(i));
                if (!marker.matches()) {
                    continue;
                }
                quoted++;
                String where = repository.relativize(doc) + ":" + (i + 1);
                int open = i + 1;
                if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                    mismatches.add(where + ": the snippet marker must be followed by a fenced code block");
                    continue;
                }
                int close = open + 1;
                while (close < lines.size() && !lines.get(close).startsWith("```")) {
                    close++;
                }
                List<String> expected = region(marker.group(1), marker.group(2));
                List<String> shown = lines.subList(open + 1, close);
                if (!shown.equals(expected)) {
                    if (update) {
                        lines.subList(open + 1, close).clear();
                        lines.addAll(open + 1, expected);
                        changed = true;
                    } else {
                        mismatches.add(where + ": differs from " + marker.group(1) + "#" + marker.group(2)
                                + "; expected:\n" + String.join("\n", expected));
                    }
                }
            }
            if (changed) {
                Files.write(doc, lines, StandardCharsets.UTF_8);
            }
        }
        assertFalse(quoted == 0, "no snippet markers found under " + repository);
        assertEquals(List.of(), mismatches, "documentation that does not quote the examples"
                + " (mvn -pl examples test -Dketch.docs.update=true rewrites it)");
    }

    private List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(repository.resolve("README.md")));
        try (Stream<Path> files = Files.list(repository.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The lines between the tag's markers in the example file, without their common indentation. */
    private List<String> region(String fileName, String tag) {
        Path file = exampleFile(fileName);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int begin = indexOfMarker(lines, "// tag::" + tag + "[]", file);
        int end = indexOfMarker(lines, "// end::" + tag + "[]", file);
        List<String> region = lines.subList(begin + 1, end);
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static int indexOfMarker(List<String> lines, String marker, Path file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(file + " has no line " + marker);
    }

    private Path exampleFile(String fileName) {
        Path module = repository.resolve("examples/src");
        try (Stream<Path> files = Files.walk(module)) {
            return files.filter(f -> f.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no example " + fileName + " under " + module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
