package dev.ketch.client.tools;

import dev.ketch.client.routing.ServerSelector;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

/**
 * Which server each key goes to, for operators checking Ketch's placement against another
 * language's client:
 *
 * <pre>
 * java -cp &lt;client classpath&gt; dev.ketch.client.tools.WhichServer --servers "SPEC SPEC ..."
 *     --distribution NAME [--hash NAME] [--dead SPEC]... [--eject skip|rebuild]
 * </pre>
 *
 * Reads keys from standard input, one per line (the raw bytes up to {@code \n}, nothing decoded
 * or trimmed), and prints for each key {@code HASH<TAB>INDEX<TAB>HOST:PORT}: the key's 32-bit
 * hash as unsigned decimal (computed even with one server), the index of the chosen server in
 * {@code --servers} and that server. SPEC is {@code host[:port[:weight]]} or {@code
 * [ipv6]:port[:weight]}; NAME is a {@link dev.ketch.client.routing.Distribution} or {@link
 * dev.ketch.client.routing.HashAlgorithm} constant. {@code --dead} marks a server (matched by host
 * and port) dead; {@code --eject} skips dead servers' points (OMcache, the default) or rebuilds
 * the ring without them (libmemcached's {@code REMOVE_FAILED_SERVERS}). A bad command line prints
 * one line on standard error and exits with status 2.
 */
public final class WhichServer {

    private WhichServer() {
    }

    /**
     * Runs the tool: options as the class comment says, keys on standard input, one line per key on
     * standard output.
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the tool; returns the exit status. */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        WhichServerOptions options;
        try {
            options = WhichServerOptions.parse(args);
        } catch (WhichServerOptions.UsageException e) {
            err.println("WhichServer: " + e.getMessage());
            return 2;
        }
        try {
            answer(options, in, out);
            return 0;
        } catch (IOException e) {
            err.println("WhichServer: " + e);
            return 1;
        }
    }

    private static void answer(WhichServerOptions options, InputStream in, OutputStream out) throws IOException {
        ServerSelector all = options.distribution().selector(options.servers(), options.hash());
        boolean[] dead = options.dead();
        IntPredicate isDead = i -> dead[i];
        ServerSelector rebuilt = options.rebuild() ? all.without(isDead) : null;
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        int n;
        while ((n = in.read(buffer)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    key.write(buffer, start, i - start);
                    line(all, rebuilt, isDead, key.toByteArray(), buffered);
                    key.reset();
                    start = i + 1;
                }
            }
            key.write(buffer, start, n - start);
        }
        if (key.size() > 0) {
            line(all, rebuilt, isDead, key.toByteArray(), buffered);
        }
        buffered.flush();
    }

    private static void line(ServerSelector all, ServerSelector rebuilt, IntPredicate dead, byte[] key,
            OutputStream out) throws IOException {
        int hash = all.hash(key);
        int index = rebuilt != null ? rebuilt.indexForHash(hash) : all.indexForHash(hash, dead);
        String text = Integer.toUnsignedString(hash) + "\t" + index + "\t" + all.servers().get(index) + "\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
