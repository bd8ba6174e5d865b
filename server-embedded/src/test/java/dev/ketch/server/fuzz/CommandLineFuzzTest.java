package dev.ketch.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.server.config.CommandLine;
import java.util.ArrayList;
import java.util.List;

/**
 * memcached's command line as the bundled server parses it, under coverage-guided fuzzing: any
 * arguments give a start or an exit, never an exception, and an exit with a failure status says
 * why: on stdout or stderr as memcached does, and always in {@link CommandLine.Exit#reason()} (where
 * memcached exits without a word, the reason is all a caller gets).
 */
class CommandLineFuzzTest {

    /** The one refusal memcached 1.6.18 prints nothing for ({@code -o slab_sizes=}); Ketch matches it. */
    private static final String MEMCACHEDS_SILENT_EXIT = "Missing slab_sizes value";

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"-p", "-U", "-l", "-m", "-c", "-t", "-B", "-I", "-o", "-f", "-n", "-R", "-b", "-v", "-vv",
            "-S", "-Y", "-Z", "-h", "-V", "-e", "-D", "-P", "-s", "-a", "-u", "-r", "-M", "-L", "-k", "-F", "-X", "-W",
            "-A", "--port=", "--memory-limit=", "--extended=", "ssl_chain_cert=", "idle_timeout=", "hashpower=",
            "slab_chunk_max=", "modern", "no_", "lru_crawler", "binary", "ascii", "auto", "1m", "64k", "0x10", "-1"})
    void arguments(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            args.add(data.consumeString(40));
        }
        CommandLine.Result r = CommandLine.parse(args.toArray(new String[0]));
        if (r instanceof CommandLine.Exit exit) {
            if (exit.status() != 0 && exit.reason().isBlank()) {
                throw new AssertionError("exit " + exit.status() + " without a reason for " + args);
            }
            if (exit.status() != 0 && exit.stderr().isBlank() && exit.stdout().isBlank()
                    && !exit.reason().equals(MEMCACHEDS_SILENT_EXIT)) {
                throw new AssertionError("exit " + exit.status() + " without a word for " + args);
            }
        } else if (!(r instanceof CommandLine.Start)) {
            throw new AssertionError("neither a start nor an exit: " + r);
        }
    }
}
