package dev.ketch.server.launch;

/**
 * Netty settings for the executable jar. Netty samples one buffer allocation in 128 for leak
 * tracking by default, recording a stack trace each time; a server allocating a reply buffer per
 * request spent about 5% of its worker thread's samples there under load (JFR, get90). The jar
 * turns that off; a {@code -Dio.netty.leakDetection.level=...} on the command line wins (the
 * integration tests run the jar with {@code paranoid}). Must run before Netty's first buffer.
 */
public final class NettyDefaults {

    static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private NettyDefaults() {
    }

    public static void configure() {
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
    }
}
