import java.io.PrintWriter;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.runner.Description;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Runs one test class of spymemcached's suite with JUnit 4 (JUnit 3 style classes included) and
 * writes one line per test to a file: PASS, FAIL or SKIP, the test's name, and for a failure its
 * exception. Launched by run-spymemcached-suite.sh, one JVM per class, as spymemcached's own build
 * forks one per class.
 */
public final class SuiteRunner {

    public static void main(String[] args) throws Exception {
        String className = args[0];
        Path out = Path.of(args[1]);
        Class<?> type = Class.forName(className);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), true)) {
            if (Modifier.isAbstract(type.getModifiers())) {
                return;
            }
            JUnitCore core = new JUnitCore();
            core.addListener(new RunListener() {
                private boolean failed;

                @Override
                public void testStarted(Description d) {
                    failed = false;
                }

                @Override
                public void testFailure(Failure f) {
                    failed = true;
                    String why = String.valueOf(f.getException()).replace('\n', ' ').replace('\t', ' ');
                    w.println("FAIL\t" + f.getDescription().getMethodName() + "\t" + why);
                }

                @Override
                public void testAssumptionFailure(Failure f) {
                    failed = true;
                    w.println("SKIP\t" + f.getDescription().getMethodName());
                }

                @Override
                public void testIgnored(Description d) {
                    w.println("SKIP\t" + d.getMethodName());
                }

                @Override
                public void testFinished(Description d) {
                    if (!failed) {
                        w.println("PASS\t" + d.getMethodName());
                    }
                }
            });
            core.run(Request.aClass(type));
        }
        System.exit(0); // clients left running (a test that fails before its shutdown) must not keep the JVM
    }
}
