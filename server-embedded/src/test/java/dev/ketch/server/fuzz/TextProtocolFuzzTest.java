package dev.ketch.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.server.config.ServerSettings;
import org.junit.jupiter.api.AfterAll;

/**
 * The text protocol (storage, retrieval, arithmetic, admin commands) under coverage-guided
 * fuzzing: whatever bytes come, no exception reaches Netty, every input is handled in bounded
 * time, no buffer leaks (paranoid leak detection), and every reply is one memcached sends.
 */
class TextProtocolFuzzTest {

    private static final ProtocolUnderFuzz SERVER = new ProtocolUnderFuzz(ServerSettings.Protocol.ASCII);

    @AfterAll
    static void close() {
        SERVER.close();
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"get ", "gets ", "gat ", "gats ", "set ", "add ", "replace ", "append ", "prepend ",
            "cas ", "incr ", "decr ", "delete ", "touch ", "stats", " noreply", "flush_all", "version", "verbosity ",
            "quit", "\\x0d\\x0a", "\\x0a", " 0 0 ", "18446744073709551615", "-1", "lru_crawler ", "slabs ", "cache_memlimit ",
            "watch", "stats detail ", "stats slabs", "stats items", "stats settings", "misbehave", "shutdown"})
    void textCommands(FuzzedDataProvider data) {
        ReplyGrammar.text(SERVER.exchange(ProtocolFuzzing.pieces(data)));
    }
}
