package dev.ketch.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where things are in the checkout, as the integration-tests pom tells the test JVM through system
 * properties (with fallbacks for runs from the module directory, e.g. in an IDE).
 *
 * <ul>
 *   <li>{@code ketch.it.repoRoot}: the repository root (default: parent of the working directory)</li>
 *   <li>{@code ketch.it.serverJar}: the executable Ketch server jar built by module server-embedded</li>
 *   <li>{@code ketch.it.buildDir}: this module's {@code target} directory (logs go there)</li>
 * </ul>
 */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    public static Path repoRoot() {
        String configured = System.getProperty("ketch.it.repoRoot");
        Path root = configured != null ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    /**
     * The configured jar, or else the single self-contained {@code ketch-server-*-all.jar} in
     * {@code server-embedded/target}; a path that does not exist when there is none.
     */
    public static Path serverJar() {
        String configured = System.getProperty("ketch.it.serverJar");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path target = repoRoot().resolve("server-embedded/target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString()
                    .matches("ketch-server-[^-]+(-SNAPSHOT)?-all\\.jar")).toList();
            if (jars.size() == 1) {
                return jars.get(0);
            }
        } catch (IOException e) {
            // no target directory yet: fall through to the placeholder
        }
        return target.resolve("ketch-server-<version>-all.jar");
    }

    public static Path buildDir() {
        String configured = System.getProperty("ketch.it.buildDir");
        return (configured != null ? Path.of(configured) : repoRoot().resolve("integration-tests/target"))
                .toAbsolutePath().normalize();
    }
}
