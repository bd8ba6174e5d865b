package dev.ketch.client.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ketch.client.protocol.text.TextCodec;

/** The text protocol's reply decoder against a hostile server (see {@link DecoderUnderFuzz}). */
class TextRepliesFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void textReplies(FuzzedDataProvider data) {
        DecoderUnderFuzz.run(TextCodec.INSTANCE, data);
    }
}
