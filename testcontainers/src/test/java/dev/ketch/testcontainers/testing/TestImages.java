package dev.ketch.testcontainers.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.ketch.testcontainers.MemcachedContainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The memcached image of the container tests, and their bookkeeping. The image is named by
 * {@code -Dketch.memcached.image} ({@value #LOCAL_IMAGE} by default). That local tag is built
 * here when missing, with no registry: a {@code FROM scratch} image of this machine's
 * {@code /usr/bin/memcached} (Debian's memcached 1.6.18) and the libraries {@code ldd} lists.
 * Any other name (e.g. {@code memcached:1.6.18}) is pulled by Testcontainers. Tests without a
 * Docker engine, or without either image source, are skipped with a message saying what to install.
 *
 * <p>Every container is labelled with the test run ({@code KETCH_TEST_RUN}, or this JVM), so that
 * what a run left behind can be found, removed and reported.
 */
public final class TestImages {

    /** The image built from the machine's memcached when no other is named. */
    public static final String LOCAL_IMAGE = "ketch-test/memcached:1.6.18";
    /** The label naming the test run that started a container. */
    public static final String RUN_LABEL = "dev.ketch.test-run";
    private static final String RUN = System.getenv().getOrDefault("KETCH_TEST_RUN", "jvm-" + UUID.randomUUID());
    private static final Path MEMCACHED = Path.of("/usr/bin/memcached");

    private TestImages() {
    }

    /** The image name the tests use. */
    public static String image() {
        String configured = System.getProperty("ketch.memcached.image", "");
        return configured.isBlank() || configured.startsWith("${") ? LOCAL_IMAGE : configured;
    }

    /** This run's label value. */
    public static String run() {
        return RUN;
    }

    /**
     * A memcached container of the tests' image, labelled with this run; skips the test when Docker
     * or the image cannot be had.
     */
    public static MemcachedContainer memcached() {
        requireImage();
        return new MemcachedContainer(image()).withLabel(RUN_LABEL, RUN);
    }

    /** Skips the calling test unless a Docker engine answers and the image exists or can be made. */
    public static synchronized void requireImage() {
        Assumptions.assumeTrue(dockerAvailable(), "SKIPPED: no Docker engine reachable: install Docker "
                + "(Debian: apt-get install docker.io) and start it (dockerd, or systemctl start docker); "
                + ".ci/run does both");
        if (!image().equals(LOCAL_IMAGE) || exists(LOCAL_IMAGE)) {
            return;
        }
        Assumptions.assumeTrue(Files.isExecutable(MEMCACHED), "SKIPPED: image " + LOCAL_IMAGE + " is built from "
                + MEMCACHED + ", which is missing: install Debian package 'memcached', or name a pullable image "
                + "with -Dketch.memcached.image=memcached:1.6.18");
        build();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean exists(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void build() {
        try {
            byte[] context = buildContext();
            DockerClient docker = DockerClientFactory.instance().client();
            docker.buildImageCmd(new ByteArrayInputStream(context)).withTags(Set.of(LOCAL_IMAGE))
                    .withLabels(Map.of("dev.ketch.built-from", MEMCACHED.toString()))
                    .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build " + LOCAL_IMAGE + " from " + MEMCACHED, e);
        }
    }

    /** A tar of the Dockerfile, memcached and every library it loads, at their own paths. */
    private static byte[] buildContext() throws IOException, InterruptedException {
        String dockerfile = "FROM scratch\nCOPY root/ /\nUSER 11211:11211\nEXPOSE 11211\nCMD [\"memcached\"]\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), 0644);
            add(tar, "root" + MEMCACHED, Files.readAllBytes(MEMCACHED), 0755);
            for (Path lib : libraries()) {
                add(tar, "root" + lib, Files.readAllBytes(lib.toRealPath()), 0755);
            }
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** What {@code ldd} says memcached loads (the dynamic loader included), by the paths it names. */
    private static List<Path> libraries() throws IOException, InterruptedException {
        Process ldd = new ProcessBuilder("ldd", MEMCACHED.toString()).redirectErrorStream(true).start();
        String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ldd.waitFor() != 0) {
            throw new IOException("ldd " + MEMCACHED + " failed: " + out);
        }
        Set<Path> libs = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(/\\S+)").matcher(out);
        while (m.find()) {
            libs.add(Path.of(m.group(1)));
        }
        return new ArrayList<>(libs);
    }

    /** Containers of this run that still exist (running or not). */
    public static List<Container> leftovers() {
        if (!dockerAvailable()) {
            return List.of();
        }
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RUN_LABEL, RUN)).exec();
    }

    /** Removes {@code containers} (force: running ones too). */
    public static void remove(List<Container> containers) {
        for (Container c : containers) {
            DockerClientFactory.instance().client().removeContainerCmd(c.getId()).withForce(true).exec();
        }
    }
}
