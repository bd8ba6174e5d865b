package net.spy.memcached.compat;

import java.io.Closeable;
import java.io.IOException;
import net.spy.memcached.compat.log.LoggerFactory;

/** Closing without a checked exception. */
public final class CloseUtil {

    private CloseUtil() {
    }

    /** Closes {@code closeable} if it is not null; a failure is logged, not thrown. */
    public static void close(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(CloseUtil.class).warn("Unable to close %s", closeable, e);
            }
        }
    }
}
