package dev.ketch.client.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.client.protocol.meta.MetaCodec;

/** The meta protocol's reply decoder against a hostile server (see {@link DecoderUnderFuzz}). */
class MetaRepliesFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void metaReplies(FuzzedDataProvider data) {
        DecoderUnderFuzz.run(MetaCodec.INSTANCE, data);
    }
}
