package dev.ketch.client.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.client.protocol.binary.BinaryCodec;

/** The binary protocol's reply decoder against a hostile server (see {@link DecoderUnderFuzz}). */
class BinaryRepliesFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void binaryReplies(FuzzedDataProvider data) {
        DecoderUnderFuzz.run(BinaryCodec.INSTANCE, data);
    }
}
