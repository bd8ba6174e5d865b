package dev.ketch.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NettyDefaultsTest {

    @Test
    void leakDetectionIsOffUnlessTheCommandLineSaysOtherwise() {
        String before = System.getProperty(NettyDefaults.LEAK_DETECTION);
        try {
            System.setProperty(NettyDefaults.LEAK_DETECTION, "paranoid");
            NettyDefaults.configure();
            assertEquals("paranoid", System.getProperty(NettyDefaults.LEAK_DETECTION));
            System.clearProperty(NettyDefaults.LEAK_DETECTION);
            NettyDefaults.configure();
            assertEquals("disabled", System.getProperty(NettyDefaults.LEAK_DETECTION));
        } finally {
            if (before == null) {
                System.clearProperty(NettyDefaults.LEAK_DETECTION);
            } else {
                System.setProperty(NettyDefaults.LEAK_DETECTION, before);
            }
        }
    }
}
