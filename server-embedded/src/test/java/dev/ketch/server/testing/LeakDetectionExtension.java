package dev.ketch.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked buffer. Registered for every test class through JUnit's
 * extension auto-detection, so its static initializer installs the recording leak detector before
 * any buffer class is loaded. After each test (and each class) it runs the garbage collector and
 * allocates a few buffers, which makes Netty report what it found.
 */
public final class LeakDetectionExtension implements AfterEachCallback, AfterAllCallback {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        check(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        check(context.getDisplayName());
    }

    private static void check(String where) throws InterruptedException {
        for (int i = 0; i < 3 && LEAKS.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
            List<ByteBuf> probes = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                probes.add(PooledByteBufAllocator.DEFAULT.directBuffer(16));
                probes.add(PooledByteBufAllocator.DEFAULT.heapBuffer(16));
                probes.add(UnpooledByteBufAllocator.DEFAULT.directBuffer(16));
            }
            probes.forEach(ByteBuf::release);
        }
        if (!LEAKS.isEmpty()) {
            List<String> leaks = new ArrayList<>(LEAKS);
            LEAKS.clear();
            fail("Netty reported " + leaks.size() + " leak(s) after " + where + ":\n" + String.join("\n", leaks));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval) {
                @Override
                protected boolean needReport() {
                    return true;
                }

                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add("LEAK: " + resourceType + records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add("LEAK: " + resourceType + " (untraced)");
                }
            };
        }
    }
}
