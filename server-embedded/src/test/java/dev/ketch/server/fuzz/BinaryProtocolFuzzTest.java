package dev.ketch.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.server.config.ServerSettings;
import org.junit.jupiter.api.AfterAll;

/**
 * The binary protocol under coverage-guided fuzzing (through {@code -B auto}'s negotiation, so
 * the first byte picks the protocol as on a real server): no exception reaches Netty, no leak,
 * bounded time per input, and what comes back is text memcached sends or binary response packets.
 */
class BinaryProtocolFuzzTest {

    private static final ProtocolUnderFuzz SERVER = new ProtocolUnderFuzz(ServerSettings.Protocol.AUTO);

    @AfterAll
    static void close() {
        SERVER.close();
    }

    @FuzzTest(maxDuration = "5s")
    void binaryPackets(FuzzedDataProvider data) {
        byte[][] pieces = ProtocolFuzzing.pieces(data);
        byte[] out = SERVER.exchange(pieces);
        if (pieces[0].length > 0 && (pieces[0][0] & 0xff) == 0x80) {
            ReplyGrammar.binary(out);
        } else {
            ReplyGrammar.text(out);
        }
    }
}
