package dev.ketch.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.server.config.ServerSettings;
import org.junit.jupiter.api.AfterAll;

/**
 * The meta commands ({@code mg ms md ma mn me}) and their flags under coverage-guided fuzzing,
 * held to the same rules as {@link TextProtocolFuzzTest}.
 */
class MetaProtocolFuzzTest {

    private static final ProtocolUnderFuzz SERVER = new ProtocolUnderFuzz(ServerSettings.Protocol.ASCII);

    @AfterAll
    static void close() {
        SERVER.close();
    }

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"mg ", "ms ", "md ", "ma ", "mn", "me ", "\\x0d\\x0a", " b", " c", " f", " h", " k", " l", " O",
            " q", " s", " t", " u", " v", " E", " N", " R", " T", " I", " M", " D", " J", " S", " F", " C", " x",
            " MA", " MD", " MI", " MS", " ME", " MP", " MR", " base64", "0 T30 F5"})
    void metaCommands(FuzzedDataProvider data) {
        ReplyGrammar.text(SERVER.exchange(ProtocolFuzzing.pieces(data)));
    }
}
